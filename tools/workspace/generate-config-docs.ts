import { readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import { replaceConfigTable } from './config-reference';

const readmePath = join(__dirname, '..', '..', 'README.md');
writeFileSync(readmePath, replaceConfigTable(readFileSync(readmePath, 'utf8')));
console.log('README.md configuration table regenerated');
