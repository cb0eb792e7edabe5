/** Durations written the way operators write them: `500ms`, `5s`, `10m`, `4h`, `3d`. */
const UNIT_MS = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
type Unit = keyof typeof UNIT_MS;

export function parseDuration(text: string): number {
  const match = /^(\d+)(ms|s|m|h|d)$/.exec(text.trim());
  if (!match) throw new Error(`invalid duration "${text}" (expected e.g. 500ms, 5s, 10m, 4h, 3d)`);
  return Number(match[1]) * UNIT_MS[match[2] as Unit];
}

/** The shortest exact spelling of a duration: 300000 -> `5m`, 90000 -> `90s`. */
export function formatDuration(ms: number): string {
  if (!Number.isInteger(ms) || ms < 0) throw new Error(`invalid duration ${ms}ms`);
  const units: Unit[] = ['d', 'h', 'm', 's'];
  for (const unit of units) {
    if (ms >= UNIT_MS[unit] && ms % UNIT_MS[unit] === 0) return `${ms / UNIT_MS[unit]}${unit}`;
  }
  return `${ms}ms`;
}
