/**
 * One cold rebuild of the matcher's subscription index from a compacted changelog, as the
 * service does at start-up (ChangelogReader → IndexUpdater → SubscriptionIndex), timed and
 * weighed. Started by `npm run bench:matcher -- --rebuild` (libs/matching/bench), one fresh
 * process per load.
 */
import { logLevel } from 'kafkajs';
import { measureRebuild, rebuildTargetOf, reportRebuild } from '@herald/bench-kit';
import { ChangelogReader, createKafka } from '@herald/kafka';
import { SubscriptionIndex } from '@herald/matching';
import { IndexUpdater } from '../src/matching/index-updater';

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
    'matcher-rebuild-bench',
    { logLevel: logLevel.ERROR },
  );
  const index = new SubscriptionIndex();
  let rejected = 0;
  const updater = new IndexUpdater(index, () => rejected++);
  const reader = new ChangelogReader(kafka, updater, () => rejected++, target.topic);
  reportRebuild(
    await measureRebuild(
      reader,
      () => index.size,
      () => rejected,
    ),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
