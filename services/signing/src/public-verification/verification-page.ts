import { escapeHtml as escape, htmlPage } from '@adminduk/http';
import type { PublicDocumentStatus } from './document-status';

const HEADINGS: Record<PublicDocumentStatus['status'], string> = {
  valid: 'SAH — Kartu Keluarga berlaku',
  superseded: 'DIGANTI — sudah ada Kartu Keluarga yang lebih baru',
  revoked: 'DICABUT — Kartu Keluarga tidak berlaku',
  unknown: 'TIDAK TERDAFTAR',
};

const wib = (iso: string): string => new Date(Date.parse(iso) + 7 * 3_600_000).toISOString().replace('T', ' ').slice(0, 16) + ' WIB';

/**
 * The page behind the QR code (no login, no script needed to read it). It shows the same fields as
 * the JSON API; the upload form posts the PDF itself to the upload check for this document id.
 */
export function verificationPage(s: PublicDocumentStatus): string {
  const rows: Array<[string, string | null]> =
    s.status === 'unknown'
      ? []
      : [
          ['Jenis dokumen', s.jenisDokumen],
          ['Dikeluarkan tanggal', s.dikeluarkanTanggal],
          ['Kepala keluarga', s.namaKepalaKeluarga],
          ['Ditandatangani oleh', s.ditandatanganiOleh],
          ['Nomor seri sertifikat', s.sertifikat?.serial ?? null],
          ['Waktu tanda tangan', s.ditandatanganiPada ? wib(s.ditandatanganiPada) : null],
          ['Diganti oleh KK tanggal', s.digantiOleh?.dikeluarkanTanggal ?? null],
          ['SHA-256 berkas', s.sha256],
        ];
  const table = rows
    .filter(([, v]) => v)
    .map(([k, v]) => `<tr><th>${escape(k)}</th><td>${escape(v as string)}</td></tr>`)
    .join('\n');
  const id = escape(s.documentId);
  return htmlPage({
    title: 'Verifikasi Kartu Keluarga',
    noindex: true,
    style: `body{font-family:sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem}h1{font-size:1.3rem}
.status{padding:.8rem;border-radius:.3rem;font-weight:bold}.valid{background:#d9f2dd}.superseded,.revoked,.unknown{background:#fbe0e0}
th{text-align:left;padding-right:1rem;vertical-align:top}td{word-break:break-all}`,
    body: `<h1>Verifikasi Kartu Keluarga</h1>
<p class="status ${s.status}" data-status="${s.status}">${escape(HEADINGS[s.status])}</p>
<p>${escape(s.keterangan)}</p>
<table>
${table}
</table>
<h2>Periksa berkas PDF</h2>
<p>Unggah berkas PDF Kartu Keluarga untuk memeriksa tanda tangan elektronik dan kesesuaiannya dengan dokumen terdaftar ini.</p>
<form id="unggah"><input type="file" name="pdf" accept="application/pdf" required> <button>Periksa</button></form>
<pre id="hasil"></pre>
<script>
document.getElementById('unggah').addEventListener('submit', async (e) => {
  e.preventDefault();
  const file = e.target.pdf.files[0];
  const r = await fetch('/api/public/verifikasi/unggah?documentId=${encodeURIComponent(s.documentId)}', { method: 'POST', headers: { 'content-type': 'application/pdf' }, body: file });
  const j = await r.json();
  document.getElementById('hasil').textContent = j.keterangan || j.message;
});
</script>
<p><small>Dokumen ${id}</small></p>`,
  });
}
