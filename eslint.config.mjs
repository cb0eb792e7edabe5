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
const PROCESS =
  ":matches([name='process'], [property.name='process'], [callee.name='require'][arguments.0.value=/^(node:)?process$/])";
const ENV_KEY = ":matches([name='env'], [value='env'], [quasis.0.value.raw='env'])";
const ENV_PROPERTY = "Property:matches([key.name='env'], [key.value='env'])";
const processEnv = [
  'error',
  ...[
    // process.env, process['env'], globalThis.process.env, require('process').env (reads, writes)
    `MemberExpression:has(> ${PROCESS}.object):has(> ${ENV_KEY}.property)`,
    // const { env } = process; ({ env } = process); and an alias of process itself
    `VariableDeclarator:has(> ${PROCESS}.init) > ObjectPattern > ${ENV_PROPERTY}`,
    `AssignmentExpression:has(> ${PROCESS}.right) > ObjectPattern > ${ENV_PROPERTY}`,
    `VariableDeclarator:has(> Identifier.id):has(> ${PROCESS}.init)`,
    // import { env } from 'process'; import * as p / import p from 'node:process'
    'ImportDeclaration[source.value=/^(node:)?process$/] > :matches(ImportSpecifier[imported.name="env"], ImportNamespaceSpecifier, ImportDefaultSpecifier)',
  ].map((selector) => ({ selector, message: PROCESS_ENV_MESSAGE })),
];

/** Every exception to a rule says why: `// eslint-disable-next-line rule -- the reason`. */
export const DISABLE_REASON_MESSAGE =
  'Say why after `--` in this eslint-disable comment (docs/code-map.md lists each exception).';
const disableNeedsReason = {
  meta: { type: 'problem', schema: [], messages: { reason: DISABLE_REASON_MESSAGE } },
  create(context) {
    return {
      Program() {
        for (const comment of context.sourceCode.getAllComments()) {
          const text = comment.value.trim();
          if (/^eslint-disable(-next-line|-line)?(\s|$)/.test(text) && !/\s--\s*\S/.test(text)) {
            context.report({ loc: comment.loc, messageId: 'reason' });
          }
        }
      },
    };
  },
};

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
    files: ['**/*.ts', '**/*.tsx', '**/*.cjs', '**/*.mjs', '**/*.js'],
    plugins: { herald: { rules: { 'disable-needs-reason': disableNeedsReason } } },
    rules: { 'herald/disable-needs-reason': 'error' },
  },
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.cjs', '**/*.mjs', '**/*.js'],
    ignores: [
      'libs/config/**',
      // Tests, tools and benchmarks read their knobs with loadConfig and start children with
      // childEnvironment (both libs/config). Two kinds of file are entry points instead:
      // jest's global setup runs outside the module mapper (no @herald/config) and hands the
      // database URL to the test workers through the environment; the npm scripts set up Node
      // and pass the caller's environment on to nx, jest and tsc.
      'libs/testing/src/jest-global-setup.ts',
      'scripts/*.cjs',
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
