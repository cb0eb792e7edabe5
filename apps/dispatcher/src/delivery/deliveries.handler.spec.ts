import { BatchContext, ConsumedMessage, KafkaBatch } from '@herald/kafka';
import { DeliveriesHandler } from './deliveries.handler';
import { HandleDeliveryMessage } from './handle-delivery-message.usecase';

/** What the handler asked of kafkajs for one partition. */
class PartitionControls implements BatchContext {
  readonly topic = 'herald.deliveries';
  constructor(readonly partition = 0) {}
  resolved: string[] = [];
  commits: string[] = [];
  seeks: string[] = [];
  paused = false;
  pauses = 0;

  resolveOffset(offset: string): void {
    this.resolved.push(offset);
  }
  heartbeat(): Promise<void> {
    return Promise.resolve();
  }
  isActive(): boolean {
    return true;
  }
  pause(): () => void {
    this.paused = true;
    this.pauses++;
    return () => (this.paused = false);
  }
  seek(offset: string): void {
    this.seeks.push(offset);
  }
  commit(nextOffset: string): Promise<void> {
    this.commits.push(nextOffset);
    return Promise.resolve();
  }
}

/** Jobs that finish when the test says so, by offset. */
class ControlledJobs {
  private readonly pending = new Map<string, { resolve(): void; reject(e: Error): void }>();
  started: string[] = [];

  asDispatch(): HandleDeliveryMessage {
    return {
      execute: (message: ConsumedMessage) =>
        new Promise<void>((resolve, reject) => {
          this.started.push(message.offset);
          this.pending.set(message.offset, { resolve, reject });
        }),
    } as unknown as HandleDeliveryMessage;
  }

  finish(offset: string): void {
    this.pending.get(offset)!.resolve();
  }

  fail(offset: string, error: Error): void {
    this.pending.get(offset)!.reject(error);
  }
}

/** A partition's batch as the transport hands it over: each job as it came (`asReceived()`). */
function messages(from: number, to: number, partition = 0): KafkaBatch<ConsumedMessage> {
  const batch: ConsumedMessage[] = Array.from({ length: to - from + 1 }, (_, i) => ({
    topic: 'herald.deliveries',
    partition,
    offset: String(from + i),
    key: null,
    value: null,
    headers: {},
    timestamp: '0',
  }));
  return {
    topic: 'herald.deliveries',
    partition,
    messages: batch.map((message) => ({ value: message, message })),
    invalid: 0,
  };
}

/** The commit timer fires once (every 200 ms), on fake time. */
const commitTick = () => jest.advanceTimersByTimeAsync(200);
/** Lets finished jobs' promise callbacks run, without moving fake time. */
const settle = () => jest.advanceTimersByTimeAsync(0);

