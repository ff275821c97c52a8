import { htmlPage, RETRY_AFTER_SECONDS } from '@adminduk/http';

/**
 * The Indonesian pages a self-print link answers with when it cannot give the KK: what happened and
 * what to do. Never the file, never anything about the application (the visitor may not be the
 * applicant). Plain HTML, no scripts or external resources, readable on a low-end phone.
 */
export type SelfPrintRefusal = 'invalid' | 'expired' | 'superseded' | 'revoked' | 'collected' | 'unavailable';

interface Page {
  status: number;
  title: string;
  body: string;
}

const ASK_NEW_LINK =
  'Silakan minta tautan baru kepada petugas kecamatan tempat Anda mengajukan permohonan, atau ambil KK langsung di kantor kecamatan.';

const PAGES: Record<SelfPrintRefusal, Page> = {
  invalid: {
    status: 404,
    title: 'Tautan tidak dikenali',
    body: `Tautan cetak mandiri ini tidak dapat dikenali. Pastikan Anda membuka tautan persis seperti yang tertulis di email (tanpa huruf yang berubah atau terpotong). ${ASK_NEW_LINK}`,
  },
  expired: {
    status: 410,
    title: 'Tautan sudah kedaluwarsa',
    body: `Masa berlaku tautan cetak mandiri ini sudah habis. ${ASK_NEW_LINK}`,
  },
  superseded: {
    status: 410,
    title: 'Tautan sudah diganti',
    body: 'Tautan ini tidak berlaku lagi karena sudah diterbitkan tautan atau KK yang lebih baru. Gunakan tautan terbaru yang dikirim ke email Anda, atau minta tautan baru kepada petugas kecamatan.',
  },
  revoked: {
    status: 410,
    title: 'KK tidak berlaku',
    body: 'KK yang ditautkan sudah dicabut dan tidak dapat dicetak. Silakan hubungi kantor kecamatan tempat Anda mengajukan permohonan untuk keterangan lebih lanjut.',
  },
  collected: {
    status: 410,
    title: 'KK sudah diambil',
    body: 'KK ini sudah diambil di kantor kecamatan, sehingga tautan cetak mandiri tidak berlaku lagi. Bila Anda memerlukan cetakan lain, silakan hubungi kantor kecamatan.',
  },
  unavailable: {
    status: 503,
    title: 'Layanan sedang tidak tersedia',
    body: 'KK tidak dapat diunduh saat ini karena gangguan sementara. Silakan coba lagi beberapa saat lagi; tautan Anda tetap berlaku sampai masa berlakunya habis.',
  },
};

/** The refusal page; a 503 names when to come back (Retry-After), as every 503 of the platform does. */
export function selfPrintRefusalPage(refusal: SelfPrintRefusal): { status: number; html: string; retryAfterSeconds?: number } {
  const page = PAGES[refusal];
  const html = htmlPage({
    title: `${page.title} - Cetak Mandiri KK`,
    noindex: true,
    style:
      'body{font-family:system-ui,sans-serif;max-width:36rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#222}h1{font-size:1.4rem}',
    body: `<main>
<h1>${page.title}</h1>
<p>${page.body}</p>
<p>Layanan ini tidak dipungut biaya (Rp 0).</p>
</main>`,
  });
  return { status: page.status, html, ...(page.status === 503 ? { retryAfterSeconds: RETRY_AFTER_SECONDS } : {}) };
}
