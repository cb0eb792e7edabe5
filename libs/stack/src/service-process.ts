import { ChildProcess, spawn } from 'child_process';
import { ServiceEntry, WORKSPACE_ROOT, serviceCommand } from './service-catalogue';

export interface ServiceProcessOptions {
  service: ServiceEntry;
  env: Record<string, string>;
  /** Restarts allowed within a minute before the supervisor gives up on the service. */
  restartLimit: number;
  /** Node flags before the entry point (profiling). */
  nodeArgs?: readonly string[];
  onOutput: (service: string, line: string) => void;
  onGiveUp: (service: string) => void;
}

/**
 * One supervised service: a child process restarted with back-off when it dies unexpectedly,
 * stopped with SIGTERM (then SIGKILL after a grace period).
 */
export class ServiceProcess {
  private child: ChildProcess | undefined;
  private stopping = false;
  private restarts: number[] = [];
  private exited: Promise<void> = Promise.resolve();

  constructor(private readonly options: ServiceProcessOptions) {}

  get pid(): number | undefined {
    return this.child?.pid;
  }

  start(): void {
    const { service, env } = this.options;
    const child = spawn(process.execPath, serviceCommand(service, this.options.nodeArgs), {
      cwd: WORKSPACE_ROOT,
      env: { ...env, [service.portVariable]: String(service.port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    for (const stream of [child.stdout, child.stderr]) {
      let buffered = '';
      stream?.on('data', (chunk: Buffer) => {
        buffered += chunk.toString();
        const lines = buffered.split('\n');
        buffered = lines.pop() ?? '';
        for (const line of lines) if (line.trim()) this.options.onOutput(service.name, line);
      });
    }
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
    child.once('exit', (code, signal) => {
      if (this.stopping) return;
      this.options.onOutput(
        service.name,
        `exited (code ${code ?? '-'}, signal ${signal ?? '-'}); restarting`,
      );
      this.restartLater();
    });
  }

  private restartLater(): void {
    const now = Date.now();
    this.restarts = this.restarts.filter((t) => now - t < 60_000);
    if (this.restarts.length >= this.options.restartLimit) {
      this.options.onGiveUp(this.options.service.name);
      return;
    }
    this.restarts.push(now);
    setTimeout(() => {
      if (!this.stopping) this.start();
    }, 500 * this.restarts.length).unref();
  }

  /** Kills the process without letting it drain, as `kill -9` would (fault injection). */
  kill(): void {
    this.child?.kill('SIGKILL');
  }

  async stop(graceMs = 15_000): Promise<void> {
    this.stopping = true;
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(timer);
  }
}
