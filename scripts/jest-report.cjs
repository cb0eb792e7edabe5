// The JSON report jest writes with `--json --outputFile` (scripts/test.cjs and
// scripts/test-apache.cjs), and the counts their summary lines print.
const fs = require('fs');
const path = require('path');

const root = path.join(__dirname, '..');

/** tmp/<name>.json, its folder made and an older report removed, for `--outputFile`. */
function freshReportPath(name) {
  const report = path.join(root, 'tmp', `${name}.json`);
  fs.mkdirSync(path.dirname(report), { recursive: true });
  fs.rmSync(report, { force: true });
  return report;
}

/** Tests passed and failed (a suite that could not run counts as failed); undefined: no report. */
function reportedCounts(report) {
  if (!fs.existsSync(report)) return undefined;
  const results = JSON.parse(fs.readFileSync(report, 'utf8'));
  return {
    passed: results.numPassedTests,
    failed: results.numFailedTests + results.numRuntimeErrorTestSuites,
  };
}

module.exports = { freshReportPath, reportedCounts };
