import { parse } from 'yaml';
import { readWorkspaceFile } from './workspace-files';
import { parseYamlDocuments } from './yaml-documents';

/** The `--max-semi-space-size` value in a string of Node options, or undefined. */
function semiSpaceOf(options: string): string | undefined {
  return /--max-semi-space-size=(\d+)/.exec(options)?.[1];
}

interface DeploymentDraft {
  kind: string;
  spec: { template: { spec: { containers: { env?: { name: string; value?: string }[] }[] } } };
}

/**
 * `npm run bench:dispatch` reports the dispatcher's throughput with the young generation it is
 * deployed with: the figure means nothing if production runs it with another one.
 */
describe('the dispatcher young generation', () => {
  const benchScript = (
    JSON.parse(readWorkspaceFile('package.json')) as { scripts: Record<string, string> }
  ).scripts['bench:dispatch'];
  const benchSemiSpace = semiSpaceOf(benchScript);

  it('is set for bench:dispatch', () => {
    expect(benchSemiSpace).toMatch(/^\d+$/);
  });

  it('is the same in k8s/dispatcher.yaml', () => {
    const deployment = parseYamlDocuments(
      readWorkspaceFile('k8s/dispatcher.yaml'),
      'k8s/dispatcher.yaml',
    ).find((document) => document.kind === 'Deployment') as unknown as DeploymentDraft;
    const env = deployment.spec.template.spec.containers[0].env ?? [];
    const options = env.find((variable) => variable.name === 'NODE_OPTIONS')?.value ?? '';
    expect(semiSpaceOf(options)).toBe(benchSemiSpace);
  });

  it('is the same in docker-compose.yml', () => {
    const compose = parse(readWorkspaceFile('docker-compose.yml'), { merge: true }) as {
      services: Record<string, { environment?: Record<string, string> }>;
    };
    const options = compose.services.dispatcher.environment?.NODE_OPTIONS ?? '';
    expect(semiSpaceOf(options)).toBe(benchSemiSpace);
  });
});
