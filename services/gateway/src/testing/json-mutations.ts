import fc from 'fast-check';
import { holdsUnsafeText } from '@adminduk/domain';

/**
 * Arbitraries for fuzzing the platform's JSON write endpoints: mutations that turn a VALID body into
 * an invalid one whatever the endpoint, because every object is strict, every string is safe text
 * with a length limit, every leaf has one type, and dates, names and e-mails follow the KK field
 * rules (decision 0011). A mutated body must never be accepted.
 */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type Path = (string | number)[];

export interface Mutation {
  kind: string;
  path: Path;
  body: Json;
  /** The field the API must name in its 400 (as it writes fields: `family.anggota.0.namaLengkap`). */
  field?: string;
}

/** What no stored text may hold: NUL and other controls, lone surrogates, bidi controls, BOM. */
export const UNSAFE_CHARS = [
  '\u0000',
  '\u0001',
  '\u0008',
  '\u000b',
  '\u001b',
  '\u007f',
  '\u0085',
  '\u009f',
  '\ud800',
  '\udbff',
  '\udc00',
  '\udfff',
  '\u202a',
  '\u202b',
  '\u202d',
  '\u202e',
  '\u2066',
  '\u2067',
  '\u2069',
  '\u200e',
  '\u200f',
  '\ufeff',
];

/** Text people type that is still fine: any Unicode without forbidden characters. */
export const safeString = (o: { minLength?: number; maxLength: number; lines?: boolean }) =>
  fc
    .string({
      unit: fc.oneof(fc.constantFrom('a', 'Z', ' ', '.', ',', 'é', 'ß', '漢', '😀', ...(o.lines ? ['\n'] : [])), fc.char()),
      minLength: o.minLength,
      maxLength: o.maxLength,
    })
    .filter((s) => !holdsUnsafeText(s, { multiline: o.lines }) && s.trim().length >= (o.minLength ?? 0) && s.length <= o.maxLength);

export const fieldName = (path: Path): string => path.map(String).join('.');

function nodes(value: Json, path: Path = []): { path: Path; value: Json }[] {
  const here = { path, value };
  if (Array.isArray(value)) return [here, ...value.flatMap((v, i) => nodes(v, [...path, i]))];
  if (value && typeof value === 'object') return [here, ...Object.entries(value).flatMap(([k, v]) => nodes(v, [...path, k]))];
  return [here];
}

/** A copy of `root` with the node at `path` replaced (or a new key added, `__proto__` included, as an own property). */
export function setAt(root: Json, path: Path, value: Json): Json {
  if (path.length === 0) return value;
  const copy = structuredClone(root) as Record<string | number, Json>;
  let node = copy;
  for (const p of path.slice(0, -1)) node = node[p] as Record<string | number, Json>;
  Object.defineProperty(node, path[path.length - 1], { value, enumerable: true, writable: true, configurable: true });
  return copy as Json;
}

const typeOf = (v: Json) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);
const OTHER_TYPES: Record<string, Json[]> = {
  string: [1, 0, -1, true, false, null, [], {}, ['x'], { a: 'x' }],
  number: ['1', 'satu', true, null, [], {}, [1]],
  boolean: ['true', 1, 0, null, [], {}],
  null: ['', 0, false, [], {}],
  array: ['x', 1, true, null, {}, { 0: 'x' }],
  object: ['x', 1, true, null, [], [{}]],
};

const BAD_DATES = [
  '2025-13-45',
  '0000-00-00',
  '2025-02-30',
  '2023-02-29',
  '1800-01-01',
  '1899-12-31',
  '2099-01-01',
  '99-01-01',
  '2025/01/03',
  '03-01-2025',
  '2025-01-03T00:00:00Z',
  '',
];
const BAD_NAMES = [
  '<b>BUDI</b>',
  '<script>alert(1)</script>',
  '${7*7}',
  '{{7*7}}',
  'BUDI 😀',
  'BUDI\r\nSANTOSO',
  'BUDI\tSANTOSO',
  '\u202eIDUB',
  "'; DROP TABLE events;--",
  'BUDI @ SANTOSO',
  '',
  ' ',
];
const BAD_EMAILS = [
  `${'a'.repeat(65)}@example.com`,
  `a@${'b'.repeat(250)}.com`,
  'budi@@example.com',
  'budi example.com',
  'budi@example',
  '<budi@example.com>',
  'budi@exa mple.com',
];
const BAD_NUMBERS = [-1, 0, 0.5, 1e308, -1e308, 123456789];
const UNKNOWN_KEYS = ['__proto__', 'constructor', 'prototype', 'role', 'isAdmin', '$where', 'x-tambahan', ''];

