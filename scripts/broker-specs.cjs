// The integration and end-to-end specs that use a broker: those calling `startTestKafka` (or
// `startE2ePlatform`, which calls it), and the embedded broker's conformance specs
// (`startConformanceBroker*`). `npm run test:apache` runs them on Apache Kafka; CI's second
// Node.js leaves them to that tier.
const fs = require('fs');
const path = require('path');

const root = path.join(__dirname, '..');

function specsUsingTheTestBroker() {
  const found = [];
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!['node_modules', 'dist', '.herald'].includes(entry.name)) walk(full);
      } else if (
        entry.name.endsWith('.integration-spec.ts') &&
        /\b(startTestKafka|startE2ePlatform|startConformanceBroker\w*)\(/.test(
          fs.readFileSync(full, 'utf8'),
        )
      ) {
        found.push(path.relative(root, full));
      }
    }
  };
  for (const top of ['apps', 'libs', 'tools']) walk(path.join(root, top));
  return found.sort();
}

module.exports = { specsUsingTheTestBroker };
