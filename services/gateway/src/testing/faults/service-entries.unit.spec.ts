import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { serviceEntries } from './service-entries';

/** A repository of one lib and two services, each with a source and (when `built`) a build record. */
function repo(built: { at: number; packages: string[]; unbundled?: boolean }): string {
  const root = mkdtempSync(path.join(tmpdir(), 'service-entries-'));
  const packages = ['libs/one', 'services/alpha', 'services/web'];
  writeFileSync(path.join(root, 'tsconfig.build.json'), JSON.stringify({ files: [], references: packages.map((p) => ({ path: p })) }));
  for (const p of packages) {
    mkdirSync(path.join(root, p, 'src/testing'), { recursive: true });
    writeFileSync(path.join(root, p, 'src/main.ts'), '');
    utimesSync(path.join(root, p, 'src/main.ts'), 1000, 1000);
    if (!built.packages.includes(p)) continue;
    mkdirSync(path.join(root, p, 'dist'));
    writeFileSync(path.join(root, p, 'dist/tsconfig.tsbuildinfo'), '');
    utimesSync(path.join(root, p, 'dist/tsconfig.tsbuildinfo'), built.at, built.at);
    if (!p.startsWith('services/') || built.unbundled) continue;
    mkdirSync(path.join(root, p, 'dist/bundle'));
    writeFileSync(path.join(root, p, 'dist/bundle/main.js'), '');
    utimesSync(path.join(root, p, 'dist/bundle/main.js'), built.at, built.at);
  }
  return root;
}

const touch = (file: string, at: number) => {
  writeFileSync(file, '');
  utimesSync(file, at, at);
};

describe('the fault suite runs the services compiled when the build is up to date', () => {
  const roots: string[] = [];
  const make = (built: { at: number; packages: string[]; unbundled?: boolean }) => roots[roots.push(repo(built)) - 1];
  afterAll(() => roots.forEach((r) => rmSync(r, { recursive: true, force: true })));

  it('compiled: every lib and every service it runs built after its sources, each service started from its bundle', () => {
    const root = make({ at: 2000, packages: ['libs/one', 'services/alpha'] });
    const e = serviceEntries(root, ['alpha'], {});
    expect(e.mode).toBe('compiled');
    expect(e.entry('alpha')).toBe('services/alpha/dist/bundle/start.js');
  });

  it('from sources when a service built by tsc has no bundle (a build stopped before tools/service-bundle)', () => {
    const root = make({ at: 2000, packages: ['libs/one', 'services/alpha'], unbundled: true });
    expect(serviceEntries(root, ['alpha'], {})).toMatchObject({
      mode: 'sources',
      reason: expect.stringContaining('services/alpha not bundled'),
    });
  });

  it('from sources when a package is not built, a source changed since, or FAULTS_FROM_SOURCES=1', () => {
    const unbuilt = make({ at: 2000, packages: ['services/alpha'] });
    expect(serviceEntries(unbuilt, ['alpha'], {})).toMatchObject({
      mode: 'sources',
      reason: expect.stringContaining('libs/one not built'),
    });
    expect(serviceEntries(unbuilt, ['alpha'], {}).entry('alpha')).toBe('services/alpha/src/main.ts');

    const changed = make({ at: 2000, packages: ['libs/one', 'services/alpha'] });
    touch(path.join(changed, 'libs/one/src/rule.ts'), 3000);
    expect(serviceEntries(changed, ['alpha'], {})).toMatchObject({
      mode: 'sources',
      reason: expect.stringContaining('libs/one/src/rule.ts changed since the build'),
    });

    const built = make({ at: 2000, packages: ['libs/one', 'services/alpha'] });
    expect(serviceEntries(built, ['alpha'], { FAULTS_FROM_SOURCES: '1' })).toMatchObject({
      mode: 'sources',
      reason: 'FAULTS_FROM_SOURCES=1',
    });
  });

  it('ignores tests, test helpers and the services it does not run', () => {
    const root = make({ at: 2000, packages: ['libs/one', 'services/alpha'] });
    touch(path.join(root, 'libs/one/src/rule.unit.spec.ts'), 3000);
    touch(path.join(root, 'libs/one/src/testing/fixture.ts'), 3000);
    touch(path.join(root, 'services/web/src/page.ts'), 3000);
    expect(serviceEntries(root, ['alpha'], {}).mode).toBe('compiled');
  });
});