/** Keys whose values follow a KK text rule (names, places, address, birth attendant, document numbers): none allows these. */
const NAME_KEYS = /^(nama\w*|tempatLahir|penolongKelahiran|alamat|noPaspor|noKitap)$/;
/** Names and places hold no digits. */
const LETTER_KEYS = /^(nama\w*|tempatLahir)$/;
const DATE_KEYS = /^tanggal\w*$/;
const EMAIL_KEYS = /^email$/;

/** One invalid mutation of `valid`, anywhere in it. */
export function invalidMutation(valid: Json): fc.Arbitrary<Mutation> {
  const all = nodes(valid);
  const strings = all.filter((n) => typeof n.value === 'string');
  const objects = all.filter((n) => n.value !== null && typeof n.value === 'object' && !Array.isArray(n.value));
  const numbers = all.filter((n) => typeof n.value === 'number');
  const keyed = (re: RegExp) => strings.filter((n) => re.test(String(n.path[n.path.length - 1])));
  const names = keyed(NAME_KEYS);
  const letters = keyed(LETTER_KEYS);
  const dates = keyed(DATE_KEYS);
  const emails = keyed(EMAIL_KEYS);
  const pick = <T>(xs: T[]) => fc.constantFrom(...xs);

  const options: fc.Arbitrary<Mutation>[] = [
    pick(all).chain((n) =>
      pick(OTHER_TYPES[typeOf(n.value)]).map((v) => ({ kind: 'wrong-type', path: n.path, body: setAt(valid, n.path, v) })),
    ),
  ];
  if (objects.length) {
    const key = fc.oneof(
      pick(UNKNOWN_KEYS),
      fc.string({ maxLength: 20 }).map((s) => `x_${s}`),
    );
    options.push(
      fc.tuple(pick(objects), key, fc.jsonValue() as fc.Arbitrary<Json>).map(([n, k, v]) => ({
        kind: 'unknown-key',
        path: [...n.path, k],
        body: setAt(valid, [...n.path, k], v),
        field: fieldName([...n.path, k]),
      })),
    );
  }
  if (strings.length) {
    options.push(
      fc.tuple(pick(strings), pick(UNSAFE_CHARS), fc.nat()).map(([n, ch, at]) => {
        const s = n.value as string;
        const i = at % (s.length + 1);
        return { kind: 'unsafe-char', path: n.path, body: setAt(valid, n.path, s.slice(0, i) + ch + s.slice(i)), field: fieldName(n.path) };
      }),
      fc
        .tuple(pick(strings), fc.integer({ min: 600, max: 300_000 }), fc.constantFrom('A', 'a', ' a', '9', 'é'))
        .map(([n, length, unit]) => ({
          kind: 'huge-string',
          path: n.path,
          body: setAt(valid, n.path, unit.repeat(Math.ceil(length / unit.length))),
        })),
    );
  }
  if (names.length)
    options.push(
      fc.tuple(pick(names), pick(BAD_NAMES)).map(([n, v]) => ({ kind: 'bad-name', path: n.path, body: setAt(valid, n.path, v) })),
    );
  if (letters.length)
    options.push(
      fc
        .tuple(pick(letters), pick(['BUDI2', 'SITI 3 AMINAH', '1']))
        .map(([n, v]) => ({ kind: 'digit-in-name', path: n.path, body: setAt(valid, n.path, v) })),
    );
  if (dates.length)
    options.push(
      fc.tuple(pick(dates), pick(BAD_DATES)).map(([n, v]) => ({ kind: 'bad-date', path: n.path, body: setAt(valid, n.path, v) })),
    );
  if (emails.length)
    options.push(
      fc.tuple(pick(emails), pick(BAD_EMAILS)).map(([n, v]) => ({ kind: 'bad-email', path: n.path, body: setAt(valid, n.path, v) })),
    );
  if (numbers.length)
    options.push(
      fc.tuple(pick(numbers), pick(BAD_NUMBERS)).map(([n, v]) => ({ kind: 'bad-number', path: n.path, body: setAt(valid, n.path, v) })),
    );
  return fc.oneof(...options);
}
