import { spawnSync } from 'child_process';
import { randomBytes } from 'crypto';
import { rmSync, writeFileSync } from 'fs';
import { join } from 'path';
import { childEnvironment } from '@herald/config';

/**
 * The architecture's import rules are enforced by lint, which `npm test` runs.
 * These cases prove the rules bite: each illegal import (read of process.env, lint exception
 * without a reason) must be reported, and each allowed one must not. All probes are linted in
 * one ESLint run.
 */
const root = join(__dirname, '..', '..');
const BOUNDARIES = '@nx/enforce-module-boundaries';
const PROCESS_ENV = 'no-restricted-syntax';
const DISABLE_REASON = 'herald/disable-needs-reason';
/** Spelled in two parts so that grepping the tree for exceptions finds only real ones. */
const DISABLE_NEXT_LINE = ['eslint', 'disable-next-line'].join('-');
const PROCESS_ENV_MESSAGE =
  'Only libs/config reads process.env: add a variable there and inject the typed config.';

interface LintMessage {
  ruleId: string | null;
  message: string;
}

interface Probe {
  /** Project folder the probe file is written to. */
  folder: string;
  code: string;
  /** Names the probe as the kind of file under test (a spec, a bench script). */
  suffix?: string;
  file?: string;
}

const importOf = (symbol: string, from: string) =>
  `import { ${symbol} } from '${from}';\nexport const x = ${symbol};\n`;
const readsEnv = 'export const x = process.env.HERALD_ANYTHING;\n';
/** Every way of reaching the environment the rule knows, one per line (all in an infra lib). */
const envForms = {
  computed: "export const x = process['env'];",
  template: 'export const x = process[`env`];',
  globalThis: 'export const x = globalThis.process.env;',
  write: "process.env.HERALD_ANYTHING = 'set';",
  remove: 'delete process.env.HERALD_ANYTHING;',
  destructured: 'const { env } = process;\nexport const x = env;',
  destructuredAgain: 'let env: unknown;\n({ env } = process);\nexport const x = env;',
  alias: 'const p = process;\nexport const x = p;',
  namedImport: "import { env } from 'process';\nexport const x = env;",
  namespaceImport: "import * as p from 'node:process';\nexport const x = p;",
  required: "export const x = require('process').env;",
};

