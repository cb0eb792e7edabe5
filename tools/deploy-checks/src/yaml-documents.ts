import { parseAllDocuments } from 'yaml';

export type YamlObject = Record<string, unknown>;

/**
 * Every document of a (multi-document) YAML text as plain objects, with `<<` merge keys
 * resolved as Compose and kubectl do. A syntax error throws, naming the source.
 */
export function parseYamlDocuments(text: string, source: string): YamlObject[] {
  return parseAllDocuments(text, { merge: true }).flatMap((doc) => {
    if (doc.errors.length > 0) {
      throw new Error(`${source}: ${doc.errors.map((e) => e.message).join('; ')}`);
    }
    const value: unknown = doc.toJS({ maxAliasCount: 1000 });
    if (value === null || value === undefined) return [];
    if (typeof value !== 'object' || Array.isArray(value)) {
      throw new Error(`${source}: a document is not a mapping`);
    }
    return [value as YamlObject];
  });
}

export function parseYamlDocument(text: string, source: string): YamlObject {
  const docs = parseYamlDocuments(text, source);
  if (docs.length !== 1)
    throw new Error(`${source}: expected one YAML document, got ${docs.length}`);
  return docs[0];
}
