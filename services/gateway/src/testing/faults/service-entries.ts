import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/** How the suite runs the services: compiled (dist/, plain node) or from sources (swc at every start). */
export interface ServiceEntries {
  mode: 'compiled' | 'sources';
  /** Why this mode (printed with the results). */
  reason: string;
  entry(service: string): string;
}

/**
 * The compiled services when `npm run build` output is there and not older than any source it was
 * built from (npm test builds right before the fault tier), else the sources. Compiled, a restart
 * loads one bundle with its code cache (tools/service-bundle), as the images do, instead of
 * compiling every file again (swc), which is most of a restarted service's time to ready and much
 * of the CPU a run spends. FAULTS_FROM_SOURCES=1 forces the sources.
 */
export function serviceEntries(repoRoot: string, services: readonly string[], env: NodeJS.ProcessEnv = process.env): ServiceEntries {
  const sources: ServiceEntries = {
    mode: 'sources',
    reason: '',
    entry: (s) => `services/${s}/src/main.ts`,
  };
  if (env.FAULTS_FROM_SOURCES === '1') return { ...sources, reason: 'FAULTS_FROM_SOURCES=1' };
  const stale = staleBuild(repoRoot, services);
  if (stale) return { ...sources, reason: `${stale}: run \`npm run build\` to run the compiled services` };
  return { mode: 'compiled', reason: 'dist/ up to date with the sources', entry: (s) => `services/${s}/dist/bundle/start.js` };
}

/**
 * The first package of the production build (tsconfig.build.json) the services run on (every lib,
 * and those services) whose dist/ is missing or older than one of its sources, as a sentence;
 * undefined when every one is up to date. tsc -b leaves a project's tsbuildinfo newer than its
 * inputs once built (it touches it when nothing changed).
 */
function staleBuild(repoRoot: string, services: readonly string[]): string | undefined {
  const build = JSON.parse(readFileSync(path.join(repoRoot, 'tsconfig.build.json'), 'utf8')) as { references: Array<{ path: string }> };
  const used = build.references.map((r) => r.path).filter((p) => p.startsWith('libs/') || services.some((s) => p === `services/${s}`));
  for (const pkg of used) {
    const info = path.join(repoRoot, pkg, 'dist/tsconfig.tsbuildinfo');
    if (!existsSync(info)) return `${pkg} not built`;
    const built = statSync(info).mtimeMs;
    const newer = newestSource(path.join(repoRoot, pkg, 'src'));
    if (newer && newer.mtimeMs > built) return `${path.relative(repoRoot, newer.file)} changed since the build`;
    const bundle = path.join(repoRoot, pkg, 'dist/bundle/main.js');
    if (pkg.startsWith('services/') && !(existsSync(bundle) && statSync(bundle).mtimeMs >= built)) return `${pkg} not bundled`;
  }
  return undefined;
}

/** The most recently modified TypeScript source under `dir` (tests and test helpers excluded: not built). */
function newestSource(dir: string): { file: string; mtimeMs: number } | undefined {
  let newest: { file: string; mtimeMs: number } | undefined;
  if (!existsSync(dir)) return undefined;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, e.name);
    const found = e.isDirectory()
      ? e.name === 'testing'
        ? undefined
        : newestSource(file)
      : /\.tsx?$/.test(e.name) && !/\.(spec|bench|fixture|testing)\.ts$/.test(e.name)
        ? { file, mtimeMs: statSync(file).mtimeMs }
        : undefined;
    if (found && (!newest || found.mtimeMs > newest.mtimeMs)) newest = found;
  }
  return newest;
}