const probes = {
  appImportsApp: {
    folder: 'apps/matcher/src',
    code: importOf('DispatcherModule', '../../dispatcher/src/dispatcher.module'),
  },
  domainImportsInfra: {
    folder: 'libs/matching/src',
    code: importOf('loadConfig', '@herald/config'),
  },
  domainImportsKafkajs: { folder: 'libs/matching/src', code: importOf('Kafka', 'kafkajs') },
  domainImportsDomain: {
    folder: 'libs/delivery/src',
    code: importOf('SubscriptionIndex', '@herald/matching'),
  },
  domainImportsKernel: {
    folder: 'libs/delivery/src',
    code:
      importOf('compileTenantRegex', '@herald/bounded-regex') +
      importOf('TenantLru', '@herald/tenant-cache').replace('const x', 'const y'),
  },
  kernelImportsDomain: {
    folder: 'libs/bounded-regex/src',
    code: importOf('takeToken', '@herald/tenancy'),
  },
  contractsImportsInfra: {
    folder: 'libs/contracts/src',
    code: importOf('loadConfig', '@herald/config'),
  },
  appImportsTestKit: {
    folder: 'apps/matcher/src',
    code: importOf('createTestDatabase', '@herald/testing'),
  },
  appImportsContracts: {
    folder: 'apps/matcher/src',
    code: importOf('TOPICS', '@herald/contracts'),
  },
  envInApp: { folder: 'apps/matcher/src', code: readsEnv },
  envInInfraLib: { folder: 'libs/kafka/src', code: readsEnv },
  envInSpec: { folder: 'libs/kafka/src', code: readsEnv, suffix: '.spec.ts' },
  envInConfig: { folder: 'libs/config/src', code: readsEnv },
  envInTool: { folder: 'tools/bench', code: readsEnv },
  envInBench: { folder: 'apps/subscription-api/bench', code: readsEnv, suffix: '.bench.ts' },
  envInTestKit: { folder: 'libs/testing/src', code: readsEnv },
  envInToolScript: { folder: 'tools/bench', code: readsEnv, suffix: '.cjs' },
  envInNpmScript: { folder: 'scripts', code: readsEnv, suffix: '.cjs' },
  otherProcessUse: {
    folder: 'libs/kafka/src',
    code: 'export const x = [process.argv, process.cwd(), process.pid];\n',
  },
  ...(Object.fromEntries(
    Object.entries(envForms).map(([form, code]) => [
      `env_${form}`,
      { folder: 'libs/kafka/src', code: `${code}\n` },
    ]),
  ) as Record<`env_${keyof typeof envForms}`, Probe>),
  libIntegrationSpecUsesTestKit: {
    folder: 'libs/persistence/src',
    code: importOf('createTestDatabase', '@herald/testing'),
    suffix: '.integration-spec.ts',
  },
  libUsesTestKit: {
    folder: 'libs/persistence/src',
    code: importOf('createTestDatabase', '@herald/testing'),
  },
  appBenchUsesBenchKit: {
    folder: 'apps/dispatcher/bench',
    code: importOf('LatencySamples', '@herald/bench-kit'),
  },
  portalImportsContracts: {
    folder: 'apps/portal/src',
    code: importOf('TOPICS', '@herald/contracts'),
  },
  portalImportsNodeFs: { folder: 'apps/portal/src', code: importOf('readFileSync', 'fs') },
  portalImportsPreact: { folder: 'apps/portal/src', code: importOf('render', 'preact') },
  appUsesBenchKit: {
    folder: 'apps/dispatcher/src',
    code: importOf('LatencySamples', '@herald/bench-kit'),
  },
  appSpecImportsApp: {
    folder: 'apps/dispatcher/src',
    code: importOf('RETRY_SCHEDULER_GROUP', '../../retry-scheduler/src/retry/retry-scheduler.runtime'),
    suffix: '.integration-spec.ts',
  },
  appBenchImportsApp: {
    folder: 'apps/dispatcher/bench',
    code: importOf('RETRY_SCHEDULER_GROUP', '../../retry-scheduler/src/retry/retry-scheduler.runtime'),
    suffix: '.bench.ts',
  },
  appSpecStartsService: {
    folder: 'apps/dispatcher/src',
    code: importOf('startService', '@herald/stack'),
    suffix: '.integration-spec.ts',
  },
  disableWithoutReason: {
    folder: 'libs/kafka/src',
    code: `// ${DISABLE_NEXT_LINE} no-console\nconsole.log(1);\n`,
  },
  disableWithReason: {
    folder: 'libs/kafka/src',
    code: `// ${DISABLE_NEXT_LINE} no-console -- a probe\nconsole.log(1);\n`,
  },
} satisfies Record<string, Probe>;

type ProbeName = keyof typeof probes;
let messages: Map<ProbeName, LintMessage[]>;

/** The messages of `rule` on the probe `name`. */
function errors(name: ProbeName, rule = BOUNDARIES): string[] {
  return messages
    .get(name)!
    .filter((m) => m.ruleId === rule)
    .map((m) => m.message);
}

