// Validates k8s manifests against the Kubernetes JSON schemas (kubernetes-models), the
// Prometheus Operator CRDs and Strimzi's KafkaTopic. Prints a JSON report; exit 1 on errors.
//   node scripts/run-ts.cjs tools/deploy-checks/src/k8s-schema-check.cli.ts [files...]
import { readFileSync } from 'fs';
import { checkManifestSchemas } from './k8s-schema-check';
import { resolve } from 'path';
import { WORKSPACE_ROOT, k8sManifestFiles } from './workspace-files';
import { parseYamlDocuments } from './yaml-documents';

const files = process.argv.length > 2 ? process.argv.slice(2) : k8sManifestFiles();
const reports = files.flatMap((file) =>
  checkManifestSchemas(
    file,
    parseYamlDocuments(readFileSync(resolve(WORKSPACE_ROOT, file), 'utf8'), file),
  ),
);
process.stdout.write(`${JSON.stringify(reports, null, 2)}\n`);
process.exit(reports.some((r) => r.errors.length > 0) ? 1 : 0);
