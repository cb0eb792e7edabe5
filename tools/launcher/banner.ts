import { RunningStack } from '@herald/stack';

/** What `npm start` prints once everything is ready: where things are and what to try. */
export function renderBanner(
  stack: RunningStack,
  demoReceiverUrl: string | undefined,
  portalUrl?: string,
  portalBuilt = true,
  home = '.herald',
): string {
  const portal = portalBuilt
    ? `${portalUrl ?? '(could not open a session)'}
                   (tenant "demo", valid 24 h; another tenant: npm run herald -- portal --tenant ID)`
    : `not in this build yet (portal sessions work: POST /v1/portal-sessions)`;
  const metrics = [...stack.services.values()]
    .map((s) => `    ${s.entry.name.padEnd(17)} ${s.url}/metrics`)
    .join('\n');
  const kafka =
    stack.kafka === 'embedded'
      ? `${stack.brokers}   (the embedded broker)`
      : `${stack.brokers}   (external Kafka from HERALD_KAFKA_BROKERS)`;
  const running =
    stack.kafka === 'embedded'
      ? 'embedded broker and PostgreSQL'
      : 'external Kafka, embedded PostgreSQL';
  return `
Herald is running (${running}; development defaults).

  API              ${stack.apiUrl}   (OpenAPI: ${stack.apiUrl}/openapi.json, docs: ${stack.apiUrl}/docs)
  Admin token      ${stack.adminToken}
  Kafka brokers    ${kafka}
  PostgreSQL       ${stack.databaseUrl}
  Demo receiver    ${demoReceiverUrl ?? 'off'}
  Tenant portal    ${portal}
  Metrics
${metrics}

  Private callback URLs are ALLOWED here (HERALD_ALLOW_PRIVATE_TARGETS=true) so the demo
  receiver on localhost works. Production leaves them refused.

Try it (the README's walkthrough has every step):
  export HERALD_ADMIN_TOKEN=${stack.adminToken}
  npm run herald -- walkthrough

Ctrl-C stops everything; data stays in ${home.replace(/\/?$/, '/')} for the next start.
`;
}
