import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');
const TABLES = [
  'application_view',
  'application_view_snapshots',
  'signed_document_view',
  'application_submissions',
  'projection_checkpoints',
];
/** SQL that names one of the read models' tables. */
const SQL_ON_A_READ_MODEL = new RegExp(`\\b(FROM|JOIN|INTO|UPDATE|TABLE)\\s+(${TABLES.join('|')})\\b`, 'i');
/** Where those tables may be named: their own query modules, projections and migrations; the migration runner. */
const OWNERS = [path.join('libs', 'read-models'), path.join('libs', 'migrations')];

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' || e.name === 'dist' ? [] : sources(full);
    return e.name.endsWith('.ts') && !e.name.endsWith('.spec.ts') ? [full] : [];
  });
}

describe('read models own their tables', () => {
  it('no service or other library queries a read-model table except through libs/read-models', () => {
    const offenders = ['services', 'libs']
      .flatMap((top) => sources(path.join(ROOT, top)))
      .map((file) => path.relative(ROOT, file))
      .filter((file) => !OWNERS.some((owner) => file.startsWith(owner + path.sep)))
      .filter((file) => SQL_ON_A_READ_MODEL.test(readFileSync(path.join(ROOT, file), 'utf8')));
    expect(offenders).toEqual([]);
  });
});
