/** One difference between two states: where (a path into the state), and the values before and after. */
export interface StateChange {
  path: string;
  kind: 'added' | 'removed' | 'changed';
  before?: unknown;
  after?: unknown;
}

/**
 * A structural diff of two folded states, leaf by leaf. Arrays whose items carry an `id` (the
 * requirements) are matched by it, so a decision on one requirement reads as that requirement's
 * change, not as every later item shifting; other arrays are compared by position.
 */
export function diffStates(before: unknown, after: unknown, path = ''): StateChange[] {
  if (isPlainObject(before) && isPlainObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((k) => diffStates(before[k], after[k], path ? `${path}.${k}` : k));
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    if (keyedById(before) && keyedById(after)) {
      const ids = [...new Set([...before.map((x) => x.id), ...after.map((x) => x.id)])];
      const find = (list: Array<{ id: string }>, id: string) => list.find((x) => x.id === id);
      return ids.flatMap((id) => diffStates(find(before, id), find(after, id), `${path}[${id}]`));
    }
    const n = Math.max(before.length, after.length);
    return Array.from({ length: n }, (_, i) => diffStates(before[i], after[i], `${path}[${i}]`)).flat();
  }
  if (before === undefined && after === undefined) return [];
  if (before === undefined) return [{ path, kind: 'added', after }];
  if (after === undefined) return [{ path, kind: 'removed', before }];
  return JSON.stringify(before) === JSON.stringify(after) ? [] : [{ path, kind: 'changed', before, after }];
}

/** The diff as lines: `+ path: value`, `- path: value`, `~ path: before -> after`. */
export function formatDiff(changes: readonly StateChange[]): string {
  if (changes.length === 0) return 'Tidak ada perubahan.\n';
  const v = (x: unknown) => JSON.stringify(x);
  return (
    changes
      .map((c) =>
        c.kind === 'added'
          ? `+ ${c.path}: ${v(c.after)}`
          : c.kind === 'removed'
            ? `- ${c.path}: ${v(c.before)}`
            : `~ ${c.path}: ${v(c.before)} -> ${v(c.after)}`,
      )
      .join('\n') + '\n'
  );
}

const isPlainObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const keyedById = (list: unknown[]): list is Array<{ id: string }> =>
  list.length > 0 && list.every((x) => isPlainObject(x) && typeof x.id === 'string');
