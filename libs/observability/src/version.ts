import { existsSync, readFileSync } from 'fs';
import { dirname, join } from 'path';

let cached: string | undefined;

/** Herald's version, from the workspace package.json (found by walking up from this file). */
export function heraldVersion(): string {
  if (cached) return cached;
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  const file = join(dir, 'package.json');
  cached = existsSync(file)
    ? (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version
    : '0.0.0';
  return cached;
}
