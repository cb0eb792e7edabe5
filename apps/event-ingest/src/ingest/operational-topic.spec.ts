import { TOPICS } from '@herald/contracts';
import { operationalTopicProblem } from './ingest-events.usecase';

describe('herald.* types only on herald.events.operational', () => {
  it.each([
    [TOPICS.eventsInbound, 'order.created', false],
    [TOPICS.eventsInbound, 'heralded.order', false],
    ['shop.orders', 'order.created', false],
    [TOPICS.eventsOperational, 'herald.subscription.paused', false],
    [TOPICS.eventsOperational, 'herald.delivery.exhausted', false],
    [TOPICS.eventsInbound, 'herald.subscription.paused', true],
    [TOPICS.eventsInbound, 'herald.delivery.recovered', true],
    ['shop.orders', 'herald.subscription.reactivated', true],
    [TOPICS.eventsOperational, 'order.created', true],
  ])('%s carrying %s: refused %s', (topic, type, refused) => {
    const problem = operationalTopicProblem(topic, type);
    expect(problem !== null).toBe(refused);
    if (problem) {
      expect(problem.reason).toBe('invalid_envelope');
      expect(problem.detail).toMatch(/^type: /);
    }
  });
});
