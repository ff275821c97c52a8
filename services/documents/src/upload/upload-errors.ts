import { ApiError, apiError } from '@adminduk/http';

/** Why an upload body was refused while streaming; each maps to one clear 4xx. */
export const uploadErrors = {
  tooLarge: (maxBytes: number) =>
    new ApiError(apiError(413, 'DOCUMENT_TOO_LARGE', `Ukuran berkas melebihi batas ${formatMb(maxBytes)}`)),
  empty: () => new ApiError(apiError(400, 'DOCUMENT_EMPTY', 'Berkas kosong (0 byte)')),
  unsupportedType: () =>
    new ApiError(apiError(415, 'DOCUMENT_TYPE_NOT_ALLOWED', 'Jenis berkas tidak didukung; unggah PDF, JPEG atau PNG')),
  incomplete: () => new ApiError(apiError(400, 'UPLOAD_INCOMPLETE', 'Unggahan terputus sebelum selesai; silakan ulangi')),
};

function formatMb(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return `${Number.isInteger(mb) ? mb : mb.toFixed(1)} MB`;
}
