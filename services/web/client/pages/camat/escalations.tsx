import type { ComplaintPage, EscalatedComplaint } from '@adminduk/api-contracts';
import { useEffect, useState } from 'preact/hooks';
import { api, type ApiProblem } from '../../api';
import type { PageProps } from '../../routes';
import { Feedback } from '../operator-kecamatan/feedback';
import { newIdempotencyKey } from '../../ui/staff/idempotency';
import { asProblem, ProblemAlert } from '../../ui/staff/problem-text';
import { ScrollTable } from '../../ui/staff/scroll-table';
import { useApi } from '../../ui/use-api';
import { countdown, formatWibDateTimeIso } from '../../ui/wib';
import { useWilayah } from '../../ui/wilayah';
import { COMPLAINT_STATUS, DUE_STAGE, labelIn, type ComplaintCatalog } from '../petugas-pengaduan/complaint-labels';

/** GET /api/complaints/camat: open complaints of the camat's kecamatan that a missed deadline escalated. */
type Page = ComplaintPage<EscalatedComplaint>;

const DAY = 86_400_000;

/**
 * The camat's screen: the escalated complaints of their kecamatan (never the complainant's identity,
 * never a pungli report, which goes to the Inspektorat), each with its age, the missed deadline and
 * the running one in WIB, and a follow-up instruction to the handling staff.
 */
export default function CamatEscalations(_: PageProps) {
  const [round, setRound] = useState(0);
  const [page, setPage] = useState<{ data?: Page; problem?: ApiProblem }>({});
  const catalog = useApi<Pick<ComplaintCatalog, 'kinds' | 'categories'>>('/api/public/pengaduan');
  const region = useWilayah();
  useEffect(() => {
    let live = true;
    api<Page>('/api/complaints/camat?limit=200').then(
      (data) => live && setPage({ data }),
      (e: unknown) => live && setPage({ problem: asProblem(e) }),
    );
    return () => void (live = false);
  }, [round]);
  const now = page.data ? new Date(page.data.now) : new Date();

  return (
    <section class="kartu">
      <h1>Pengaduan yang dieskalasi kepada camat</h1>
      <p>
        Pengaduan tentang kecamatan Anda yang tenggat verifikasi atau jawabannya terlewati. Identitas pelapor tidak ditampilkan. Laporan
        pungutan liar tentang kecamatan ini tidak tampil di sini: laporan itu ditangani petugas pengaduan kabupaten dan Inspektorat.
      </p>
      <button type="button" class="tombol garis" onClick={() => setRound(round + 1)}>
        Muat ulang
      </button>
      <ProblemAlert problem={page.problem} />
      {!page.data && !page.problem && <p class="memuat">Memuat pengaduan…</p>}
      {page.data && page.data.items.length === 0 && <p>Tidak ada pengaduan yang dieskalasi.</p>}
      {page.data && page.data.items.length > 0 && (
        <ScrollTable label="Pengaduan yang dieskalasi">
          <caption class="catatan">{page.data.total} pengaduan</caption>
          <thead>
            <tr>
              <th scope="col">Pengaduan</th>
              <th scope="col">Umur</th>
              <th scope="col">Tenggat</th>
              <th scope="col">Instruksi tindak lanjut</th>
            </tr>
          </thead>
          <tbody>
            {page.data.items.map((c) => (
              <tr key={c.complaintId}>
                <td>
                  <strong>{c.summary}</strong>
                  <br />
                  <span class="catatan">
                    {labelIn(catalog.data?.kinds, c.kind)}, {labelIn(catalog.data?.categories, c.category)} ·{' '}
                    <span data-verbatim>{region(c.kecamatan)}</span>
                  </span>
                  <br />
                  {COMPLAINT_STATUS[c.status] ?? c.status}
                </td>
                <td>
                  {Math.floor((now.getTime() - new Date(c.receivedAt).getTime()) / DAY)} hari
                  <br />
                  <span class="catatan">diterima {formatWibDateTimeIso(c.receivedAt)}</span>
                </td>
                <td>
                  {c.escalatedDueAt && (
                    <div class="peringatan">
                      Terlewati: {formatWibDateTimeIso(c.escalatedDueAt)} ({countdown(new Date(c.escalatedDueAt), now)})
                    </div>
                  )}
                  {c.nextDueAt && c.nextDueAt !== c.escalatedDueAt && (
                    <div>
                      {DUE_STAGE[c.nextDueStage ?? ''] ?? ''}: {formatWibDateTimeIso(c.nextDueAt)}
                    </div>
                  )}
                </td>
                <td>
                  {c.camatInstruction && (
                    <p>
                      {c.camatInstruction}
                      <br />
                      <span class="catatan">diberikan {c.camatInstructedAt ? formatWibDateTimeIso(c.camatInstructedAt) : ''}</span>
                    </p>
                  )}
                  <InstructionForm complaint={c} onDone={() => setRound((r) => r + 1)} />
                </td>
              </tr>
            ))}
          </tbody>
        </ScrollTable>
      )}
    </section>
  );
}

function InstructionForm({ complaint, onDone }: { complaint: EscalatedComplaint; onDone: () => void }) {
  const [text, setText] = useState('');
  const [key, setKey] = useState(newIdempotencyKey);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const id = `instruksi-${complaint.complaintId}`;
  const send = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      await api(`/api/complaints/${complaint.complaintId}/instruction`, {
        method: 'POST',
        json: { instruction: text },
        headers: { 'idempotency-key': key },
      });
      setDone('Instruksi tersimpan.');
      setText('');
      setKey(newIdempotencyKey());
      onDone();
    } catch (err) {
      setProblem(asProblem(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={send} noValidate>
      <label for={id}>Instruksi untuk “{complaint.summary}”</label>
      <textarea id={id} rows={3} value={text} onInput={(e) => setText(e.currentTarget.value)} />
      <button class="tombol" type="submit" disabled={busy}>
        {busy ? 'Menyimpan…' : 'Simpan instruksi'}
      </button>
      <Feedback problem={problem} done={done} />
    </form>
  );
}
