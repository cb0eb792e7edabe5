export function AttemptChart({ subscriptionId }: { subscriptionId: string }) {
  return <p class="muted">Chart of {subscriptionId} (coming)</p>;
}
