import { TOKEN_KEY, bootstrapToken, tokenFromFragment } from './session';

function tab(hash: string, stored?: string) {
  const items = new Map<string, string>(stored ? [[TOKEN_KEY, stored]] : []);
  const replaced: string[] = [];
  return {
    replaced,
    items,
    env: {
      location: { hash, pathname: '/portal/', search: '' },
      history: {
        replaceState: (_d: unknown, _u: string, url?: string) => replaced.push(url ?? ''),
      },
      storage: {
        getItem: (k: string) => items.get(k) ?? null,
        setItem: (k: string, v: string) => void items.set(k, v),
        removeItem: (k: string) => void items.delete(k),
      },
    },
  };
}

describe('portal session bootstrap', () => {
  it('reads the token of the fragment, decoded, and nothing else', () => {
    expect(tokenFromFragment('#token=hps_a%2Bb')).toBe('hps_a+b');
    expect(tokenFromFragment('#other=1')).toBeUndefined();
    expect(tokenFromFragment('#token=')).toBeUndefined();
    expect(tokenFromFragment('')).toBeUndefined();
  });

  it('moves a link token to sessionStorage and removes the fragment from the address bar', () => {
    const t = tab('#token=hps_new', 'hps_old');
    expect(bootstrapToken(t.env)).toBe('hps_new');
    expect(t.items.get(TOKEN_KEY)).toBe('hps_new');
    expect(t.replaced).toEqual(['/portal/']);
  });

  it("keeps the tab's stored token on a reload (no fragment) and leaves the address alone", () => {
    const t = tab('', 'hps_old');
    expect(bootstrapToken(t.env)).toBe('hps_old');
    expect(t.replaced).toEqual([]);
    expect(bootstrapToken(tab('').env)).toBeUndefined();
  });
});
