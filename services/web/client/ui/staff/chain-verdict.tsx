import { eventLabel } from './event-labels';

export type ChainProblem =
  { kind: 'altered' | 'broken-link'; revision: number } | { kind: 'revision-gap'; expected: number; found: number };

/** The revision the auditor's eye goes to: the first event that breaks the chain. */
export const brokenRevision = (p: ChainProblem | null | undefined): number | null =>
  !p ? null : p.kind === 'revision-gap' ? p.expected : p.revision;

/** The hash-chain verdict of GET /api/applications/{id}/history, naming the event that breaks it. */
export function ChainVerdict({ intact, problem, types }: { intact: boolean; problem?: ChainProblem | null; types: Map<number, string> }) {
  if (intact)
    return (
      <p class="rantai utuh" data-rantai="utuh">
        Rantai hash utuh: tidak ada kejadian yang diubah, disisipkan, atau dihapus.
      </p>
    );
  const named = (revision: number) => `kejadian ke-${revision + 1}${types.has(revision) ? ` (${eventLabel(types.get(revision)!)})` : ''}`;
  let text = 'Rantai hash tidak utuh.';
  if (problem?.kind === 'altered') text = `Rantai hash tidak utuh: ${named(problem.revision)} telah diubah setelah dicatat.`;
  else if (problem?.kind === 'broken-link')
    text = `Rantai hash tidak utuh: ${named(problem.revision)} tidak tersambung dengan kejadian sebelumnya (ada yang diubah atau dihapus).`;
  else if (problem?.kind === 'revision-gap')
    text = `Rantai hash tidak utuh: kejadian ke-${problem.expected + 1} hilang (urutan berlanjut ke kejadian ke-${problem.found + 1}).`;
  return (
    <p class="rantai rusak" role="alert" data-rantai="rusak">
      {text}
    </p>
  );
}
