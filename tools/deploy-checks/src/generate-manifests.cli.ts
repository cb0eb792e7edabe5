// `npm run deploy:generate`: writes the generated k8s manifests (a spec fails when they are stale).
import { writeFileSync } from 'fs';
import { generatedManifests } from './generate-manifests';
import { workspacePath } from './workspace-files';

for (const { file, content } of generatedManifests()) {
  writeFileSync(workspacePath(file), content);
  console.log(`wrote ${file}`);
}
