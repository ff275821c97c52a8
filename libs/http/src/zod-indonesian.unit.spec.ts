import { z } from 'zod';
import { parseWith } from './zod-indonesian';

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
