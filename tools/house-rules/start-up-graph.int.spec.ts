import { execFileSync } from 'node:child_process';
import path from 'node:path';

/**
 * What a service loads at start-up is CPU it spends on every restart (issue 16: a restarted service
 * ready within 10 s on a busy machine). The command-side services use neither TypeORM (the read
 * models' entities) nor nodemailer: they reach the migrations list, the schema check and the
 * duplicate check through narrow entries (src/entries, tools/sync-packages.js), not the libs' main
 * entries that load the rest.
 */
const root = path.resolve(__dirname, '../..');

function packagesLoadedBy(appFile: string): string[] {
  const script = `require('reflect-metadata'); require(${JSON.stringify(path.join(root, appFile))});
    const names = new Set(Object.keys(require.cache).map((f) => (f.match(/node_modules\\/((?:@[^/]+\\/)?[^/]+)/) || [])[1]).filter(Boolean));
    process.stdout.write(JSON.stringify([...names]));`;
  const out = execFileSync(process.execPath, ['-r', '@swc-node/register', '-e', script], { cwd: root, encoding: 'utf8' });
  return JSON.parse(out) as string[];
}

describe('start-up graph: what the command services load', () => {
  it.each(['services/intake/src/intake.app.ts', 'services/relay/src/relay.app.ts'])('%s loads neither TypeORM nor nodemailer', (app) => {
    const loaded = packagesLoadedBy(app);
    expect(loaded).toEqual(expect.arrayContaining(['@nestjs/core', 'pg']));
    expect(loaded).not.toContain('typeorm');
    expect(loaded).not.toContain('nodemailer');
  });
});
