import { useState } from 'preact/hooks';
import { api, type ApiProblem } from '../../api';
import { currentSession } from '../../auth/session';
import type { PageProps } from '../../routes';
import { newIdempotencyKey } from '../../ui/staff/idempotency';
import { asProblem } from '../../ui/staff/problem-text';

interface ImportResult {
  imported: number;
  alreadyPresent: number;
  statusesSent?: number;
}

/**
 * SP4N-LAPOR: upload of LAPOR's file (JSON lines, docs/complaints.md), the status file to send back,
 * and a synchronisation with LAPOR's API when the office has one configured.
 */
export default function LaporExchange(_: PageProps) {
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<string | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [problem, setProblem] = useState<ApiProblem | null>(null);

  const run = async (what: string, call: () => Promise<ImportResult>) => {
    setProblem(null);
    setResult(null);
    setProgress(what);
    try {
      setResult(await call());
    } catch (e) {
      setProblem(asProblem(e));
    } finally {
      setProgress(null);
    }
  };

  const upload = (e: Event) => {
    e.preventDefault();
    if (!file) return;
    void run(`Mengimpor ${file.name}…`, async () =>
      api<ImportResult>('/api/complaints/lapor/import', {
        method: 'POST',
        json: { content: await file.text() },
        headers: { 'idempotency-key': newIdempotencyKey() },
      }),
    );
  };

  const download = async () => {
    setProblem(null);
    const res = await fetch('/api/complaints/lapor/export', {
      headers: { authorization: `Bearer ${currentSession()?.accessToken ?? ''}` },
    });
    if (!res.ok) return setProblem(asProblem(null));
    const href = URL.createObjectURL(await res.blob());
    const a = Object.assign(document.createElement('a'), { href, download: 'status-lapor.jsonl' });
    a.click();
    URL.revokeObjectURL(href);
  };

  return (
    <section class="kartu">
      <h1>SP4N-LAPOR</h1>
      <p>
        Impor laporan dari SP4N-LAPOR (berkas JSON lines, satu laporan per baris) dan kirim kembali perkembangan penanganannya. Nomor
        pelacakan LAPOR disimpan; mengimpor nomor yang sama lagi tidak menambah apa pun.
      </p>
      <form onSubmit={upload}>
        <div class="isian">
          <label for="berkas-lapor">Berkas laporan SP4N-LAPOR (.jsonl)</label>
          <input
            id="berkas-lapor"
            type="file"
            accept=".jsonl,.json,.txt,application/x-ndjson"
            onChange={(e) => setFile(e.currentTarget.files?.[0] ?? null)}
          />
        </div>
        <button class="tombol" type="submit" disabled={!file || !!progress}>
          Impor berkas
        </button>
      </form>
      <p>
        <button type="button" class="tombol garis" onClick={() => void download()}>
          Unduh perkembangan penanganan untuk SP4N-LAPOR
        </button>{' '}
        <button
          type="button"
          class="tombol garis"
          disabled={!!progress}
          onClick={() =>
            void run('Menyinkronkan dengan SP4N-LAPOR…', () =>
              api<ImportResult>('/api/complaints/lapor/sync', { method: 'POST', headers: { 'idempotency-key': newIdempotencyKey() } }),
            )
          }
        >
          Sinkronkan dengan SP4N-LAPOR
        </button>
      </p>
      {progress && (
        <p class="memuat" role="status">
          {progress}
        </p>
      )}
      {problem && (
        <div class="peringatan" role="alert">
          <p>{problem.message}</p>
          {problem.errors.length > 0 && (
            <ul>
              {problem.errors.map((x) => (
                <li key={x.field}>
                  {x.field}: {x.message}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      {result && (
        <p role="status">
          Selesai: {result.imported} laporan baru diimpor, {result.alreadyPresent} sudah ada sebelumnya
          {result.statusesSent !== undefined && `, ${result.statusesSent} perkembangan penanganan dikirim`}.
        </p>
      )}
    </section>
  );
}
