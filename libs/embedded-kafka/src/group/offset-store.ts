import { appendFileSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'fs';
import { dirname } from 'path';

export interface CommittedOffset {
  offset: number;
  metadata: string | null;
}

type OffsetLine =
  { g: string; t: string; p: number; o: number; m: string | null } | { g: string; deleted: true };

/**
 * Committed offsets per group, stored exactly as sent (-1 and -2 included). With a file,
 * every commit is appended as a JSON line; the file is replayed and compacted on open.
 */
export class OffsetStore {
  private readonly groups = new Map<string, Map<string, Map<number, CommittedOffset>>>();

  constructor(private readonly file?: string) {
    if (!file) return;
    if (existsSync(file)) {
      for (const line of readFileSync(file, 'utf8').split('\n')) {
        if (!line.trim()) continue;
        let entry: OffsetLine;
        try {
          entry = JSON.parse(line) as OffsetLine;
        } catch {
          continue; // a torn last line
        }
        if ('deleted' in entry) this.groups.delete(entry.g);
        else this.put(entry.g, entry.t, entry.p, { offset: entry.o, metadata: entry.m });
      }
    }
    mkdirSync(dirname(file), { recursive: true });
    const compacted: string[] = [];
    for (const [g, topics] of this.groups)
      for (const [t, parts] of topics)
        for (const [p, c] of parts)
          compacted.push(JSON.stringify({ g, t, p, o: c.offset, m: c.metadata }));
    writeFileSync(`${file}.tmp`, compacted.map((l) => `${l}\n`).join(''));
    renameSync(`${file}.tmp`, file);
  }

  private put(group: string, topic: string, partition: number, c: CommittedOffset): void {
    let topics = this.groups.get(group);
    if (!topics) this.groups.set(group, (topics = new Map()));
    let parts = topics.get(topic);
    if (!parts) topics.set(topic, (parts = new Map()));
    parts.set(partition, c);
  }

  commit(
    group: string,
    entries: { topic: string; partition: number; offset: number; metadata: string | null }[],
  ): void {
    const lines: string[] = [];
    for (const e of entries) {
      this.put(group, e.topic, e.partition, { offset: e.offset, metadata: e.metadata });
      lines.push(
        JSON.stringify({ g: group, t: e.topic, p: e.partition, o: e.offset, m: e.metadata }),
      );
    }
    if (this.file && lines.length > 0)
      appendFileSync(this.file, lines.map((l) => `${l}\n`).join(''));
  }

  get(group: string, topic: string, partition: number): CommittedOffset | undefined {
    return this.groups.get(group)?.get(topic)?.get(partition);
  }

  /** Every committed (topic, partition) of a group. */
  all(group: string): { topic: string; partition: number; committed: CommittedOffset }[] {
    const out: { topic: string; partition: number; committed: CommittedOffset }[] = [];
    for (const [topic, parts] of this.groups.get(group) ?? [])
      for (const [partition, committed] of parts) out.push({ topic, partition, committed });
    return out;
  }

  has(group: string): boolean {
    return this.groups.has(group);
  }

  groupIds(): string[] {
    return [...this.groups.keys()];
  }

  deleteGroup(group: string): void {
    this.groups.delete(group);
    if (this.file) appendFileSync(this.file, `${JSON.stringify({ g: group, deleted: true })}\n`);
  }
}
