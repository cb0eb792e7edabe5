import { readFileSync, readdirSync } from 'fs';
import { join } from 'path';

/** The repository root (this file lives in tools/deploy-checks/src). */
export const WORKSPACE_ROOT = join(__dirname, '..', '..', '..');

export function workspacePath(...parts: string[]): string {
  return join(WORKSPACE_ROOT, ...parts);
}

export function readWorkspaceFile(...parts: string[]): string {
  return readFileSync(workspacePath(...parts), 'utf8');
}

/** The YAML manifests under k8s/, sorted, relative to the repository root. */
export function k8sManifestFiles(): string[] {
  return readdirSync(workspacePath('k8s'))
    .filter((name) => name.endsWith('.yaml') && name !== 'kustomization.yaml')
    .sort()
    .map((name) => join('k8s', name));
}
