import { useState } from 'preact/hooks';
import type { ApiProblem } from '../../api';
import { asProblem, fetchBlobUrl } from './operator-api';
import { Feedback } from './feedback';
import { PdfFrame } from './pdf-frame';

/**
 * The tanda terima of a counter file (the printing service's PDF, fetched with the token), shown in
 * a frame and handed to the browser's print dialog.
 */
export function ReceiptSlip({ applicationId, receiptNumber }: { applicationId: string; receiptNumber: string }) {
  const [src, setSrc] = useState<string | null>(null);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [busy, setBusy] = useState(false);
  const open = async () => {
    setBusy(true);
    setProblem(null);
    try {
      if (src) URL.revokeObjectURL(src);
      setSrc(await fetchBlobUrl(`/api/printing/receipts/${applicationId}.pdf`));
    } catch (e) {
      setProblem(asProblem(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section class="hasil" aria-labelledby="judul-tanda-terima">
      <h2 id="judul-tanda-terima">Tanda terima {receiptNumber}</h2>
      <p>Berikan tanda terima ini kepada pemohon: nomornya dipakai untuk melacak dan mengambil KK.</p>
      <button type="button" class="tombol" disabled={busy} onClick={() => void open()}>
        Cetak tanda terima
      </button>
      <Feedback problem={problem} />
      {src && <PdfFrame src={src} title={`Tanda terima ${receiptNumber}`} printLabel="Kirim tanda terima ke printer" />}
    </section>
  );
}
