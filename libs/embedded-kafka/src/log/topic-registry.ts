import { existsSync, readFileSync, renameSync, writeFileSync, mkdirSync } from 'fs';
import { join } from 'path';
import { ErrorCode } from '../protocol/error-codes';
import { PartitionLog } from './partition-log';
import { FileSegmentStore, MemorySegmentStore } from './segment-store';

export interface Topic {
  name: string;
  id: number;
  partitions: PartitionLog[];
  configs: Record<string, string>;
}

interface TopicRecord {
  name: string;
  partitions: number;
  configs: Record<string, string>;
}

const VALID_NAME = /^[a-zA-Z0-9._-]{1,249}$/;
const CLEANUP_POLICIES = new Set(['delete', 'compact', 'compact,delete', 'delete,compact']);

export interface TopicRegistryOptions {
  dataDir?: string;
  segmentBytes: number;
}

/** Topics and their partition logs; with a data dir, `topics.json` lists them across restarts. */
export class TopicRegistry {
  private readonly topics = new Map<string, Topic>();
  private nextId = 1;
  private readonly appendListeners = new Set<() => void>();

  constructor(private readonly options: TopicRegistryOptions) {
    const file = this.catalogueFile();
    if (file && existsSync(file)) {
      const records = JSON.parse(readFileSync(file, 'utf8')) as TopicRecord[];
      for (const r of records) this.open(r);
    }
  }

  private catalogueFile(): string | undefined {
    return this.options.dataDir ? join(this.options.dataDir, 'topics.json') : undefined;
  }

  private partitionDir(topic: string, partition: number): string {
    return join(this.options.dataDir as string, 'log', `${topic}-${partition}`);
  }

  private open(r: TopicRecord): Topic {
    const partitions: PartitionLog[] = [];
    for (let p = 0; p < r.partitions; p++) {
      if (this.options.dataDir) {
        const { store, batches } = FileSegmentStore.open(
          this.partitionDir(r.name, p),
          this.options.segmentBytes,
        );
        partitions.push(new PartitionLog(store, batches));
      } else {
        partitions.push(new PartitionLog(new MemorySegmentStore()));
      }
    }
    const topic: Topic = { name: r.name, id: this.nextId++, partitions, configs: r.configs };
    this.topics.set(r.name, topic);
    return topic;
  }

  private save(): void {
    const file = this.catalogueFile();
    if (!file) return;
    mkdirSync(this.options.dataDir as string, { recursive: true });
    const records: TopicRecord[] = [...this.topics.values()].map((t) => ({
      name: t.name,
      partitions: t.partitions.length,
      configs: t.configs,
    }));
    writeFileSync(`${file}.tmp`, JSON.stringify(records, null, 2));
    renameSync(`${file}.tmp`, file);
  }

  get(name: string): Topic | undefined {
    return this.topics.get(name);
  }

  partition(name: string, partition: number): PartitionLog | undefined {
    return this.topics.get(name)?.partitions[partition];
  }

  list(): Topic[] {
    return [...this.topics.values()];
  }

  /** Validates then creates; returns a Kafka error code and message (0 when created). */
  create(
    name: string,
    partitions: number,
    configs: Record<string, string>,
    validateOnly = false,
  ): { errorCode: number; message: string | null } {
    if (!VALID_NAME.test(name) || name === '.' || name === '..') {
      return {
        errorCode: ErrorCode.INVALID_TOPIC_EXCEPTION,
        message: `invalid topic name '${name}'`,
      };
    }
    if (this.topics.has(name)) {
      return {
        errorCode: ErrorCode.TOPIC_ALREADY_EXISTS,
        message: `topic '${name}' already exists`,
      };
    }
    if (!Number.isInteger(partitions) || partitions <= 0 || partitions > 10_000) {
      return {
        errorCode: ErrorCode.INVALID_PARTITIONS,
        message: `invalid partition count ${partitions}`,
      };
    }
    const policy = configs['cleanup.policy'];
    if (policy !== undefined && !CLEANUP_POLICIES.has(policy.replace(/\s/g, ''))) {
      return { errorCode: ErrorCode.INVALID_CONFIG, message: `invalid cleanup.policy '${policy}'` };
    }
    if (!validateOnly) {
      this.open({ name, partitions, configs });
      this.save();
    }
    return { errorCode: ErrorCode.NONE, message: null };
  }

  delete(name: string): number {
    const topic = this.topics.get(name);
    if (!topic) return ErrorCode.UNKNOWN_TOPIC_OR_PARTITION;
    this.topics.delete(name);
    for (const p of topic.partitions) p.destroy();
    this.save();
    this.notifyAppend();
    return ErrorCode.NONE;
  }

  /** Called after every append (wakes long-polling fetches). */
  onAppend(listener: () => void): () => void {
    this.appendListeners.add(listener);
    return () => this.appendListeners.delete(listener);
  }

  notifyAppend(): void {
    for (const l of [...this.appendListeners]) l();
  }

  maxProducerId(): number {
    let max = -1;
    for (const t of this.topics.values())
      for (const p of t.partitions) max = Math.max(max, p.producers.maxProducerId);
    return max;
  }

  /** Waits for pending segment writes, then closes every file. */
  async close(): Promise<void> {
    const partitions = [...this.topics.values()].flatMap((t) => t.partitions);
    this.topics.clear();
    await Promise.all(partitions.map((p) => p.flush()));
    for (const p of partitions) p.close();
  }
}
