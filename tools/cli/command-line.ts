import { parseArgs } from 'util';

export type Options = Record<string, string | boolean | undefined>;

/**
 * Options that take a value. Declared, so `--type order.created` reads the value: an undeclared
 * option is a boolean to parseArgs, and its value would become a positional.
 */
export const VALUE_OPTIONS = [
  'action',
  'actions',
  'code',
  'condition',
  'data',
  'description',
  'entity-id',
  'entity-type',
  'event-types',
  'expires-at',
  'expires-in',
  'max-attempts',
  'name',
  'retry-delays',
  'scope',
  'source',
  'status',
  'subscription',
  'subscriptions',
  'success-body',
  'tenant',
  'trigger',
  'triggers',
  'type',
  'url',
  'visibility',
] as const;

/** The CLI's words (`subscription create`) and its options, from `process.argv.slice(2)`. */
export function parseCommandLine(args: string[]): { positionals: string[]; values: Options } {
  const { positionals, values } = parseArgs({
    args,
    allowPositionals: true,
    strict: false,
    options: {
      ...Object.fromEntries(VALUE_OPTIONS.map((name) => [name, { type: 'string' as const }])),
      follow: { type: 'boolean' },
      'read-only': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  return { positionals, values: values as Options };
}
