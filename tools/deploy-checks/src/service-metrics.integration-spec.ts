import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { childEnvironment } from '@herald/config';
import { TestDatabase, createTestDatabase, TestKafka, startTestKafka } from '@herald/testing';
import { heraldServices } from './herald-services';
import { promtoolPath, runPromtool } from './promtool';
import {
  RunningProcess,
  freeLoopbackPort,
  runToCompletion,
  startProcess,
  waitFor,
} from './service-process';
import { ALERTS_FILE, ruleGroupsOf } from './prometheus-rule-manifest';
import { WORKSPACE_ROOT, readWorkspaceFile, workspacePath } from './workspace-files';

const STARTUP_MS = 90_000;
const SERVICES = heraldServices();

/**
 * The five real services on the embedded broker and a real PostgreSQL (migrated by the
 * command the compose `migrate` service and the k8s Job run): each /metrics checked by
 * `promtool check metrics`, and the stack scraped by a real Prometheus server (Debian's
 * `prometheus` package, which also ships promtool) that evaluates the alert rules on it.
 */
describe('the running services under real Prometheus tooling', () => {
  let broker: TestKafka;
  let database: TestDatabase;
  const ports = new Map<string, number>();
  const running: RunningProcess[] = [];
  let prometheusDir: string | undefined;

  beforeAll(async () => {
    promtoolPath(); // fails here, saying how to install it, when promtool is missing
    [broker, database] = await Promise.all([startTestKafka(), createTestDatabase()]);
    const env = childEnvironment({
      HERALD_KAFKA_BROKERS: broker.brokers,
      DATABASE_URL: database.url,
      HERALD_LOG_LEVEL: 'warn',
      HERALD_SHUTDOWN_TIMEOUT_MS: '5000',
      HERALD_ADMIN_TOKEN: 'deploy-checks-admin-token',
      HERALD_SECRETS_KEYS: `k1:${Buffer.alloc(32, 7).toString('base64')}`,
    });
    const migrate = await runToCompletion(
      process.execPath,
      ['scripts/run-ts.cjs', 'libs/persistence/src/cli.ts'],
      { cwd: WORKSPACE_ROOT, env },
    );
    if (migrate.code !== 0) throw new Error(`migration failed: ${migrate.output}`);
    for (const service of SERVICES) {
      const port = await freeLoopbackPort();
      ports.set(service.name, port);
      running.push(
        startProcess(process.execPath, ['scripts/run-ts.cjs', service.entry], {
          cwd: WORKSPACE_ROOT,
          env: { ...env, [service.portVariable]: String(port) },
        }),
      );
    }
    await Promise.all(
      SERVICES.map((service, i) =>
        waitFor(
          async () => {
            const response = await fetch(
              `http://127.0.0.1:${ports.get(service.name)}/health/ready`,
            );
            return response.ok ? true : undefined;
          },
          () => `${service.name} was not ready:\n${running[i].output()}`,
          STARTUP_MS - 10_000,
        ),
      ),
    );
  }, STARTUP_MS);

  afterAll(async () => {
    await Promise.all(running.map((process) => process.stop()));
    if (prometheusDir) rmSync(prometheusDir, { recursive: true, force: true });
    await Promise.all([broker?.stop(), database?.drop()]);
  }, 30_000);

  it.each(SERVICES.map((s) => s.name))(
    'promtool check metrics accepts the /metrics of %s',
    async (name) => {
      const text = await (await fetch(`http://127.0.0.1:${ports.get(name)}/metrics`)).text();
      expect(text).toContain(`herald_build_info{version=`);
      expect(text).toContain(`service="${name}"`);
      const result = await runPromtool(['check', 'metrics'], { cwd: WORKSPACE_ROOT, input: text });
      expect(result.output).toBe('');
      expect(result.code).toBe(0);
    },
  );

  it('promtool check metrics rejects a malformed exposition (the check can fail)', async () => {
    const result = await runPromtool(['check', 'metrics'], {
      cwd: WORKSPACE_ROOT,
      input: '# TYPE herald_x counter\nherald_x{a="1" 1\n',
    });
    expect(result.code).not.toBe(0);
  });

  it(
    'a real Prometheus server scrapes every service and evaluates the alert rules on them',
    async () => {
      prometheusDir = mkdtempSync(join(tmpdir(), 'herald-prometheus-'));
      const prometheusPort = await freeLoopbackPort();
      const config = join(prometheusDir, 'prometheus.yml');
      writeFileSync(
        config,
        [
          'global: { scrape_interval: 1s, evaluation_interval: 1s }',
          `rule_files: ['${workspacePath(ALERTS_FILE)}']`,
          'scrape_configs:',
          ...SERVICES.flatMap((s) => [
            `  - job_name: ${s.name}`,
            `    static_configs: [{ targets: ['127.0.0.1:${ports.get(s.name)}'] }]`,
          ]),
        ].join('\n'),
      );
      const prometheus = startProcess(
        promtoolPath().replace(/promtool$/, 'prometheus'),
        [
          `--config.file=${config}`,
          `--storage.tsdb.path=${join(prometheusDir, 'data')}`,
          `--web.listen-address=127.0.0.1:${prometheusPort}`,
        ],
        { cwd: prometheusDir, env: childEnvironment() },
      );
      running.push(prometheus);
      const api = `http://127.0.0.1:${prometheusPort}/api/v1`;
      const query = async (promql: string) => {
        const body = (await (
          await fetch(`${api}/query?query=${encodeURIComponent(promql)}`)
        ).json()) as {
          data: { result: { metric: Record<string, string>; value: [number, string] }[] };
        };
        return body.data.result;
      };
      const up = await waitFor(
        async () => {
          const result = await query('up == 1');
          return result.length === SERVICES.length ? result : undefined;
        },
        () => `Prometheus did not scrape all services:\n${prometheus.output()}`,
      );
      expect(up.map((r) => r.metric.job).sort()).toEqual(SERVICES.map((s) => s.name).sort());
      const builds = await waitFor(
        async () => {
          const result = await query('herald_build_info');
          return result.length === SERVICES.length ? result : undefined;
        },
        () => 'herald_build_info did not appear for every service',
      );
      for (const series of builds) expect(series.metric.service).toBe(series.metric.job);
      const rules = await waitFor(
        async () => {
          const body = (await (await fetch(`${api}/rules`)).json()) as {
            data: { groups: { rules: { name: string; health: string; lastError?: string }[] }[] };
          };
          const all = body.data.groups.flatMap((g) => g.rules);
          return all.length > 0 && all.every((r) => r.health !== 'unknown') ? all : undefined;
        },
        () => 'the alert rules were never evaluated',
      );
      expect(rules.filter((r) => r.health !== 'ok')).toEqual([]);
      expect(rules).toHaveLength(
        ruleGroupsOf(readWorkspaceFile(ALERTS_FILE)).flatMap(
          (g) => (g as { rules: unknown[] }).rules,
        ).length,
      );
      expect(await query('ALERTS{alertstate="firing"}')).toEqual([]);
    },
    STARTUP_MS,
  );
});
