/**
 * Outcomes this instance worked out but could not record (database or broker down), by the
 * message they belong to. A failed record rewinds the partition, so the message comes back:
 * its outcome is then recorded again instead of the webhook being sent a second time. The key
 * names the exact message (partition, offset and delivery id), so a replayed or redriven job,
 * which is a new message, is never mistaken for one already sent. Bounded: beyond `capacity`
 * the oldest are forgotten (their messages are then simply delivered again, at least once).
 */
export class UnrecordedOutcomes<T> {
  private readonly byMessage = new Map<string, T>();

  constructor(private readonly capacity: number) {}

  get size(): number {
    return this.byMessage.size;
  }

  keep(messageKey: string, outcome: T): void {
    this.byMessage.delete(messageKey);
    this.byMessage.set(messageKey, outcome);
    while (this.byMessage.size > this.capacity) {
      this.byMessage.delete(this.byMessage.keys().next().value as string);
    }
  }

  /** The outcome kept for this message, removed: the caller records it now. */
  take(messageKey: string): T | undefined {
    const outcome = this.byMessage.get(messageKey);
    if (outcome !== undefined) this.byMessage.delete(messageKey);
    return outcome;
  }
}
