import { existsSync } from 'fs';
import { heraldServices } from './herald-services';
import { isIgnored, parseDockerfile } from './dockerfile';
import { readWorkspaceFile, workspacePath } from './workspace-files';

const stages = parseDockerfile(readWorkspaceFile('Dockerfile'));
const runtime = stages[stages.length - 1];
const ignore = readWorkspaceFile('.dockerignore')
  .split('\n')
  .map((l) => l.trim())
  .filter((l) => l && !l.startsWith('#'));

/** Where scripts/build.cjs writes the compiled twin of a TypeScript file. */
const compiled = (entry: string) => `dist/${entry.replace(/\.ts$/, '.js')}`;

describe('Dockerfile', () => {
  it('is multi-stage: the runtime stage copies the compiled dist/ and production packages only', () => {
    expect(stages.map((s) => s.name)).toEqual(['deps', 'build', 'runtime-deps', 'runtime']);
    const build = stages.find((s) => s.name === 'build')!;
    expect(build.instructions).toContainEqual({ keyword: 'RUN', args: 'node scripts/build.cjs' });
    const copies = runtime.instructions.filter((i) => i.keyword === 'COPY').map((i) => i.args);
    expect(copies).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^--from=runtime-deps .*\/app\/node_modules/),
        expect.stringMatching(/^--from=build .*\/app\/dist/),
      ]),
    );
    const runtimeDeps = stages.find((s) => s.name === 'runtime-deps')!;
    expect(runtimeDeps.instructions.find((i) => i.keyword === 'RUN')?.args).toContain('--omit=dev');
  });

  it('runs as the non-root node user', () => {
    const users = runtime.instructions.filter((i) => i.keyword === 'USER');
    expect(users.map((u) => u.args)).toEqual(['node']);
  });

  it('starts the service named by SERVICE (build arg or env) from its compiled entry point', () => {
    expect(runtime.instructions).toContainEqual({
      keyword: 'ARG',
      args: 'SERVICE=subscription-api',
    });
    const cmd = runtime.instructions.find((i) => i.keyword === 'CMD')!;
    const template = /node (dist\/apps\/\$\{SERVICE\}\/src\/main\.js)/.exec(cmd.args)![1];
    for (const service of heraldServices()) {
      expect(template.replace('${SERVICE}', service.name)).toBe(compiled(service.entry));
      expect(existsSync(workspacePath(service.entry))).toBe(true);
    }
  });

  it('the migration command of compose and the k8s Job is a compiled entry point', () => {
    const command = 'dist/libs/persistence/src/cli.js';
    expect(readWorkspaceFile('docker-compose.yml')).toContain(command);
    expect(readWorkspaceFile('k8s/migrate-job.yaml')).toContain(command);
    expect(compiled('libs/persistence/src/cli.ts')).toBe(command);
    expect(existsSync(workspacePath('libs/persistence/src/cli.ts'))).toBe(true);
  });

  it('.dockerignore keeps the sources the build needs and leaves out the rest', () => {
    for (const needed of [
      'package.json',
      'package-lock.json',
      'tsconfig.base.json',
      'scripts/build.cjs',
      'apps/matcher/src/main.ts',
      'libs/contracts/src/topics.ts',
    ]) {
      expect(isIgnored(ignore, needed)).toBe(false);
    }
    for (const excluded of [
      '.git/HEAD',
      'node_modules/x/index.js',
      'libs/kafka/node_modules/x.js',
      '.herald/admin-token',
      'dist/apps/matcher/src/main.js',
      'apps/matcher/src/matching/matcher.integration-spec.ts',
      'libs/contracts/src/cloudevent.spec.ts',
    ]) {
      expect(isIgnored(ignore, excluded)).toBe(true);
    }
  });
});
