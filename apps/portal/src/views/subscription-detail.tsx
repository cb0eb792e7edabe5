import { usePortal } from './context';
import { ErrorNote, useLoad } from './ui';

export function SubscriptionDetail({ id }: { id: string }) {
  const { client } = usePortal();
  const sub = useLoad(() => client.get('/v1/subscriptions/{id}', { path: { id } }), [id]);
  return (
    <section>
      <h1>{sub.data?.url ?? 'Subscription'}</h1>
      <ErrorNote error={sub.error} />
    </section>
  );
}
