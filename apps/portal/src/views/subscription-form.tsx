export function SubscriptionForm({ id }: { id?: string }) {
  return <h1>{id ? 'Edit subscription' : 'New subscription'}</h1>;
}
