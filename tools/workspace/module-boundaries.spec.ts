import { spawnSync } from 'child_process';
import { randomBytes } from 'crypto';
import { rmSync, writeFileSync } from 'fs';
import { join } from 'path';

/**
 * The architecture's import rules are enforced by lint, which `npm test` runs.
 * These cases prove the rules bite: each illegal import must be reported.
 */
const root = join(__dirname, '..', '..');

interface LintMessage {
  ruleId: string | null;
  message: string;
}

/**
 * Writes `code` as a probe file in the given project folder (git-ignored, removed afterwards)
 * and lints it with the workspace's real ESLint config.
 */
async function boundaryErrors(folder: string, code: string): Promise<string[]> {
  const file = join(root, folder, `__boundary-probe-${randomBytes(4).toString('hex')}.ts`);
  writeFileSync(file, code);
  try {
    const eslint = spawnSync(
      join(root, 'node_modules', '.bin', 'eslint'),
      ['--format', 'json', file],
      {
        cwd: root,
        encoding: 'utf8',
        env: { ...process.env, NX_DAEMON: 'false' },
      },
    );
    const [result] = JSON.parse(eslint.stdout) as { messages: LintMessage[] }[];
    const fatal = result.messages.find((m) => m.ruleId === null);
    if (fatal) throw new Error(`lint could not run on ${file}: ${fatal.message}`);
    return result.messages
      .filter((m) => m.ruleId === '@nx/enforce-module-boundaries')
      .map((m) => m.message);
  } finally {
    rmSync(file, { force: true });
  }
}

describe('module boundaries', () => {
  jest.setTimeout(120_000);

  it('refuses an app importing another app', async () => {
    const errors = await boundaryErrors(
      'apps/matcher/src',
      "import { DispatcherModule } from '../../dispatcher/src/dispatcher.module';\nexport const x = DispatcherModule;\n",
    );
    expect(errors.length).toBeGreaterThan(0);
  });

  it('refuses a domain lib importing an infra lib', async () => {
    const errors = await boundaryErrors(
      'libs/matching/src',
      "import { loadConfig } from '@herald/config';\nexport const x = loadConfig;\n",
    );
    expect(errors.join('\n')).toMatch(/type:domain/);
  });

  it('refuses a domain lib importing kafkajs', async () => {
    const errors = await boundaryErrors(
      'libs/matching/src',
      "import { Kafka } from 'kafkajs';\nexport const x = Kafka;\n",
    );
    expect(errors.join('\n')).toMatch(/kafkajs/);
  });

  it('refuses contracts importing anything of the workspace', async () => {
    const errors = await boundaryErrors(
      'libs/contracts/src',
      "import { loadConfig } from '@herald/config';\nexport const x = loadConfig;\n",
    );
    expect(errors.length).toBeGreaterThan(0);
  });

  it('refuses production app code importing the test kit', async () => {
    const errors = await boundaryErrors(
      'apps/matcher/src',
      "import { createTestDatabase } from '@herald/testing';\nexport const x = createTestDatabase;\n",
    );
    expect(errors.join('\n')).toMatch(/type:app/);
  });

  it('allows an app importing a domain lib', async () => {
    const errors = await boundaryErrors(
      'apps/matcher/src',
      "import { TOPICS } from '@herald/contracts';\nexport const x = TOPICS;\n",
    );
    expect(errors).toEqual([]);
  });
});
