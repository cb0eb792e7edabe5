export function DeliveryLog({ subscriptionId }: { subscriptionId?: string }) {
  return <h1>Deliveries {subscriptionId}</h1>;
}

export function DeliveryDetail({ id }: { id: string }) {
  return <h1>Delivery {id}</h1>;
}
