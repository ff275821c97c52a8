import type { ChainProblem, HashStatus } from '@adminduk/api-contracts';
import { eventLabel } from './event-labels';

const HASH_MARK_TEXT: Record<HashStatus, string> = {
  ok: 'Hash cocok',
  altered: 'Hash tidak cocok: isi kejadian ini diubah setelah dicatat',
  'broken-link': 'Rantai terputus: kejadian ini tidak tersambung dengan kejadian sebelumnya',
};

/** The mark beside each event of the timeline, with the event id an auditor quotes in a report. */
export function HashMark({ status, eventId }: { status: HashStatus; eventId: string }) {
  return (
    <p class={status === 'ok' ? 'tanda-hash cocok' : 'tanda-hash salah'} data-tanda-hash={status}>
      {status === 'ok' ? '✓ ' : '✗ '}
      {HASH_MARK_TEXT[status] ?? HASH_MARK_TEXT.altered} <span class="id-kejadian">(id kejadian {eventId})</span>
    </p>
  );
}

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
