import { ChildProcess, spawn } from 'child_process';
import { readFileSync } from 'fs';
import { join } from 'path';
import { createInterface } from 'readline';

const ROOT = join(__dirname, '..', '..', '..');

/** The broker CLI in its own process, so its RSS is measured apart from the clients. */
export interface BrokerProcess {
  brokers: string;
  rssMb(): number;
  stop(): Promise<void>;
}

export function startBrokerProcess(dataDir: string | undefined): Promise<BrokerProcess> {
  const child: ChildProcess = spawn(
    process.execPath,
    [
      join(ROOT, 'scripts/run-ts.cjs'),
      join(ROOT, 'libs/embedded-kafka/src/cli.ts'),
      '--port',
      '0',
      ...(dataDir ? ['--data-dir', dataDir] : []),
    ],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`broker exited with ${code}`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const match = /listening on (\S+?),/.exec(line);
      if (!match) return;
      resolve({
        brokers: match[1],
        rssMb: () => {
          const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
          return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
        },
        stop: () =>
          new Promise((done) => {
            child.removeAllListeners('exit');
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    });
  });
}
