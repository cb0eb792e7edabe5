import { SERVICE_SCHEMAS, Schema } from '@herald/config';

/**
 * Variables read by the image's entry point (SERVICE) or by Node itself (NODE_OPTIONS: V8 heap
 * sizes), not by a service's configuration schema.
 */
export const READ_BY_RUNTIME: ReadonlySet<string> = new Set(['SERVICE', 'NODE_OPTIONS']);

export interface HeraldService {
  name: string;
  /** The TypeScript entry point; the image runs its compiled twin under dist/. */
  entry: string;
  /** The variable holding the service's HTTP port (API, health, metrics). */
  portVariable: string;
}

/** The variable of a service schema that sets its HTTP port (`HERALD_*_PORT`). */
export function portVariableOf(schema: Schema): string | undefined {
  return Object.keys(schema).find((name) => /^HERALD_[A-Z_]*PORT$/.test(name));
}

/** The five services, from their configuration schemas. */
export function heraldServices(): HeraldService[] {
  return Object.entries(SERVICE_SCHEMAS).map(([name, schema]) => {
    const portVariable = portVariableOf(schema);
    if (!portVariable) throw new Error(`${name}: its schema has no HERALD_*_PORT variable`);
    return { name, entry: `apps/${name}/src/main.ts`, portVariable };
  });
}
