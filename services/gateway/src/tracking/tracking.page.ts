import { escapeHtml as escape, htmlPage } from '@adminduk/http';
import type { TrackingAnswer } from './tracking.query';

export interface TrackingPageInput {
  nomor?: string;
  answer?: TrackingAnswer;
  /** The refusal or validation message to show above the form. */
  problem?: string;
}

/**
 * `GET /lacak`: the status lookup as a plain Indonesian HTML form (no scripts; the QR code on the
 * tanda terima opens `/lacak?nomor=<receipt>`). Submitting the form asks the same lookup as the API
 * and shows its answer on the same page.
 */
export function trackingPage({ nomor, answer, problem }: TrackingPageInput): string {
  const result = answer
    ? `<section aria-live="polite"><h2>Status permohonan</h2><p><strong>${escape(answer.status)}</strong>${
        answer.keterangan ? ` &ndash; ${escape(answer.keterangan)}` : ''
      }</p><p>${escape(answer.langkahBerikutnya)}</p></section>`
    : '';
  const error = problem ? `<p role="alert" class="problem">${escape(problem)}</p>` : '';
  return htmlPage({
    title: 'Lacak Permohonan KK',
    noindex: true,
    style:
      'body{font-family:system-ui,sans-serif;max-width:36rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#222}label{display:block;margin-top:1rem}input{font-size:1rem;padding:.4rem;width:100%;box-sizing:border-box}button{margin-top:1rem;font-size:1rem;padding:.5rem 1rem}.problem{color:#a00}',
    body: `<main>
<h1>Lacak Permohonan Kartu Keluarga</h1>
${error}${result}
<form method="get" action="/lacak">
<label for="nomor">Nomor tanda terima</label>
<input id="nomor" name="nomor" required maxlength="60" value="${escape(nomor ?? '')}" autocomplete="off">
<label for="tanggalLahir">Tanggal lahir pemohon</label>
<input id="tanggalLahir" name="tanggalLahir" type="date" required>
<label for="nik4">Empat angka terakhir NIK pemohon</label>
<input id="nik4" name="nik4" required inputmode="numeric" pattern="[0-9]{4}" maxlength="4" autocomplete="off">
<button type="submit">Lacak</button>
</form>
<p>Halaman ini hanya menampilkan status dan langkah berikutnya. Layanan ini tidak dipungut biaya (Rp 0).</p>
</main>`,
  });
}
