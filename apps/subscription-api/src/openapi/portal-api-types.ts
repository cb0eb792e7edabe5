import { join } from 'path';
import openapiTS, { astToString } from 'openapi-typescript';
import { openApiDocument } from './openapi-document';

/** The committed types the portal page calls the API with (apps/portal). */
export const PORTAL_API_TYPES_FILE = join(
  __dirname,
  '..',
  '..',
  '..',
  'portal',
  'src',
  'api',
  'openapi.d.ts',
);

const HEADER = `// Generated from Herald's OpenAPI document (GET /openapi.json) by openapi-typescript:
// do not edit. Regenerate with \`npm run portal:api-types\`; a spec fails when it is stale.
`;

/**
 * The TypeScript types of every path and schema of the API, generated from the same document
 * /openapi.json serves (with the default body limits), so the portal cannot drift from it.
 */
export async function portalApiTypes(): Promise<string> {
  const document = openApiDocument('generated');
  const ast = await openapiTS(document as unknown as Parameters<typeof openapiTS>[0], {
    alphabetize: true,
  });
  return HEADER + astToString(ast);
}
