/**
 * One cold rebuild of the dispatcher's subscription replica from a compacted changelog, as the
 * service does at start-up (ChangelogReader → SubscriptionReplica), timed and weighed. Started
 * by `npm run bench:matcher -- --rebuild` (libs/matching/bench), one fresh process per load.
 */
import { logLevel } from 'kafkajs';
import { measureRebuild, rebuildTargetOf, reportRebuild } from '@herald/bench-kit';
import { ChangelogReader, createKafka } from '@herald/kafka';
import { SubscriptionReplica } from '../src/delivery/subscription-replica';

async function main(): Promise<void> {
  const target = rebuildTargetOf(process.argv);
  const kafka = createKafka(
    {
      HERALD_KAFKA_BROKERS: target.brokers.split(','),
      HERALD_KAFKA_CLIENT_ID: 'herald',
      HERALD_KAFKA_SSL: false,
      HERALD_KAFKA_SASL_MECHANISM: 'none',
      HERALD_KAFKA_SASL_USERNAME: 'herald',
      HERALD_KAFKA_SASL_PASSWORD: 'unset',
    },
    'dispatcher-rebuild-bench',
    { logLevel: logLevel.ERROR },
  );
  const replica = new SubscriptionReplica();
  let rejected = 0;
  const reader = new ChangelogReader(kafka, replica, () => rejected++, target.topic);
  reportRebuild(
    await measureRebuild(
      reader,
      () => replica.size,
      () => rejected,
    ),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
