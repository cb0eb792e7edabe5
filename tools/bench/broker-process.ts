import { ChildProcess, spawn } from 'child_process';
import { join } from 'path';
import { freePort } from '@herald/embedded-postgres';

export interface BrokerProcess {
  brokers: string;
  pid: number;
  stop(): Promise<void>;
}

/** This file is tools/bench/ (or dist/tools/bench/ when compiled). */
const ROOT = __filename.endsWith('.js')
  ? join(__dirname, '..', '..', '..')
  : join(__dirname, '..', '..');

/**
 * The embedded broker in a process of its own (`npm run kafka`), as the services reach it over
 * loopback anyway: so the bench can read its CPU apart from the receiver and the load generator.
 */
export async function startBrokerProcess(dataDir: string): Promise<BrokerProcess> {
  const port = await freePort();
  const args = __filename.endsWith('.js')
    ? [join(ROOT, 'dist', 'libs', 'embedded-kafka', 'src', 'cli.js')]
    : [join(ROOT, 'scripts', 'run-ts.cjs'), join(ROOT, 'libs', 'embedded-kafka', 'src', 'cli.ts')];
  const child: ChildProcess = spawn(
    process.execPath,
    [...args, '--port', String(port), '--host', '127.0.0.1', '--data-dir', dataDir],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('listening on')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`embedded broker exited (${code}): ${output}`)));
  });
  child.stdout!.resume();
  return {
    brokers: `127.0.0.1:${port}`,
    pid: child.pid!,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
