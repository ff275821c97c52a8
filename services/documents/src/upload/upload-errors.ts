import { ApiError, apiError } from '@adminduk/http';
import type { ContentProblem } from './content-rules';

/** What is wrong with a scan whose type was recognised but whose content is not a usable file. */
const CONTENT_PROBLEMS: Record<ContentProblem, { code: string; message: (maxMegapixels: number) => string }> = {
  'pdf-no-header': { code: 'DOCUMENT_DAMAGED', message: () => 'Berkas PDF rusak: kepala berkas (%PDF-1.x) tidak lengkap' },
  'pdf-no-trailer': {
    code: 'DOCUMENT_DAMAGED',
    message: () => 'Berkas PDF tidak lengkap atau terpotong: bagian akhir berkas (trailer, startxref, %%EOF) tidak ditemukan',
  },
  'pdf-no-xref': {
    code: 'DOCUMENT_DAMAGED',
    message: () => 'Berkas PDF rusak: tabel referensi silang (xref) tidak ditemukan atau tidak sesuai dengan isi berkas',
  },
  'pdf-unparsable': { code: 'DOCUMENT_DAMAGED', message: () => 'Berkas PDF rusak: isi berkas atau katalognya tidak dapat dibaca' },
  'pdf-encrypted': {
    code: 'DOCUMENT_ENCRYPTED',
    message: () => 'Berkas PDF dikunci dengan kata sandi atau terenkripsi; unggah PDF tanpa kata sandi',
  },
  'pdf-no-pages': { code: 'DOCUMENT_NO_PAGES', message: () => 'Berkas PDF tidak berisi satu halaman pun' },
  'image-too-large': {
    code: 'IMAGE_TOO_LARGE',
    message: (mp) => `Resolusi gambar melebihi ${mp} megapiksel; pindai atau foto ulang dengan resolusi lebih kecil`,
  },
  'jpeg-undecodable': { code: 'DOCUMENT_DAMAGED', message: () => 'Gambar JPEG rusak atau terpotong sehingga tidak dapat dibuka' },
  'png-undecodable': { code: 'DOCUMENT_DAMAGED', message: () => 'Gambar PNG rusak atau terpotong sehingga tidak dapat dibuka' },
};

/** Why an upload was refused (while streaming, or once spooled and checked); each maps to one clear 4xx. */
export const uploadErrors = {
  tooLarge: (maxBytes: number) => new ApiError(apiError(413, 'DOCUMENT_TOO_LARGE', `Ukuran berkas melebihi batas ${formatMb(maxBytes)}`)),
  empty: () => new ApiError(apiError(400, 'DOCUMENT_EMPTY', 'Berkas kosong (0 byte)')),
  unsupportedType: () => new ApiError(apiError(415, 'DOCUMENT_TYPE_NOT_ALLOWED', 'Jenis berkas tidak didukung; unggah PDF, JPEG atau PNG')),
  incomplete: () => new ApiError(apiError(400, 'UPLOAD_INCOMPLETE', 'Unggahan terputus sebelum selesai; silakan ulangi')),
  /** 422: the type is allowed, the content is not a usable file (content-rules.ts). */
  unreadable: (problem: ContentProblem, maxMegapixels: number) => {
    const { code, message } = CONTENT_PROBLEMS[problem];
    const text = message(maxMegapixels);
    return new ApiError(apiError(422, code, text, [{ field: 'file', message: text }]));
  },
  tooComplex: () =>
    new ApiError(
      apiError(
        422,
        'DOCUMENT_TOO_COMPLEX',
        'Berkas terlalu rumit untuk diperiksa; unggah pindaian dengan resolusi atau jumlah halaman lebih kecil',
      ),
    ),
};

function formatMb(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return `${Number.isInteger(mb) ? mb : mb.toFixed(1)} MB`;
}
