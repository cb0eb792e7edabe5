/**
 * The payload formats the seed documents describe, as ready-made JSONata templates (also in
 * docs/seed-profiles.md, which a spec checks against these). A tenant creates one with
 * `POST /v1/payload-formats {"name": "packt", "template": PACKT_TEMPLATE}`.
 */

/**
 * Packt: `{code, timestamp, id, description}`. `code` is the event type's registered code
 * (000 canary, 100 product information changed, 101 new product available, 200 content
 * updated); `timestamp` the event time to the second, in UTC; `id` the changed object (the
 * entity id, else the subject); `description` the event's `data.description`, left out when
 * absent (Packt: optional).
 */
export const PACKT_TEMPLATE = `{
  "code": eventType.code,
  "timestamp": $fromMillis($toMillis(time), "[Y0001]-[M01]-[D01]T[H01]:[m01]:[s01]Z"),
  "id": entityId ? entityId : subject,
  "description": data.description
}`;

/**
 * Xena: `{"EntityType": "Article", "EntityId": 7, "EntityEvent": "Updated"}`. The entity type
 * with a capital first letter, the id as a number when it is one (up to 15 digits, exact in
 * JSON), and the action spelled as Xena does: Created, Updated, Deleted.
 */
export const XENA_TEMPLATE = `{
  "EntityType": $uppercase($substring(entityType, 0, 1)) & $substring(entityType, 1),
  "EntityId": $contains(entityId, /^[0-9]{1,15}$/) ? $number(entityId) : entityId,
  "EntityEvent": $lookup({"created": "Created", "updated": "Updated", "deleted": "Deleted"}, action)
}`;

/**
 * The webhooks tutorial: `{"event": "order_created", "order_id": 1234, "amount": 2499,
 * "status": "confirmed"}`. The event type with `_` for `.`, the order (entity) id as a number
 * when it is one, amount and status from the event's data.
 */
export const TUTORIAL_ORDER_TEMPLATE = `{
  "event": $replace(type, ".", "_"),
  "order_id": $contains(entityId, /^[0-9]{1,15}$/) ? $number(entityId) : entityId,
  "amount": data.amount,
  "status": data.status
}`;
