import type { CommandResult } from './operator-api';
import { wib } from './operator-api';

/**
 * What the counter tells the applicant right after intake: an incomplete file is returned at once
 * with what is missing; a complete one goes on to verification (and its tanda terima).
 */
export function IntakeResult({ result, onNext }: { result: CommandResult; onNext: () => void }) {
  const returned = result.events.includes('FileReturned');
  return (
    <section class="kartu" aria-labelledby="judul-hasil-loket">
      <h1 id="judul-hasil-loket">{returned ? 'Berkas dikembalikan' : 'Berkas diterima'}</h1>
      <p role="status">
        <strong>{result.status.label}</strong>
        {result.status.detail && <> – {result.status.detail}</>}
      </p>
      {result.status.reason && <p class={returned ? 'peringatan' : undefined}>{result.status.reason}</p>}
      {result.status.correctionDueAt && <p>Batas melengkapi: {wib(result.status.correctionDueAt)}</p>}
      {returned ? (
        <p>Kembalikan dokumen kepada pemohon dan minta ia datang lagi setelah berkasnya lengkap.</p>
      ) : (
        <button type="button" class="tombol" onClick={onNext}>
          Lanjut verifikasi
        </button>
      )}
      <p>
        <a href="/operator/loket" data-native>
          Terima berkas berikutnya
        </a>
      </p>
    </section>
  );
}
