import { readFileSync } from 'fs';
import { join } from 'path';
import { BEGIN, END, renderConfigTable } from './config-reference';

describe('README configuration table', () => {
  it('matches libs/config exactly (run `npm run docs:config` after changing a variable)', () => {
    const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
    const current = readme.slice(readme.indexOf(BEGIN), readme.indexOf(END) + END.length);
    expect(current).toBe(renderConfigTable());
  });

  it('never prints a sensitive default', () => {
    expect(renderConfigTable()).not.toContain('herald:herald@');
  });
});