describe('module boundaries', () => {
  jest.setTimeout(180_000);

  /** Writes every probe (git-ignored, removed afterwards) and lints them with the real config. */
  beforeAll(() => {
    const files = new Map<string, ProbeName>();
    for (const [name, probe] of Object.entries(probes) as [ProbeName, Probe][]) {
      const file = join(
        root,
        probe.folder,
        `__boundary-probe-${randomBytes(4).toString('hex')}${probe.suffix ?? '.ts'}`,
      );
      writeFileSync(file, probe.code);
      files.set(file, name);
    }
    try {
      const eslint = spawnSync(
        join(root, 'node_modules', '.bin', 'eslint'),
        ['--format', 'json', ...files.keys()],
        { cwd: root, encoding: 'utf8', env: childEnvironment({ NX_DAEMON: 'false' }) },
      );
      const results = JSON.parse(eslint.stdout) as { filePath: string; messages: LintMessage[] }[];
      messages = new Map();
      for (const result of results) {
        const fatal = result.messages.find((m) => m.ruleId === null);
        if (fatal) throw new Error(`lint could not run on ${result.filePath}: ${fatal.message}`);
        messages.set(files.get(result.filePath)!, result.messages);
      }
      expect(messages.size).toBe(files.size);
    } finally {
      for (const file of files.keys()) rmSync(file, { force: true });
    }
  });

  it('refuses an app importing another app', () => {
    expect(errors('appImportsApp').length).toBeGreaterThan(0);
  });

  it('refuses a domain lib importing an infra lib', () => {
    expect(errors('domainImportsInfra').join('\n')).toMatch(/type:domain/);
  });

  it('refuses a domain lib importing kafkajs', () => {
    expect(errors('domainImportsKafkajs').join('\n')).toMatch(/kafkajs/);
  });

  it('refuses a domain lib importing another domain lib', () => {
    expect(errors('domainImportsDomain').join('\n')).toMatch(/type:domain/);
  });

  it('allows a domain lib importing the kernel (bounded regex, tenant LRU)', () => {
    expect(errors('domainImportsKernel')).toEqual([]);
  });

  it('refuses the kernel importing a domain lib', () => {
    expect(errors('kernelImportsDomain').join('\n')).toMatch(/type:kernel/);
  });

  it('refuses contracts importing anything of the workspace', () => {
    expect(errors('contractsImportsInfra').length).toBeGreaterThan(0);
  });

  it('refuses production app code importing the test kit', () => {
    expect(errors('appImportsTestKit').join('\n')).toMatch(/type:app/);
  });

  it('refuses the portal page importing anything of the workspace or a server-side package', () => {
    expect(errors('portalImportsContracts').join('\n')).toMatch(/type:web/);
    expect(errors('portalImportsNodeFs', 'no-restricted-imports').join('\n')).toMatch(/browser/);
    expect(errors('portalImportsPreact')).toEqual([]);
  });

  it('allows an app importing contracts', () => {
    expect(errors('appImportsContracts')).toEqual([]);
  });

  describe('process.env', () => {
    it('refuses process.env in an app, in a library other than config, and in a spec', () => {
      expect(errors('envInApp', PROCESS_ENV).join('\n')).toMatch(
        /Only libs\/config reads process\.env/,
      );
      expect(errors('envInInfraLib', PROCESS_ENV)).toHaveLength(1);
      expect(errors('envInSpec', PROCESS_ENV)).toHaveLength(1);
    });

    it('refuses it in tools, benchmarks, the test kit and scripts outside scripts/', () => {
      for (const name of ['envInTool', 'envInBench', 'envInTestKit', 'envInToolScript'] as const) {
        expect([name, errors(name, PROCESS_ENV)]).toEqual([name, [PROCESS_ENV_MESSAGE]]);
      }
    });

    it.each(Object.keys(envForms))('refuses the %s form', (form) => {
      const name = `env_${form}` as ProbeName;
      expect(errors(name, PROCESS_ENV)).toEqual([PROCESS_ENV_MESSAGE]);
    });

    it('allows process.env in libs/config and the npm scripts, and the rest of process anywhere', () => {
      expect(errors('envInConfig', PROCESS_ENV)).toEqual([]);
      expect(errors('envInNpmScript', PROCESS_ENV)).toEqual([]);
      expect(errors('otherProcessUse', PROCESS_ENV)).toEqual([]);
    });
  });

  describe('integration specs under libs/', () => {
    it('allows an integration spec of an infra lib to use the test kit', () => {
      expect(errors('libIntegrationSpecUsesTestKit')).toEqual([]);
    });

    it('refuses the same import in the library itself', () => {
      expect(errors('libUsesTestKit').join('\n')).toMatch(/type:infra/);
    });
  });

  describe('specs and benchmarks of an app', () => {
    it('refuses them importing another app', () => {
      expect(errors('appSpecImportsApp').length).toBeGreaterThan(0);
      expect(errors('appBenchImportsApp').length).toBeGreaterThan(0);
    });

    it('allows them to start another service as a process (@herald/stack)', () => {
      expect(errors('appSpecStartsService')).toEqual([]);
    });
  });

  describe('lint exception comments', () => {
    it('refuses one that gives no reason after --', () => {
      expect(errors('disableWithoutReason', DISABLE_REASON)).toHaveLength(1);
    });

    it('allows one with a reason', () => {
      expect(errors('disableWithReason', DISABLE_REASON)).toEqual([]);
      expect(messages.get('disableWithReason')).toEqual([]);
    });
  });

  describe('bench kit', () => {
    it('allows a benchmark of an app to use the bench kit', () => {
      expect(errors('appBenchUsesBenchKit')).toEqual([]);
    });

    it('refuses production app code importing the bench kit', () => {
      expect(errors('appUsesBenchKit').join('\n')).toMatch(/type:app/);
    });
  });
});
