/**
 * Where a V8 CPU profile (node --cpu-prof) spends its time: self time by function and by origin
 * (npm package, repo folder, node internals), plus inclusive time of the repo's own functions.
 *
 *   node -r @swc-node/register bench/cpu-profile-summary.ts bench/results/cpu-prof/gateway-*.cpuprofile [top=25] [window=<from>-<to>]
 *
 * window: only samples between two monotonic timestamps in microseconds (V8 profiles and
 * process.hrtime share CLOCK_MONOTONIC on Linux); http-submit.bench.ts prints the measured run's.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

const repoRoot = path.resolve(__dirname, '..');

function origin(url: string, fn: string): string {
  if (!url) return fn === '(garbage collector)' || fn === '(program)' || fn === '(idle)' ? fn : '(native)';
  const file = url.replace(/^file:\/\//, '');
  const nm = file.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = file.slice(nm + 'node_modules/'.length).split('/');
    return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  if (file.startsWith('node:') || !file.startsWith('/')) return 'node internals';
  const rel = path.relative(repoRoot, file).split(path.sep);
  return rel.slice(0, 3).join('/');
}

function summarise(file: string, top: number, window?: { from: number; to: number }): void {
  const p = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<number, number>();
  // Sample i is taken at startTime + the sum of the deltas up to it (microseconds, monotonic clock).
  let at = p.startTime;
  p.samples.forEach((id, i) => {
    at += p.timeDeltas[i] ?? 0;
    if (window && (at < window.from || at > window.to)) return;
    self.set(id, (self.get(id) ?? 0) + (p.timeDeltas[i] ?? 0));
  });
  const totalUs = [...self.values()].reduce((a, b) => a + b, 0);
  const idleUs = [...self].filter(([id]) => byId.get(id)!.callFrame.functionName === '(idle)').reduce((a, [, t]) => a + t, 0);
  const busyUs = totalUs - idleUs;

  const byFunction = new Map<string, number>();
  const byOrigin = new Map<string, number>();
  const inclusiveRepo = new Map<string, number>();
  for (const [id, t] of self) {
    const n = byId.get(id)!;
    const { functionName, url, lineNumber } = n.callFrame;
    if (functionName === '(idle)') continue;
    const where = url ? `${path.relative(repoRoot, url.replace(/^file:\/\//, ''))}:${lineNumber + 1}` : '';
    const key = `${functionName || '(anonymous)'} ${where}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + t);
    const o = origin(url, functionName);
    byOrigin.set(o, (byOrigin.get(o) ?? 0) + t);
    // Inclusive time of the repo's own frames (libs/, services/), each counted once per sample.
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const f = byId.get(cur)!.callFrame;
      const u = f.url.replace(/^file:\/\//, '');
      if (!u.startsWith(repoRoot) || u.includes('node_modules')) continue;
      const k = `${f.functionName || '(anonymous)'} ${path.relative(repoRoot, u)}:${f.lineNumber + 1}`;
      if (seen.has(k)) continue;
      seen.add(k);
      inclusiveRepo.set(k, (inclusiveRepo.get(k) ?? 0) + t);
    }
  }
  const pct = (t: number) => `${((100 * t) / busyUs).toFixed(1)}%`;
  const print = (title: string, m: Map<string, number>) => {
    console.log(`\n${title}`);
    for (const [k, t] of [...m].sort((a, b) => b[1] - a[1]).slice(0, top))
      console.log(`  ${pct(t).padStart(6)}  ${(t / 1000).toFixed(0).padStart(7)} ms  ${k}`);
  };
  console.log(
    `\n=== ${path.basename(file)}: ${(totalUs / 1e6).toFixed(1)} s profiled, ${(busyUs / 1e6).toFixed(1)} s busy (percentages of busy time)`,
  );
  print('self time by origin', byOrigin);
  print('self time by function', byFunction);
  print('inclusive time of repo functions', inclusiveRepo);
}

const args = process.argv.slice(2);
const top = Number(args.find((a) => /^top=\d+$/.test(a))?.slice(4) ?? 25);
// window=<from>-<to>: monotonic microseconds (as process.hrtime), e.g. the measured run only.
const w = args
  .find((a) => a.startsWith('window='))
  ?.slice(7)
  .split('-')
  .map(Number);
const window = w ? { from: w[0], to: w[1] } : undefined;
for (const f of args.filter((a) => !/^(top|window)=/.test(a))) summarise(f, top, window);
