/**
 * A minimal DER writer and reader: just what CMS SignedData needs. Written here (not taken from a
 * general ASN.1 library) because verification must hash the exact bytes of a parsed element, which
 * needs byte offsets that generic decoders do not keep.
 */

export const TAG = {
  INTEGER: 0x02,
  BIT_STRING: 0x03,
  OCTET_STRING: 0x04,
  NULL: 0x05,
  OID: 0x06,
  UTF8_STRING: 0x0c,
  SEQUENCE: 0x30,
  SET: 0x31,
  UTC_TIME: 0x17,
  GENERALIZED_TIME: 0x18,
} as const;

/** Context-specific tag [n]; constructed unless `primitive`. */
export const contextTag = (n: number, primitive = false): number => (primitive ? 0x80 : 0xa0) | n;

function encodeLength(length: number): Buffer {
  if (length < 0x80) return Buffer.from([length]);
  const bytes: number[] = [];
  for (let l = length; l > 0; l = Math.floor(l / 256)) bytes.unshift(l & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

/** One TLV; contents are concatenated. */
export function der(tag: number, ...contents: Buffer[]): Buffer {
  const body = Buffer.concat(contents);
  return Buffer.concat([Buffer.from([tag]), encodeLength(body.length), body]);
}

export const seq = (...items: Buffer[]): Buffer => der(TAG.SEQUENCE, ...items);
export const nullValue = (): Buffer => der(TAG.NULL);
export const octetString = (value: Buffer): Buffer => der(TAG.OCTET_STRING, value);

/** SET OF in DER order (elements sorted by their encodings). */
export function setOf(...items: Buffer[]): Buffer {
  return der(TAG.SET, ...[...items].sort(Buffer.compare));
}

export function integer(value: number): Buffer {
  const bytes: number[] = [];
  let v = value;
  do {
    bytes.unshift(v & 0xff);
    v = Math.floor(v / 256);
  } while (v > 0);
  if (bytes[0] & 0x80) bytes.unshift(0);
  return der(TAG.INTEGER, Buffer.from(bytes));
}

export function oid(dotted: string): Buffer {
  const parts = dotted.split('.').map(Number);
  const out: number[] = [40 * parts[0] + parts[1]];
  for (const p of parts.slice(2)) {
    const chunk: number[] = [p & 0x7f];
    for (let v = Math.floor(p / 128); v > 0; v = Math.floor(v / 128)) chunk.unshift((v & 0x7f) | 0x80);
    out.push(...chunk);
  }
  return der(TAG.OID, Buffer.from(out));
}

export function decodeOid(contents: Buffer): string {
  const parts = [Math.floor(contents[0] / 40), contents[0] % 40];
  let v = 0;
  for (const b of contents.subarray(1)) {
    v = v * 128 + (b & 0x7f);
    if (!(b & 0x80)) {
      parts.push(v);
      v = 0;
    }
  }
  return parts.join('.');
}

/** A parsed element with its position, so callers can slice the exact encoded bytes. */
export interface DerNode {
  tag: number;
  /** Whole TLV bytes. */
  raw: Buffer;
  /** Value bytes. */
  contents: Buffer;
  children: DerNode[];
}

function readNode(buf: Buffer, offset: number): DerNode {
  if (offset + 2 > buf.length) throw new Error('DER: truncated');
  const tag = buf[offset];
  if ((tag & 0x1f) === 0x1f) throw new Error('DER: high tag numbers are not supported');
  let pos = offset + 1;
  let length = buf[pos++];
  if (length & 0x80) {
    const n = length & 0x7f;
    if (n === 0 || n > 4) throw new Error('DER: indefinite or oversized length');
    length = 0;
    for (let i = 0; i < n; i++) length = length * 256 + buf[pos++];
  }
  const end = pos + length;
  if (end > buf.length) throw new Error('DER: element runs past the end');
  const contents = buf.subarray(pos, end);
  const node: DerNode = { tag, raw: buf.subarray(offset, end), contents, children: [] };
  if (tag & 0x20) {
    let p = 0;
    while (p < contents.length) {
      const child = readNode(contents, p);
      node.children.push(child);
      p += child.raw.length;
    }
  }
  return node;
}

/** Parses one element; trailing bytes (e.g. zero padding of a PDF /Contents) are ignored. */
export function parseDer(buf: Buffer): DerNode {
  return readNode(buf, 0);
}

/** The n-th child, or an error that names what was expected. */
export function child(node: DerNode, index: number, what: string): DerNode {
  const c = node.children[index];
  if (!c) throw new Error(`DER: missing ${what}`);
  return c;
}
