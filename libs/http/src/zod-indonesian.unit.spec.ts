import { z } from 'zod';
import { parseWith, safeText } from './zod-indonesian';

const schema = z
  .object({
    name: z.string().min(1),
    age: z.number().int(),
    contact: z.object({ email: z.string().email() }).strict(),
  })
  .strict();

describe('parseWith (Indonesian field errors)', () => {
  it('names every bad field with an Indonesian message', () => {
    const r = parseWith(schema, { name: '', age: 'tua', contact: { email: 'bukan-email', extra: 1 }, unknown: true });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual(
      expect.arrayContaining([
        { field: 'name', message: 'Wajib diisi' },
        { field: 'age', message: 'Harus berupa angka' },
        { field: 'contact.email', message: 'Format email tidak valid' },
        { field: 'contact.extra', message: 'Kolom tidak dikenal' },
        { field: 'unknown', message: 'Kolom tidak dikenal' },
      ]),
    );
  });

  it('reports a missing field as required', () => {
    const r = parseWith(schema, { age: 1, contact: { email: 'a@b.id' } });
    expect(r).toEqual({ ok: false, errors: [{ field: 'name', message: 'Wajib diisi' }] });
  });

  it('returns the parsed data when valid', () => {
    const input = { name: 'x', age: 3, contact: { email: 'a@b.id' } };
    expect(parseWith(schema, input)).toEqual({ ok: true, data: input });
  });
});

describe('safeText: the one primitive for typed text', () => {
  const body = z
    .object({
      nama: safeText({ max: 60, upperCase: true, pattern: { regex: /^[A-Z ]+$/, message: 'Hanya huruf' } }),
      alasan: safeText({ max: 500, multiline: true }),
    })
    .strict();
  const fieldsOf = (input: unknown) => {
    const r = parseWith(body, input);
    return r.ok ? [] : [...new Set(r.errors.map((e) => e.field))];
  };

  it.each(['\u0000', '\ud800', '\udc00', '\u202e', '\u2066', '\u0007', '\u007f', '\u0085', '\ufeff'])(
    'refuses %j anywhere, naming the field',
    (ch) => {
      expect(fieldsOf({ nama: `BUDI${ch}`, alasan: 'ok' })).toEqual(['nama']);
      expect(fieldsOf({ nama: 'BUDI', alasan: `${ch}tidak sesuai` })).toEqual(['alasan']);
    },
  );

  it('one line unless multi-line; CR LF becomes LF', () => {
    expect(fieldsOf({ nama: 'BUDI\nSANTOSO', alasan: 'ok' })).toEqual(['nama']);
    expect(parseWith(body, { nama: 'budi', alasan: 'baris satu\r\nbaris dua' })).toEqual({
      ok: true,
      data: { nama: 'BUDI', alasan: 'baris satu\nbaris dua' },
    });
  });

  it('normalises (NFC, trim, one space, capitals) before checking length and pattern', () => {
    expect(parseWith(body, { nama: '  siti   aminah ', alasan: ' x ' })).toEqual({ ok: true, data: { nama: 'SITI AMINAH', alasan: 'x' } });
    expect(parseWith(body, { nama: 'BUDI1', alasan: 'x' })).toEqual({ ok: false, errors: [{ field: 'nama', message: 'Hanya huruf' }] });
    expect(fieldsOf({ nama: '   ', alasan: 'x' })).toEqual(['nama']);
    expect(fieldsOf({ nama: 'A'.repeat(61), alasan: 'x' })).toEqual(['nama']);
    expect(fieldsOf({ nama: 7, alasan: 'x' })).toEqual(['nama']);
  });

  it('a verbatim field (a passphrase) is kept as typed, still without forbidden characters', () => {
    const secret = safeText({ max: 256, verbatim: true });
    expect(parseWith(secret, '  rahasia  ')).toEqual({ ok: true, data: '  rahasia  ' });
    expect(parseWith(secret, 'rahasia\u0000').ok).toBe(false);
  });
});
