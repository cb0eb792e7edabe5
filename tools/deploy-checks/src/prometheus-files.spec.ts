import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { DASHBOARD_FILE, Dashboard, dashboardQueries, queriesAsRuleFile } from './dashboard';
import { definedMetricNames, metricsInExpression } from './metric-names';
import { ALERTS_FILE, ruleGroupsOf } from './prometheus-rule-manifest';
import { runPromtool } from './promtool';
import { WORKSPACE_ROOT, readWorkspaceFile } from './workspace-files';

const dashboard = JSON.parse(readWorkspaceFile(DASHBOARD_FILE)) as Dashboard;
const alerts = ruleGroupsOf(readWorkspaceFile(ALERTS_FILE)).flatMap(
  (g) => (g as { rules: { alert: string; expr: string; labels?: { severity?: string } }[] }).rules,
);

describe('Prometheus files (real promtool)', () => {
  it('promtool check rules accepts the alert rules', async () => {
    const result = await runPromtool(['check', 'rules', ALERTS_FILE], { cwd: WORKSPACE_ROOT });
    expect(result.output).toContain('SUCCESS: 9 rules found');
    expect(result.code).toBe(0);
  });

  it('promtool check config accepts prometheus.yml (and the rule file it loads)', async () => {
    const result = await runPromtool(['check', 'config', 'deploy/prometheus/prometheus.yml'], {
      cwd: WORKSPACE_ROOT,
    });
    expect(result.output).toContain('is valid prometheus config file syntax');
    expect(result.code).toBe(0);
  });

  it('promtool test rules: each alert fires on its condition (and not before)', async () => {
    const result = await runPromtool(['test', 'rules', 'deploy/prometheus/alerts.test.yml'], {
      cwd: WORKSPACE_ROOT,
    });
    expect(result.output).toContain('SUCCESS');
    expect(result.code).toBe(0);
  });

  it('alerts cover DLQ growth, retry overdue, consumer lag, success rate, disabled and paused subscriptions', () => {
    expect(alerts.map((a) => a.alert)).toEqual(
      expect.arrayContaining([
        'HeraldDeadLettersGrowing',
        'HeraldRetryOverdue',
        'HeraldConsumerLagHigh',
        'HeraldDeliverySuccessRateLow',
        'HeraldSubscriptionsDisabled',
        'HeraldSubscriptionsPaused',
      ]),
    );
    for (const alert of alerts) expect(alert.labels?.severity).toMatch(/^(info|warning|critical)$/);
  });

  it('every dashboard query parses (promtool, as recording rules)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'herald-dashboard-'));
    try {
      const file = join(dir, 'dashboard-queries.yml');
      writeFileSync(file, queriesAsRuleFile(dashboardQueries(dashboard)));
      const result = await runPromtool(['check', 'rules', file], { cwd: WORKSPACE_ROOT });
      expect(result.output).toContain('SUCCESS');
      expect(result.code).toBe(0);
      writeFileSync(file, queriesAsRuleFile([{ expr: 'sum(rate(herald_x[5m]) by' }]));
      expect((await runPromtool(['check', 'rules', file], { cwd: WORKSPACE_ROOT })).code).toBe(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the dashboard and the alerts read only metrics the services define', () => {
    const defined = definedMetricNames(WORKSPACE_ROOT);
    const used = [
      ...dashboardQueries(dashboard).map((q) => ({ where: `panel "${q.panel}"`, expr: q.expr })),
      ...alerts.map((a) => ({ where: `alert ${a.alert}`, expr: a.expr })),
    ];
    const unknown = used.flatMap(({ where, expr }) =>
      metricsInExpression(expr)
        .filter((m) => !defined.has(m))
        .map((m) => `${where}: ${m}`),
    );
    expect(unknown).toEqual([]);
    expect(
      metricsInExpression('rate(herald_nope_total[5m])').filter((m) => !defined.has(m)),
    ).toEqual(['herald_nope_total']);
  });

  it('the dashboard shows deliveries by outcome, latency percentiles, retries by delay, DLQ, lag and paused subscriptions', () => {
    const exprs = dashboardQueries(dashboard).map((q) => q.expr);
    const reads = (pattern: RegExp) => exprs.some((e) => pattern.test(e));
    expect(reads(/sum by \(outcome\) \(rate\(herald_delivery_attempts_total/)).toBe(true);
    expect(reads(/histogram_quantile\(0\.99, .*herald_delivery_duration_seconds_bucket/)).toBe(
      true,
    );
    expect(reads(/histogram_quantile\(0\.95, .*herald_event_to_delivery_seconds_bucket/)).toBe(
      true,
    );
    expect(reads(/sum by \(delay\) .*herald_retries_scheduled_total/)).toBe(true);
    expect(reads(/herald_dead_letters_total/)).toBe(true);
    expect(reads(/herald_consumer_lag/)).toBe(true);
    expect(reads(/herald_subscriptions_paused/)).toBe(true);
    expect(new Set(dashboard.panels.map((p) => p.title)).size).toBe(dashboard.panels.length);
  });

  it('Grafana provisioning loads the dashboard folder the compose file mounts', () => {
    expect(readWorkspaceFile('deploy/grafana/provisioning/dashboards/herald.yml')).toContain(
      'path: /etc/grafana/dashboards',
    );
    expect(readWorkspaceFile('docker-compose.yml')).toContain(
      './deploy/grafana/dashboards:/etc/grafana/dashboards:ro',
    );
    expect(readWorkspaceFile('deploy/grafana/provisioning/datasources/prometheus.yml')).toContain(
      'uid: prometheus',
    );
  });
});
