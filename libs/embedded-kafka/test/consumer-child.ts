// A kafkajs group member in its own process, so a test can SIGKILL it (no LeaveGroup).
// Usage: consumer-child.ts <brokers> <topic> <groupId>; prints JSON lines on stdout.
import { Kafka, logLevel } from 'kafkajs';

async function main(): Promise<void> {
  const [brokers, topic, groupId] = process.argv.slice(2);
  const kafka = new Kafka({ clientId: 'child', brokers: [brokers], logLevel: logLevel.NOTHING });
  const consumer = kafka.consumer({
    groupId,
    sessionTimeout: 3000,
    heartbeatInterval: 200,
    maxWaitTimeInMs: 100,
  });
  const emit = (line: object): boolean => process.stdout.write(`${JSON.stringify(line)}\n`);
  consumer.on(consumer.events.GROUP_JOIN, (e) =>
    emit({ type: 'joined', memberId: e.payload.memberId }),
  );
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message }) => {
      emit({ type: 'message', value: message.value?.toString() });
    },
  });
}

main().catch((err: unknown) => {
  process.stderr.write(`${String(err)}\n`);
  process.exit(1);
});
