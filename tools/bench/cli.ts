/**
 * The benchmark results, for people:
 *   cli.ts summary <results dir> <run marker file>   what infra/bench.sh prints at the end
 *   cli.ts compare <base dir> <head dir> [tolerance]  what infra/bench-compare.sh prints: each dir
 *                                                     holds round-<n>/<bench>.json
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { headlineFigures, verdictOf } from './bench-results';
import { compareRuns } from './compare-runs';

const readJson = (file: string): unknown => JSON.parse(readFileSync(file, 'utf8'));
const jsonFiles = (dir: string) =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort();

function summary(dir: string, runMarker: string): void {
  const runStart = statSync(runMarker).mtimeMs;
  const files = jsonFiles(dir);
  if (files.length === 0) console.log('(no results files)');
  for (const file of files) {
    let json: unknown;
    try {
      json = readJson(path.join(dir, file));
    } catch (e) {
      console.log(`\n${file}: unreadable (${(e as Error).message})`);
      continue;
    }
    const mtime = statSync(path.join(dir, file)).mtimeMs;
    const at = (json as { at?: string }).at ?? new Date(mtime).toISOString();
    console.log(`\n${file}  [${verdictOf(json)}]  written ${at}${mtime >= runStart ? ' (this run)' : ' (EARLIER run, not rewritten now)'}`);
    for (const [k, v] of headlineFigures(json)) console.log(`  ${k.padEnd(52)} ${v}`);
  }
}

/** bench name -> one map of headline figures per round that wrote its results. */
function roundsOf(dir: string): Map<string, Array<Map<string, number>>> {
  const byBench = new Map<string, Array<Map<string, number>>>();
  for (const round of readdirSync(dir)
    .filter((d) => d.startsWith('round-'))
    .sort()) {
    for (const file of jsonFiles(path.join(dir, round))) {
      const bench = file.replace(/\.json$/, '');
      byBench.set(bench, [...(byBench.get(bench) ?? []), headlineFigures(readJson(path.join(dir, round, file)))]);
    }
  }
  return byBench;
}

function compare(baseDir: string, headDir: string, tolerance: number): number {
  const rows = compareRuns(roundsOf(baseDir), roundsOf(headDir), tolerance);
  console.log(`${'bench / figure'.padEnd(60)} ${'base'.padStart(12)} ${'head'.padStart(12)}  head vs base`);
  for (const r of rows) {
    const change = `${r.relative >= 1 ? '+' : '-'}${Math.abs((r.relative - 1) * 100).toFixed(1)}%`;
    console.log(`${`${r.bench} ${r.key}`.padEnd(60)} ${fmt(r.base)} ${fmt(r.head)}  ${change}${r.worse ? '  WORSE' : ''}`);
  }
  const worse = rows.filter((r) => r.worse);
  console.log(
    worse.length
      ? `\n${worse.length} of ${rows.length} figures worse than the base beyond ${tolerance * 100}% (medians of the rounds)`
      : `\nno figure worse than the base beyond ${tolerance * 100}% (${rows.length} figures, medians of the rounds)`,
  );
  return worse.length ? 1 : 0;
}

const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n.toPrecision(4)).padStart(12);

const [mode, ...args] = process.argv.slice(2);
if (mode === 'summary') summary(args[0], args[1]);
else if (mode === 'compare') process.exitCode = compare(args[0], args[1], Number(args[2] ?? 0.1));
else {
  console.error('usage: cli.ts summary <dir> <marker> | compare <base dir> <head dir> [tolerance]');
  process.exitCode = 2;
}
