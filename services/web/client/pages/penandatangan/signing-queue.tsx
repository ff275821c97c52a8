import type { SigningQueue, SigningQueueItem } from '@adminduk/api-contracts';
import { useState } from 'preact/hooks';
import type { PageProps } from '../../routes';
import { KkPreview } from '../../ui/staff/kk-preview';
import { ScrollTable } from '../../ui/staff/scroll-table';
import { ProblemAlert } from '../../ui/staff/problem-text';
import { signEach, type SignOutcome } from '../../ui/staff/signing-batch';
import { useApi } from '../../ui/use-api';
import { formatWibDateTimeIso } from '../../ui/wib';
import { useWilayah } from '../../ui/wilayah';

const labelOf = (i: SigningQueueItem) => i.receiptNumber ?? i.applicationId.slice(0, 8);

/** The penandatangan's queue: preview each KK, choose, sign the chosen ones with the passphrase. */
export default function SigningQueue(_: PageProps) {
  // GET /api/signing/queue (services/signing): verified applications not signed yet, oldest first.
  const queue = useApi<SigningQueue>('/api/signing/queue');
  const region = useWilayah();
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [previewing, setPreviewing] = useState<SigningQueueItem | null>(null);
  const [nik, setNik] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [run, setRun] = useState<{ total: number; done: SignOutcome[]; finished: boolean } | null>(null);
  // Signed here: off the list at once (the queue's read model catches up a moment later).
  const [signedHere, setSignedHere] = useState<Set<string>>(new Set());
  // Failed here: the reason at once, beside the queue's own count of earlier attempts.
  const [failedHere, setFailedHere] = useState<Map<string, string>>(new Map());
  const all = queue.data?.items ?? [];
  const items = all.filter((i) => !signedHere.has(i.applicationId));
  const byId = new Map(all.map((i) => [i.applicationId, i]));

  const toggle = (id: string) => {
    const next = new Set(chosen);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setChosen(next);
  };

  const sign = async (e: Event) => {
    e.preventDefault();
    const ids = items.map((i) => i.applicationId).filter((id) => chosen.has(id));
    if (ids.length === 0) return;
    setRun({ total: ids.length, done: [], finished: false });
    const done = await signEach(ids, { nik: nik.trim(), passphrase }, (d) => setRun({ total: ids.length, done: d, finished: false }));
    setRun({ total: ids.length, done, finished: true });
    setPassphrase(''); // never kept longer than the batch
    setChosen(new Set(done.filter((d) => d.state !== 'signed').map((d) => d.applicationId)));
    setFailedHere(
      new Map([...failedHere, ...done.filter((d) => d.state === 'failed').map((d) => [d.applicationId, d.reason ?? ''] as const)]),
    );
    setSignedHere(new Set([...signedHere, ...done.filter((d) => d.state === 'signed').map((d) => d.applicationId)]));
  };

  const percent = run ? Math.round((run.done.length / run.total) * 100) : 0;
  const signed = run?.done.filter((d) => d.state === 'signed').length ?? 0;

  return (
    <>
      <section class="kartu">
        <h1>Antrean tanda tangan elektronik</h1>
        <p>
          Permohonan yang sudah terverifikasi dan menunggu tanda tangan, yang terlama di atas. Periksa pratinjau KK sebelum menandatangani.
        </p>
        <ProblemAlert problem={queue.problem} />
        {queue.loading && <p class="memuat">Memuat antrean…</p>}
        {queue.data && items.length === 0 && <p>Tidak ada KK yang menunggu tanda tangan.</p>}
        {items.length > 0 && (
          <ScrollTable label="Antrean tanda tangan">
            <caption class="catatan">{items.length} permohonan menunggu tanda tangan</caption>
            <thead>
              <tr>
                <th scope="col">Pilih</th>
                <th scope="col">Nomor tanda terima</th>
                <th scope="col">Kecamatan</th>
                <th scope="col">Terverifikasi</th>
                <th scope="col">Percobaan gagal</th>
                <th scope="col">Pratinjau</th>
              </tr>
            </thead>
            <tbody>
              {items.map((i) => (
                <tr key={i.applicationId}>
                  <td>
                    <input
                      type="checkbox"
                      class="centang"
                      aria-label={`Pilih ${labelOf(i)}`}
                      checked={chosen.has(i.applicationId)}
                      onChange={() => toggle(i.applicationId)}
                    />
                  </td>
                  <td>{labelOf(i)}</td>
                  <td data-verbatim title={i.kecamatan}>
                    {region(i.kecamatan)}
                  </td>
                  <td>{i.verifiedAt ? formatWibDateTimeIso(i.verifiedAt) : '-'}</td>
                  <td>
                    {failedHere.has(i.applicationId)
                      ? `Baru saja: ${failedHere.get(i.applicationId)}`
                      : i.lastSigningFailure
                        ? `${i.signingFailures}× — ${i.lastSigningFailure.reason}`
                        : 'Belum ada'}
                  </td>
                  <td>
                    <button type="button" class="tombol garis" onClick={() => setPreviewing(i)}>
                      Lihat KK {labelOf(i)}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </ScrollTable>
        )}
      </section>

      {previewing && <KkPreview applicationId={previewing.applicationId} label={labelOf(previewing)} onClose={() => setPreviewing(null)} />}

      <section class="kartu">
        <h2>Tandatangani yang dipilih</h2>
        <form onSubmit={sign}>
          <label for="nik-penandatangan">NIK penandatangan</label>
          <input
            id="nik-penandatangan"
            inputMode="numeric"
            maxLength={16}
            pattern="[0-9]{16}"
            autoComplete="off"
            value={nik}
            onInput={(e) => setNik(e.currentTarget.value)}
            required
          />
          <label for="passphrase">Passphrase tanda tangan elektronik</label>
          <input
            id="passphrase"
            type="password"
            autoComplete="off"
            value={passphrase}
            onInput={(e) => setPassphrase(e.currentTarget.value)}
            required
          />
          <button class="tombol" type="submit" disabled={chosen.size === 0 || (run !== null && !run.finished)}>
            Tandatangani {chosen.size} KK
          </button>
        </form>
        {run && (
          <div class="hasil-tte" aria-live="polite">
            <label for="kemajuan">Kemajuan penandatanganan</label>
            <progress id="kemajuan" max={run.total} value={run.done.length}>
              {percent}%
            </progress>
            <p data-kemajuan={run.finished ? 'selesai' : 'berjalan'}>
              {run.done.length} dari {run.total} diproses{run.finished ? ` — selesai: ${signed} ditandatangani` : '…'}
            </p>
            <ul class="daftar-hasil">
              {run.done.map((d) => (
                <li key={d.applicationId} class={d.state === 'signed' ? 'berhasil' : 'gagal'}>
                  <strong>{byId.get(d.applicationId) ? labelOf(byId.get(d.applicationId)!) : d.applicationId.slice(0, 8)}</strong>:{' '}
                  {d.state === 'signed' ? 'ditandatangani' : d.state === 'failed' ? `gagal — ${d.reason}` : d.reason}
                </li>
              ))}
            </ul>
          </div>
        )}
      </section>
    </>
  );
}
