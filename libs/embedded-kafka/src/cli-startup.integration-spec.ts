import { ChildProcess, spawn } from 'child_process';
import { freePort } from '@herald/embedded-postgres';
import { join } from 'path';
import { RawClient } from '../test/raw-client';
import { kafkajsCall } from '../test/kafkajs-protocol';

const ROOT = join(__dirname, '..', '..', '..');
/** About a client's usual version-probe timeout: the first answer must come well within it. */
const FIRST_ANSWER_BUDGET_MS = 2_000;

jest.setTimeout(60_000);

/** Signals the child's whole process group (npm, its shell, node); gone already is fine. */
function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    process.kill(-child.pid!, signal);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}

/** ms from spawning `npm run kafka` to its first ApiVersions answer. */
async function timeToFirstAnswer(children: ChildProcess[]): Promise<number> {
  const port = await freePort();
  const started = process.hrtime.bigint();
  const child = spawn('npm', ['run', '--silent', 'kafka', '--', '--port', String(port)], {
    cwd: ROOT,
    stdio: 'ignore',
    detached: true,
  });
  children.push(child);
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`npm run kafka exited with ${child.exitCode}`);
      const client = await RawClient.open('127.0.0.1', port).catch(() => undefined);
      if (client) {
        const res = await kafkajsCall(client, 'ApiVersions', 2, {});
        client.close();
        expect(res.errorCode).toBe(0);
        return Number(process.hrtime.bigint() - started) / 1e6;
      }
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  } finally {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    signalGroup(child, 'SIGTERM');
    if (child.exitCode === null) await exited;
  }
}

describe('npm run kafka start-up', () => {
  const children: ChildProcess[] = [];
  afterAll(() => {
    for (const c of children) signalGroup(c, 'SIGKILL');
  });

  it(`answers ApiVersions within ${FIRST_ANSWER_BUDGET_MS} ms of the process start`, async () => {
    const cold = await timeToFirstAnswer(children); // may compile into .herald/ts-cache
    const warm: number[] = [];
    for (let i = 0; i < 3; i++) warm.push(await timeToFirstAnswer(children));
    warm.sort((a, b) => a - b);
    console.log(
      `npm run kafka → first ApiVersions answer: first run ${cold.toFixed(0)} ms, ` +
        `then ${warm.map((t) => t.toFixed(0)).join(' / ')} ms`,
    );
    expect(warm[1]).toBeLessThan(FIRST_ANSWER_BUDGET_MS);
  });
});
