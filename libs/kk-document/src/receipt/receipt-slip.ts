/**
 * What a tanda terima (receipt slip) prints: everything already written out for people in Bahasa
 * Indonesia by the caller (dates in WIB, the NIK masked, the fee as words). The renderer only lays
 * it out, so the same slip is the same bytes' worth of text whoever renders it.
 */
export interface ReceiptSlipData {
  /** e.g. "TT-351512-20260106-0007". */
  receiptNumber: string;
  office: { name: string; address: string };
  /** When the file was received complete, e.g. "Senin, 5 Januari 2026 pukul 09.12 WIB". */
  receivedAt: string;
  applicant: { name: string; /** "3515********0001" */ nikMasked: string };
  /** The service's name from the catalog. */
  service: string;
  /** Labels of the requirements handed in, in catalog order. */
  requirements: string[];
  /** The SLA due date written out; `provisional` when next year's holidays are not published yet. */
  due: { text: string; provisional: boolean } | null;
  /** e.g. "Rp 0 (gratis)". */
  fee: string;
  /** Who may collect the KK (the standard's words). */
  collection?: string;
  complaints: { telepon: string; email: string };
  /** The public status page for this receipt (the QR code's content). */
  trackingUrl: string;
}

/** Written on a slip whose due date counts days of a year whose holidays are not published yet. */
export const PROVISIONAL_DUE_NOTE =
  'Tanggal perkiraan selesai bersifat sementara karena daftar hari libur tahun berikutnya belum ditetapkan; tanggal dapat bergeser.';

/** "Rp 0 (gratis)", "Rp 15.000": the catalog's fee in the way a receipt writes it. */
export function feeText(rupiah: number): string {
  const amount = `Rp ${Math.round(rupiah)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, '.')}`;
  return rupiah === 0 ? `${amount} (gratis)` : amount;
}
