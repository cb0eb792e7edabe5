import { spawn } from 'child_process';
import { accessSync, constants } from 'fs';
import { delimiter, join } from 'path';
import { childEnvironment } from '@herald/config';

export const PROMTOOL_MISSING =
  'promtool not found on PATH: install the Debian package `prometheus` ' +
  '(apt-get update && apt-get install -y prometheus), which .ci/run does';

/** The promtool executable; throws with how to install it when it is missing. */
export function promtoolPath(): string {
  const path = childEnvironment({}, ['PATH']).PATH ?? '';
  for (const dir of path.split(delimiter).concat('/usr/bin')) {
    const candidate = join(dir, 'promtool');
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this directory
    }
  }
  throw new Error(PROMTOOL_MISSING);
}

export interface PromtoolResult {
  code: number;
  output: string;
}

/** Runs promtool with the arguments (and standard input), collecting its output. */
export function runPromtool(
  args: string[],
  options: { cwd: string; input?: string },
): Promise<PromtoolResult> {
  const child = spawn(promtoolPath(), args, { cwd: options.cwd, stdio: 'pipe' });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stdin.end(options.input ?? '');
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve({ code: code ?? 1, output }));
  });
}
