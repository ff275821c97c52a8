/** The scan types accepted, recognised by their first bytes (never by name or Content-Type). */
export type DocumentMediaType = 'application/pdf' | 'image/jpeg' | 'image/png';

const SIGNATURES: ReadonlyArray<{ type: DocumentMediaType; magic: Buffer }> = [
  { type: 'application/pdf', magic: Buffer.from('%PDF-', 'ascii') },
  { type: 'image/jpeg', magic: Buffer.from([0xff, 0xd8, 0xff]) },
  { type: 'image/png', magic: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) },
];

/** Bytes needed to decide in every case. */
export const SNIFF_BYTES = 8;

export function sniffMediaType(head: Buffer): DocumentMediaType | null {
  for (const { type, magic } of SIGNATURES) {
    if (head.length >= magic.length && head.subarray(0, magic.length).equals(magic)) return type;
  }
  return null;
}

export const EXTENSION: Record<DocumentMediaType, string> = {
  'application/pdf': 'pdf',
  'image/jpeg': 'jpg',
  'image/png': 'png',
};
