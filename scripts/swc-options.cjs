// The SWC options every compile of the workspace's TypeScript uses (scripts/build.cjs and
// scripts/run-ts-cached.cjs): CommonJS, decorator metadata, tsconfig path aliases rewritten.
const path = require('path');

const root = path.join(__dirname, '..');

/** The options, with source maps as `sourceMaps` says (`true`: a separate map; 'inline'). */
function swcOptions(sourceMaps) {
  return {
    sourceMaps,
    module: { type: 'commonjs' },
    jsc: {
      target: 'es2022',
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      baseUrl: root,
      paths: require(path.join(root, 'tsconfig.base.json')).compilerOptions.paths,
    },
  };
}

module.exports = { swcOptions };
