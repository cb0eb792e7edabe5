import { writeFileSync } from 'fs';
import { relative } from 'path';
import { PORTAL_API_TYPES_FILE, portalApiTypes } from './portal-api-types';

/**
 * `npm run portal:api-types`: regenerates the portal's typed API from the OpenAPI document;
 * `--print` writes it to stdout instead (the staleness spec compares it with the file).
 */
void portalApiTypes().then((text) => {
  if (process.argv.includes('--print')) {
    process.stdout.write(text);
    return;
  }
  writeFileSync(PORTAL_API_TYPES_FILE, text);
  process.stdout.write(`wrote ${relative(process.cwd(), PORTAL_API_TYPES_FILE)}\n`);
});
