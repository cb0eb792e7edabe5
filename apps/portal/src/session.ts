/** Where the page keeps the session token: for this tab only, gone when the tab closes. */
export const TOKEN_KEY = 'herald.portal.token';

/** The token of a portal link's fragment (`#token=hps_...`), if it carries one. */
export function tokenFromFragment(hash: string): string | undefined {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const token = params.get('token')?.trim();
  return token ? token : undefined;
}

export interface BootstrapEnv {
  location: { hash: string; pathname: string; search: string };
  history: { replaceState(data: unknown, unused: string, url?: string): void };
  storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
}

/**
 * The session token for this tab: a token in the fragment wins (a new link replaces the old
 * session) and is moved to sessionStorage at once, the fragment removed from the address bar
 * (and so from the history entry); else the token this tab stored before.
 */
export function bootstrapToken(env: BootstrapEnv): string | undefined {
  const fromLink = tokenFromFragment(env.location.hash);
  if (fromLink) {
    env.storage.setItem(TOKEN_KEY, fromLink);
    env.history.replaceState(null, '', env.location.pathname + env.location.search);
    return fromLink;
  }
  return env.storage.getItem(TOKEN_KEY) ?? undefined;
}

export function forgetToken(storage: Pick<Storage, 'removeItem'>): void {
  storage.removeItem(TOKEN_KEY);
}
