import js from '@eslint/js';
import nx from '@nx/eslint-plugin';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

/**
 * Module boundaries that really constrain (see ../shared/STYLE.md):
 * apps never import apps; domain libs import only contracts (and the kernel of shared, pure
 * building blocks: bounded regex, the tenant LRU); contracts import nothing.
 */
const NO_IO = ['kafkajs', 'pg', 'typeorm', '@nestjs/*', 'fastify', 'undici'];
export /** Benchmarks and tools may use every kind of library, the test and bench kits included. */
const everyLibraryTag = [
  'type:contracts',
  'type:kernel',
  'type:domain',
  'type:infra',
  'type:testing',
  'type:bench',
];

const depConstraints = [
  { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: ['type:contracts'] },
  {
    sourceTag: 'type:kernel',
    onlyDependOnLibsWithTags: ['type:contracts', 'type:kernel'],
    bannedExternalImports: NO_IO,
  },
  {
    sourceTag: 'type:domain',
    onlyDependOnLibsWithTags: ['type:contracts', 'type:kernel'],
    bannedExternalImports: NO_IO,
  },
  {
    sourceTag: 'type:infra',
    onlyDependOnLibsWithTags: ['type:contracts', 'type:kernel', 'type:domain', 'type:infra'],
  },
  {
    sourceTag: 'type:testing',
    onlyDependOnLibsWithTags: [
      'type:contracts',
      'type:kernel',
      'type:domain',
      'type:infra',
      'type:testing',
    ],
  },
  {
    sourceTag: 'type:bench',
    onlyDependOnLibsWithTags: everyLibraryTag,
  },
  {
    sourceTag: 'type:app',
    onlyDependOnLibsWithTags: ['type:contracts', 'type:kernel', 'type:domain', 'type:infra'],
  },
  {
    sourceTag: 'type:tool',
    onlyDependOnLibsWithTags: everyLibraryTag,
  },
  {
    // The tenant portal (apps/portal) runs in a browser: it reaches Herald through the public
    // API only, so it imports nothing of the workspace and no server-side package.
    sourceTag: 'type:web',
    onlyDependOnLibsWithTags: [],
    bannedExternalImports: NO_IO,
  },
];

/** The boundary rule with `extra` tags allowed to the projects tagged `sourceTags`. */
function boundariesAllowing(sourceTags, extra) {
  return [
    'error',
    {
      enforceBuildableLibDependency: false,
      allow: [],
      depConstraints: depConstraints.map((c) =>
        sourceTags.includes(c.sourceTag)
          ? { ...c, onlyDependOnLibsWithTags: [...c.onlyDependOnLibsWithTags, ...extra] }
          : c,
      ),
    },
  ];
}

/** Only libs/config reads the environment; everything else is given the typed config. */
export const PROCESS_ENV_MESSAGE =
  'Only libs/config reads process.env: add a variable there and inject the typed config.';
const processEnv = [
  'error',
  {
    selector: "MemberExpression[object.name='process'][property.name='env']",
    message: PROCESS_ENV_MESSAGE,
  },
];

export default tseslint.config(
  {
    ignores: ['**/node_modules/**', '**/dist/**', '.nx/**', '.herald/**', 'tmp/**', 'coverage/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', 'apps/portal/**/*.tsx'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { '@nx': nx },
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        { enforceBuildableLibDependency: false, allow: [], depConstraints },
      ],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-console': 'error',
    },
  },
  {
    // Test code of an app may use the test kit (never another app).
    files: ['apps/**/*.spec.ts', 'apps/**/*.integration-spec.ts', 'apps/**/testing/**/*.ts'],
    rules: { '@nx/enforce-module-boundaries': boundariesAllowing(['type:app'], ['type:testing']) },
  },
  {
    // Specs of a library run against the real broker and PostgreSQL: they may use the test kit.
    files: ['libs/**/*.spec.ts', 'libs/**/*.integration-spec.ts'],
    rules: {
      '@nx/enforce-module-boundaries': boundariesAllowing(
        ['type:contracts', 'type:kernel', 'type:domain', 'type:infra'],
        ['type:testing'],
      ),
    },
  },
  {
    // Benchmarks (not shipped) may use the test kit and the bench kit.
    files: ['apps/*/bench/**/*.ts', 'libs/*/bench/**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': boundariesAllowing(
        ['type:app', 'type:contracts', 'type:kernel', 'type:domain', 'type:infra', 'type:testing'],
        ['type:testing', 'type:bench'],
      ),
    },
  },
  {
    files: ['**/*.ts', '**/*.tsx'],
    ignores: [
      'libs/config/**',
      // Documented overrides: the test kit and the benchmarks/dev tools read their own knobs
      // (seeds, rates, which broker) and hand PATH/HOME to the processes they start; none of
      // them is a service, so none of them belongs in the services' typed config.
      'libs/testing/**',
      'libs/stack/**',
      'tools/**',
      '**/bench/**',
    ],
    rules: { 'no-restricted-syntax': processEnv },
  },
  {
    files: [
      '**/*.spec.ts',
      '**/*.integration-spec.ts',
      'tools/**/*.ts',
      '**/bench/**/*.ts',
      '**/cli.ts',
    ],
    rules: { 'no-console': 'off', '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  {
    // Nx's boundary rule does not see Node's built-in modules: the page gets none of them.
    files: ['apps/portal/src/**/*.ts', 'apps/portal/src/**/*.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                'node:*',
                'fs',
                'path',
                'os',
                'child_process',
                'crypto',
                'http',
                'https',
                'net',
              ],
              message: 'The portal runs in a browser: no Node.js built-in modules.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.cjs', '**/*.mjs', '**/*.js'],
    languageOptions: {
      globals: {
        require: 'readonly',
        module: 'writable',
        process: 'readonly',
        __dirname: 'readonly',
        console: 'readonly',
      },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  prettier,
);
