const WIB_OFFSET_MS = 7 * 3_600_000;

/**
 * The tanda terima number for a counter submission, e.g. "TT-351512-20250106-0007":
 * kecamatan code, the WIB date, and the caller's sequence for that kecamatan and day.
 * Deterministic: the same inputs always give the same number; the caller owns the sequence.
 */
export function receiptNumber(kecamatan: string, at: Date, sequence: number): string {
  if (!Number.isInteger(sequence) || sequence < 1 || sequence > 99_999)
    throw new RangeError(`Receipt sequence must be 1..99999, got ${sequence}`);
  const code = kecamatan.replace(/\./g, '');
  if (!/^\d{6}$/.test(code)) throw new RangeError(`Not a kecamatan code: ${kecamatan}`);
  const day = new Date(at.getTime() + WIB_OFFSET_MS).toISOString().slice(0, 10).replace(/-/g, '');
  return `TT-${code}-${day}-${String(sequence).padStart(4, '0')}`;
}
