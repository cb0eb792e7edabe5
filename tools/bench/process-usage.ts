import { readFileSync } from 'fs';

const CLOCK_TICKS_PER_SECOND = 100;

export interface ProcessUsage {
  rssBytes: number;
  cpuSeconds: number;
}

/** RSS and CPU time of a process, read from /proc (Linux). */
export function readProcessUsage(pid: number): ProcessUsage | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return { rssBytes: rssKb * 1024, cpuSeconds: ticks / CLOCK_TICKS_PER_SECOND };
  } catch {
    return undefined;
  }
}

/** Peak RSS and CPU used over a measured window, sampled periodically. */
export class UsageTracker {
  private peakRss = 0;
  private readonly startCpu: number;
  private readonly startedAt = Date.now();
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly pid: number) {
    this.startCpu = readProcessUsage(pid)?.cpuSeconds ?? 0;
    this.timer = setInterval(() => this.sample(), 250);
    this.timer.unref();
  }

  private sample(): void {
    const usage = readProcessUsage(this.pid);
    if (usage) this.peakRss = Math.max(this.peakRss, usage.rssBytes);
  }

  stop(): { peakRssMb: number; cpuPercent: number } {
    this.sample();
    clearInterval(this.timer);
    const cpu = (readProcessUsage(this.pid)?.cpuSeconds ?? this.startCpu) - this.startCpu;
    const elapsed = (Date.now() - this.startedAt) / 1000;
    return {
      peakRssMb: Math.round(this.peakRss / 1048576),
      cpuPercent: Math.round((cpu / elapsed) * 100),
    };
  }
}
