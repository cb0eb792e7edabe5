export interface DashboardPanel {
  type: string;
  title: string;
  targets?: { expr: string }[];
}

export interface Dashboard {
  uid: string;
  title: string;
  panels: DashboardPanel[];
}

export const DASHBOARD_FILE = 'deploy/grafana/dashboards/herald.json';

/** Every PromQL expression of the dashboard with its panel's title. */
export function dashboardQueries(dashboard: Dashboard): { panel: string; expr: string }[] {
  return dashboard.panels.flatMap((panel) =>
    (panel.targets ?? []).map((target) => ({ panel: panel.title, expr: target.expr })),
  );
}

/**
 * A rule file with each dashboard query as a recording rule (Grafana's `$__rate_interval`
 * replaced), so `promtool check rules` parses every query.
 */
export function queriesAsRuleFile(queries: { expr: string }[]): string {
  const rules = queries.map(
    (q, i) =>
      `      - record: dashboard:query_${i}\n        expr: ${JSON.stringify(q.expr.replaceAll('$__rate_interval', '5m'))}`,
  );
  return `groups:\n  - name: dashboard\n    rules:\n${rules.join('\n')}\n`;
}
