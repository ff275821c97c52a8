import { lowerIsBetter } from './bench-results';

/** One headline figure of one bench on both commits: the median of each side's rounds. */
export interface ComparedFigure {
  bench: string;
  key: string;
  base: number;
  head: number;
  /** head / base in the figure's better direction: above 1 is better, below 1 worse. */
  relative: number;
  worse: boolean;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};

/**
 * Compares the figures both commits reported (a figure only one side has is left out: the benches
 * changed). `tolerance` is the noise allowed before a figure counts as worse (0.1: 10% in the bad
 * direction); the median of the rounds tames one disturbed round.
 */
export function compareRuns(
  base: Map<string, Array<Map<string, number>>>,
  head: Map<string, Array<Map<string, number>>>,
  tolerance: number,
): ComparedFigure[] {
  const rows: ComparedFigure[] = [];
  for (const [bench, baseRounds] of [...base].sort(([a], [b]) => a.localeCompare(b))) {
    const headRounds = head.get(bench);
    if (!headRounds?.length || !baseRounds.length) continue;
    for (const key of baseRounds[0].keys()) {
      const b = baseRounds.map((r) => r.get(key)).filter((v): v is number => v !== undefined);
      const h = headRounds.map((r) => r.get(key)).filter((v): v is number => v !== undefined);
      if (!b.length || !h.length) continue;
      const [mb, mh] = [median(b), median(h)];
      const relative = lowerIsBetter(key) ? (mh === 0 ? Infinity : mb / mh) : mb === 0 ? Infinity : mh / mb;
      rows.push({ bench, key, base: mb, head: mh, relative, worse: relative < 1 - tolerance });
    }
  }
  return rows;
}
