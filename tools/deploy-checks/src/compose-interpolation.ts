export type ComposeEnvironment = Readonly<Record<string, string | undefined>>;

const VARIABLE =
  /\$(?:\$|\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g;

/**
 * Compose's variable interpolation (`docker compose config`): `$VAR`, `${VAR}`,
 * `${VAR:-default}` / `${VAR-default}`, `${VAR:?error}` / `${VAR?error}`, and `$$` for a
 * literal `$`. A missing required variable throws with Compose's message.
 */
export function interpolate(text: string, env: ComposeEnvironment): string {
  return text.replace(
    VARIABLE,
    (match, braced?: string, operator?: string, argument?: string, bare?: string) => {
      if (match === '$$') return '$';
      const name = (braced ?? bare)!;
      const value = env[name];
      const unset = value === undefined;
      const emptyOrUnset = unset || value === '';
      switch (operator) {
        case ':-':
          return emptyOrUnset ? argument! : value!;
        case '-':
          return unset ? argument! : value!;
        case ':?':
        case '?':
          if (operator === ':?' ? emptyOrUnset : unset) {
            throw new Error(`required variable ${name} is missing a value: ${argument}`);
          }
          return value!;
        default:
          return value ?? '';
      }
    },
  );
}

/** Interpolates every string (not the keys) of a parsed Compose file. */
export function interpolateDeep<T>(value: T, env: ComposeEnvironment): T {
  if (typeof value === 'string') return interpolate(value, env) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => interpolateDeep(item, env)) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, interpolateDeep(item, env)]),
    ) as T;
  }
  return value;
}
