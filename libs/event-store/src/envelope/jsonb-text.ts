/**
 * Content hash version 2 (decision 0029): the hashed bytes are PostgreSQL's own text of the stored
 * jsonb, so the store computes and checks every hash in C (es_event_content, migration
 * 1765350000005) without a canonical form in Node. This file is the same definition in Node, for
 * readers that hold an event but not the store (the history's chain marks, an export bundle, tests):
 *
 *   {"data": D, "metadata": M, "revision": R, "streamId": S, "type": T}
 *
 * D and M are jsonb's text output (`jsonb::text`), R the decimal revision, S and T JSON strings.
 * jsonb prints object keys shorter first, then by their UTF-8 bytes; ", " between items, ": " after
 * a key; numbers as numeric prints them (plain decimal, never an exponent).
 */

/** jsonb's text of a JSON value as read back from jsonb (or as a writer sends it: toJSON honoured, undefined dropped). */
export function jsonbText(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return quote(value);
    case 'number':
      return Number.isFinite(value) ? plainNumber(value) : 'null';
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      break;
    default:
      return 'null';
  }
  if (value === null) return 'null';
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return jsonbText((value as { toJSON(): unknown }).toJSON());
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i === 0 ? '' : ', ') + jsonbText(value[i]);
    return out + ']';
  }
  const record = value as Record<string, unknown>;
  let out = '{';
  let first = true;
  for (const key of jsonbKeyOrder(Object.keys(record))) {
    const v = record[key];
    if (v === undefined || typeof v === 'function' || typeof v === 'symbol') continue;
    out += (first ? '' : ', ') + quote(key) + ': ' + jsonbText(v);
    first = false;
  }
  return out + '}';
}

/** The exact text es_event_content gives for an event, from the jsonb texts of its data and metadata. */
export function contentV2Text(streamId: string, revision: number, type: string, dataText: string, metadataText: string): string {
  return `{"data": ${dataText}, "metadata": ${metadataText}, "revision": ${revision}, "streamId": ${quote(streamId)}, "type": ${quote(type)}}`;
}

// eslint-disable-next-line no-control-regex -- ASCII is what the fast path of the key order needs
const ASCII = /^[\x00-\x7f]*$/;

/** jsonb's key order: shorter first (in UTF-8 bytes), then bytewise. */
function jsonbKeyOrder(keys: string[]): string[] {
  if (keys.every((k) => ASCII.test(k))) return keys.sort((a, b) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0));
  const bytes = new Map(keys.map((k) => [k, Buffer.from(k, 'utf8')]));
  return keys.sort((a, b) => bytes.get(a)!.length - bytes.get(b)!.length || Buffer.compare(bytes.get(a)!, bytes.get(b)!));
}

/**
 * PostgreSQL's escaping of a JSON string (escape_json) is JSON.stringify's for every string jsonb
 * can hold (it cannot hold a lone surrogate or U+0000).
 */
const quote = (s: string) => JSON.stringify(s);

/**
 * numeric's text of a number a writer sent as JSON (its shortest form, e.g. 1e-7 or 1e+21): the
 * same digits without an exponent, as many decimals as the shortest form implies.
 */
export function plainNumber(n: number): string {
  const s = String(n);
  const e = s.indexOf('e');
  if (e < 0) return s;
  const negative = s[0] === '-';
  const mantissa = s.slice(negative ? 1 : 0, e);
  const exponent = Number(s.slice(e + 1));
  const dot = mantissa.indexOf('.');
  const digits = dot < 0 ? mantissa : mantissa.slice(0, dot) + mantissa.slice(dot + 1);
  const point = (dot < 0 ? mantissa.length : dot) + exponent;
  const plain =
    point <= 0
      ? `0.${'0'.repeat(-point)}${digits}`
      : point >= digits.length
        ? digits + '0'.repeat(point - digits.length)
        : `${digits.slice(0, point)}.${digits.slice(point)}`;
  return negative ? `-${plain}` : plain;
}
