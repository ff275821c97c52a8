/**
 * Reading bench/results/*.json, generic on purpose: benches own their JSON shape. A headline figure
 * is a numeric leaf whose last key names a rate, a p99, a ratio, a growth or a bandwidth (targets
 * left out); a verdict is every `pass` leaf.
 */
export type Leaf = [key: string, value: unknown];

const HEADLINE = /(persecond|opspersec|kkpersecond|p99ms|^ratio$|growthmb|mbps)$/i;
/** Figures where less is better; every other headline figure is a rate or a ratio (more is better). */
const LOWER_IS_BETTER = /(p99ms|growthmb)$/i;

/** Every leaf with its path; array items of a concurrency sweep are labelled `c<concurrency>`. */
export function leaves(value: unknown, prefix = '', out: Leaf[] = []): Leaf[] {
  if (Array.isArray(value)) {
    value.forEach((v, i) => {
      const label = v && typeof v === 'object' && 'concurrency' in v ? `c${(v as { concurrency: unknown }).concurrency}` : String(i);
      leaves(v, `${prefix}[${label}]`, out);
    });
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) leaves(v, prefix ? `${prefix}.${k}` : k, out);
  } else {
    out.push([prefix, value]);
  }
  return out;
}

export function headlineFigures(json: unknown): Map<string, number> {
  const figures = new Map<string, number>();
  for (const [key, value] of leaves(json)) {
    if (typeof value === 'number' && !/target/i.test(key) && HEADLINE.test(key.split('.').pop() ?? '')) figures.set(key, value);
  }
  return figures;
}

export const lowerIsBetter = (key: string): boolean => LOWER_IS_BETTER.test(key.split('.').pop() ?? '');

/** 'PASS', 'FAIL', 'FAIL: <which>' or 'no pass/fail field'. */
export function verdictOf(json: unknown): string {
  const verdicts = leaves(json).filter(([k]) => /(^|\.)pass$/.test(k));
  const failed = verdicts.filter(([, v]) => v === false).map(([k]) => k);
  if (verdicts.length === 0) return 'no pass/fail field';
  if (failed.length === 0) return 'PASS';
  return failed.length === 1 && failed[0] === 'pass' ? 'FAIL' : `FAIL: ${failed.join(', ')}`;
}
