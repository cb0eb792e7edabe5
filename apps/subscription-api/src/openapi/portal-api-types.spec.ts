import { spawnSync } from 'child_process';
import { readFileSync } from 'fs';
import { join } from 'path';

const root = join(__dirname, '..', '..', '..', '..');

/**
 * openapi-typescript loads an ES module jest cannot: the generator runs as a process, as
 * `npm run portal:api-types` runs it.
 */
describe("the portal's typed API (apps/portal/src/api/openapi.d.ts)", () => {
  it('is what openapi-typescript makes of /openapi.json today (else: npm run portal:api-types)', () => {
    const run = spawnSync(
      process.execPath,
      [
        join(root, 'scripts', 'run-ts.cjs'),
        'apps/subscription-api/src/openapi/portal-api-types.cli.ts',
        '--print',
      ],
      { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
    );
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('"/v1/subscriptions": {');
    expect(run.stdout).toContain('PortalSessionInfo');
    const committed = readFileSync(
      join(root, 'apps', 'portal', 'src', 'api', 'openapi.d.ts'),
      'utf8',
    );
    expect(committed === run.stdout).toBe(true);
  });
});
