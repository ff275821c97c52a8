import QRCode from 'qrcode';

const ERROR_CORRECTION = 'M'; // medium: survives print, folding and a phone camera

/** PNG of the QR code, for a remote TTE provider that stamps its own visible signature. */
export function qrCodePng(text: string): Promise<Buffer> {
  return QRCode.toBuffer(text, { type: 'png', errorCorrectionLevel: ERROR_CORRECTION, margin: 2, scale: 6 });
}

/** Dark modules of the QR code as horizontal runs, for drawing it as vector shapes. */
export function qrCodeRuns(text: string): { size: number; runs: Array<{ row: number; col: number; length: number }> } {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: ERROR_CORRECTION });
  const runs: Array<{ row: number; col: number; length: number }> = [];
  for (let row = 0; row < modules.size; row++) {
    for (let col = 0; col < modules.size;) {
      if (!modules.get(row, col)) {
        col++;
        continue;
      }
      const start = col;
      while (col < modules.size && modules.get(row, col)) col++;
      runs.push({ row, col: start, length: col - start });
    }
  }
  return { size: modules.size, runs };
}
