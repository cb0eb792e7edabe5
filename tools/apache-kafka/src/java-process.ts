import { ChildProcess, spawn } from 'child_process';
import { closeSync, openSync } from 'fs';
import { Socket } from 'net';

/**
 * Runs `java` in its own process group with its output appended to a log file, and makes sure
 * it dies with us: a watchdog shell in the same group holds the read end of a pipe whose write
 * end only this process has, so when this process goes away (even by SIGKILL) the watchdog
 * reads end-of-file and kills the JVM. An exit handler also kills every group still running.
 */
const WATCHDOG = [
  'exec 3<&0',
  // $$ is this shell's pid, which `exec` below hands to the JVM.
  '{ while read -r _ <&3; do :; done; kill -KILL $$ 2>/dev/null; } &',
  'exec "$@"',
].join('\n');

const running = new Set<JavaProcess>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const child of running) child.killGroup('SIGKILL');
  });
}

export class JavaProcess {
  private readonly child: ChildProcess;
  private readonly exited: Promise<number | null>;
  private done = false;

  constructor(args: string[], logFile: string) {
    installExitHook();
    const log = openSync(logFile, 'a');
    try {
      this.child = spawn('sh', ['-c', WATCHDOG, 'sh', 'java', ...args], {
        detached: true,
        stdio: ['pipe', log, log],
      });
    } finally {
      closeSync(log);
    }
    this.child.unref();
    // The watchdog's pipe must not keep this process alive on its own.
    (this.child.stdin as Socket | null)?.unref();
    running.add(this);
    this.exited = new Promise((resolve) => {
      this.child.once('exit', (code) => {
        this.done = true;
        this.killGroup('SIGKILL'); // the watchdog
        running.delete(this);
        resolve(code);
      });
      this.child.once('error', () => {
        this.done = true;
        running.delete(this);
        resolve(null);
      });
    });
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get alive(): boolean {
    return !this.done;
  }

  /** Resolves with the exit code once the JVM is gone (keeping this process alive until then). */
  async waitForExit(): Promise<number | null> {
    this.child.ref();
    try {
      return await this.exited;
    } finally {
      this.child.unref();
    }
  }

  /** SIGTERM (Kafka's controlled shutdown), then SIGKILL if it takes longer than `graceMs`. */
  async stop(graceMs: number): Promise<void> {
    if (this.done) return;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.killGroup('SIGKILL'), graceMs);
    await this.waitForExit();
    clearTimeout(timer);
  }

  /** kill -9 of the JVM and its watchdog. */
  async kill(): Promise<void> {
    this.killGroup('SIGKILL');
    await this.waitForExit();
  }

  killGroup(signal: NodeJS.Signals): void {
    if (this.child.pid === undefined) return;
    try {
      process.kill(-this.child.pid, signal);
    } catch {
      // already gone
    }
  }
}

/** Runs a short-lived JDK command (java, keytool) to completion, failing with its output. */
export function runJdkTool(command: 'java' | 'keytool', args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', (error) =>
      reject(new Error(`cannot run ${command} (is a JDK 17+ installed?): ${error.message}`)),
    );
    child.once('exit', (code) =>
      code === 0
        ? resolve(output)
        : reject(
            new Error(`${command} ${args.slice(0, 4).join(' ')} ... failed (${code}):\n${output}`),
          ),
    );
  });
}
