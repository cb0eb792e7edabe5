import { Admin, Kafka, KafkaJSDeleteGroupsError, logLevel } from 'kafkajs';

/**
 * Leaves a broker as a spec file expects a fresh one: no consumer groups (so no committed
 * offsets) and no topics but Kafka's internal ones (`__consumer_offsets`, ...). Herald's specs
 * use fixed topic names (`herald.deliveries`, ...) and group ids (`herald-dispatcher`), so a
 * spec file on a shared broker would otherwise read what the previous file left.
 *
 * A group still with members is waited for (a consumer that went away without leaving stays a
 * member until its session times out, kafkajs' default 30 s); one that is still there after
 * `timeoutMs` means a consumer of an earlier spec file is still running, and fails the claim.
 */
export async function resetBroker(
  bootstrap: string,
  timeoutMs = 40_000,
): Promise<{ nodeId: number }> {
  const admin = new Kafka({
    brokers: bootstrap.split(','),
    clientId: 'herald-shared-broker-reset',
    logLevel: logLevel.NOTHING,
  }).admin();
  const deadline = Date.now() + timeoutMs;
  await admin.connect();
  try {
    await deleteEveryGroup(admin, deadline);
    await deleteEveryTopic(admin, deadline);
    const { brokers } = await admin.describeCluster();
    return { nodeId: brokers[0].nodeId };
  } finally {
    await admin.disconnect();
  }
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function deleteEveryGroup(admin: Admin, deadline: number): Promise<void> {
  const started = Date.now();
  let waitedFor: string[] = [];
  for (;;) {
    const groupIds = (await admin.listGroups()).groups.map((g) => g.groupId);
    if (groupIds.length === 0) {
      if (waitedFor.length > 0) {
        // Seconds a spec file pays for an earlier one's consumers that did not leave.
        const seconds = ((Date.now() - started) / 1000).toFixed(1);
        process.stderr.write(`shared broker: waited ${seconds} s for ${waitedFor.join(', ')}\n`);
      }
      return;
    }
    try {
      await admin.deleteGroups(groupIds);
    } catch (error) {
      if (!(error instanceof KafkaJSDeleteGroupsError)) throw error;
      if (Date.now() > deadline) {
        const busy = error.groups.map((g) => `${g.groupId} (${g.error?.message ?? g.errorCode})`);
        throw new Error(
          `the shared broker's consumer groups did not empty: ${busy.join(', ')}; ` +
            'a consumer of an earlier spec file is still running',
        );
      }
      waitedFor = error.groups.map((g) => g.groupId);
      await pause(200);
    }
  }
}

async function deleteEveryTopic(admin: Admin, deadline: number): Promise<void> {
  const ours = (topics: string[]) => topics.filter((t) => !t.startsWith('__'));
  const topics = ours(await admin.listTopics());
  if (topics.length === 0) return;
  await admin.deleteTopics({ topics, timeout: Math.max(1_000, deadline - Date.now()) });
  // Deleted on the controller; gone once the broker's metadata no longer lists them.
  while (ours(await admin.listTopics()).length > 0) {
    if (Date.now() > deadline) throw new Error("the shared broker's topics were not deleted");
    await pause(100);
  }
}
