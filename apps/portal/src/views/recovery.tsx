export function RecoveryView({ subscriptionId }: { subscriptionId?: string }) {
  return <h1>Recovery {subscriptionId}</h1>;
}