describe('DeliveriesHandler', () => {
  let handler: DeliveriesHandler;
  // The handler's timers (commits, room waits, back-offs) and Date.now run on fake time.
  beforeEach(() => jest.useFakeTimers());
  afterEach(async () => {
    const drained = handler.drain(0);
    await jest.advanceTimersByTimeAsync(1);
    await drained;
    jest.useRealTimers();
  });

  it('returns while deliveries run and commits only up to the first unfinished one', async () => {
    const jobs = new ControlledJobs();
    const kafka = new PartitionControls();
    handler = new DeliveriesHandler(jobs.asDispatch(), {
      maxInFlight: 10,
    });

    await handler.deliveries(messages(0, 3), kafka);
    expect(jobs.started).toEqual(['0', '1', '2', '3']);
    expect(kafka.resolved).toEqual(['0', '1', '2', '3']); // fetch moves on
    expect(handler.inFlight).toBe(4);

    jobs.finish('0');
    jobs.finish('2');
    jobs.finish('3');
    await commitTick();
    expect(kafka.commits).toEqual(['1']); // '1' still runs: the commit stops before it

    jobs.finish('1');
    await commitTick();
    expect(kafka.commits).toEqual(['1', '4']);
  });

  it('when full, waits for room, then pauses fetching and resumes at the first message not taken', async () => {
    const jobs = new ControlledJobs();
    const kafka = new PartitionControls();
    handler = new DeliveriesHandler(jobs.asDispatch(), {
      maxInFlight: 2,
    });

    const batch = handler.deliveries(messages(0, 4), kafka);
    await jest.advanceTimersByTimeAsync(50);
    jobs.finish('0'); // room for one more while the batch waits
    await settle();
    expect(jobs.started).toEqual(['0', '1', '2']);
    expect(kafka.paused).toBe(false); // still waiting for room: kafkajs keeps fetching
    await jest.advanceTimersByTimeAsync(999);
    expect(kafka.paused).toBe(false);
    await jest.advanceTimersByTimeAsync(1); // the room wait (1 s) for message 3 is over
    await batch;
    expect(jobs.started).toEqual(['0', '1', '2']);
    expect(kafka.resolved).toEqual(['0', '1', '2']); // the next fetch starts at 3
    expect(kafka.paused).toBe(true); // no more room within the wait

    jobs.finish('1');
    await settle();
    expect(kafka.paused).toBe(false);
    const next = handler.deliveries(messages(3, 4), kafka);
    await jest.advanceTimersByTimeAsync(1_000);
    await next;
    expect(jobs.started).toEqual(['0', '1', '2', '3']);
    expect(kafka.paused).toBe(true);
  });

  it('gives each freed slot to one waiting partition, in the order they started waiting', async () => {
    const jobs = new ControlledJobs();
    const [first, second] = [new PartitionControls(0), new PartitionControls(1)];
    handler = new DeliveriesHandler(jobs.asDispatch(), {
      maxInFlight: 2,
    });
    await handler.deliveries(messages(0, 1), first); // full

    const waiting = [
      handler.deliveries(messages(10, 10), first),
      handler.deliveries(messages(20, 20, 1), second),
    ];
    jobs.finish('0');
    await settle();
    expect(first.resolved).toEqual(['0', '1', '10']); // the first in line took the slot
    expect(second.resolved).toEqual([]); // and the other is still waiting

    jobs.finish('1');
    await Promise.all(waiting);
    expect(second.resolved).toEqual(['20']);
    expect(handler.inFlight).toBe(2);
  });

  it('rewinds to a job whose outcome could not be recorded and fetches it again after a back-off', async () => {
    const jobs = new ControlledJobs();
    const kafka = new PartitionControls();
    const errors: string[] = [];
    handler = new DeliveriesHandler(jobs.asDispatch(), {
      maxInFlight: 10,
      onError: (error) => errors.push(error.message),
    });

    await handler.deliveries(messages(0, 2), kafka);
    jobs.finish('0');
    jobs.fail('1', new Error('attempt log unavailable'));
    jobs.finish('2');
    await commitTick();
    expect(kafka.commits).toEqual(['1']);
    expect(kafka.seeks).toEqual(['1']);
    expect(kafka.paused).toBe(true);
    expect(errors).toEqual(['attempt log unavailable']);

    await jest.advanceTimersByTimeAsync(399); // the first back-off is 400 ms
    expect(kafka.paused).toBe(true);
    await jest.advanceTimersByTimeAsync(1);
    expect(kafka.paused).toBe(false);
    await handler.deliveries(messages(1, 2), kafka); // re-fetched from the failed job
    expect(jobs.started).toEqual(['0', '1', '2', '1', '2']);
  });

  it('on drain, takes no new jobs, waits for running ones and commits them', async () => {
    const jobs = new ControlledJobs();
    const kafka = new PartitionControls();
    handler = new DeliveriesHandler(jobs.asDispatch(), {
      maxInFlight: 10,
    });

    await handler.deliveries(messages(0, 1), kafka);
    const start = Date.now();
    const drained = handler.drain(1_000);
    await jest.advanceTimersByTimeAsync(20);
    jobs.finish('0');
    jobs.finish('1');
    await settle();
    await drained; // before its 1 s: the running jobs finished
    expect(Date.now() - start).toBe(20);
    expect(kafka.commits).toEqual(['2']);
    await handler.deliveries(messages(2, 2), kafka);
    expect(jobs.started).toEqual(['0', '1']);
  });
});
