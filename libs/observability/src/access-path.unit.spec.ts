import { accessLogPath } from './access-path';

const EMAIL = 'siti.aminah@example.co.id';
const PHONE = '+62 812-3456-7890';
const NIK = '3515124508900003';
const NAME = 'Siti Aminah Rahmawati';
const PERSONAL = [EMAIL, 'siti.aminah', 'example.co.id', '3456', NIK, 'Siti', 'Aminah', 'Rahmawati', 'aminah'];

/** Every way a client may encode a value into a path segment. */
const encodings = (value: string): string[] => [
  encodeURIComponent(value),
  encodeURIComponent(encodeURIComponent(value)), // double-encoded: %2540
  [...Buffer.from(value)].map((b) => `%${b.toString(16).padStart(2, '0')}`).join(''), // every byte
  [...Buffer.from(value)].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join(''),
  value.replace(/ /g, '%20'),
];

describe('accessLogPath: the path a log line or span may hold', () => {
  it.each([EMAIL, PHONE, '081234567890', NIK, '3515 1245 0890 0003', NAME, 'SITI AMINAH', 'Dédé Sukmawati', "O'Brien"])(
    'never holds %s, however it is percent-encoded, in a path or its query',
    (value) => {
      const words = value.split(/[^\p{L}\p{N}]+/u).filter((w) => w.length >= 3);
      for (const encoded of encodings(value)) {
        for (const url of [
          `/api/applications/${encoded}`,
          `/api/x/${encoded}/y`,
          `/verifikasi/${encoded}?nama=${encoded}&nik=${NIK}`,
          `/api/${encoded}/history`,
        ]) {
          const logged = accessLogPath(url);
          for (const fragment of [...PERSONAL, ...words])
            expect({ url, logged, has: logged.includes(fragment) }).toEqual({ url, logged, has: false });
          expect(logged).not.toContain('?');
        }
      }
    },
  );

  it('says what it masked where it can tell', () => {
    expect(accessLogPath(`/api/x/${encodeURIComponent(EMAIL)}`)).toBe('/api/x/[email]');
    expect(accessLogPath(`/api/x/${NIK}`)).toBe('/api/x/[nik]');
    expect(accessLogPath('/api/x/081234567890')).toBe('/api/x/[phone]');
    expect(accessLogPath('/api/x/Siti%20Aminah')).toBe('/api/x/[redacted]');
    expect(accessLogPath('/api/x/%E0%A4%A')).toBe('/api/x/[redacted]'); // malformed encoding
  });

  it("keeps the platform's own paths as they are", () => {
    const id = '0193a0c4-7b8e-7c3d-9f10-2a3b4c5d6e7f';
    for (const path of [
      '/',
      '/health/ready',
      `/api/applications/${id}/requirements/kartu-keluarga/accept`,
      '/api/signing/batches',
      `/api/documents/${id}`,
    ]) {
      expect(accessLogPath(`${path}?nik=${NIK}`)).toBe(path);
    }
  });

  it('with the matched route: parameters shaped like ids are kept, any other value is shown as the parameter name', () => {
    const id = '0193a0c4-7b8e-7c3d-9f10-2a3b4c5d6e7f';
    const route = { path: '/api/applications/:id/documents/:requirementId' };
    expect(accessLogPath(`/api/applications/${id}/documents/kartu-keluarga`, route)).toBe(
      `/api/applications/${id}/documents/kartu-keluarga`,
    );
    expect(accessLogPath('/api/applications/siti/documents/aminah', route)).toBe('/api/applications/:id/documents/:requirementId');
    expect(accessLogPath(`/API/Applications/${NIK}/documents/x`, route)).toBe('/api/applications/:id/documents/:requirementId');
    expect(accessLogPath('/verifikasi/35.15.12', { path: '/verifikasi/:documentId' })).toBe('/verifikasi/35.15.12');
    // Percent-encoded, an id is still recognised after decoding; a credential-like token is only its name.
    expect(accessLogPath(`/api/applications/${encodeURIComponent(id).replace('0', '%30')}/documents/x`, route)).toBe(
      `/api/applications/${id}/documents/:requirementId`,
    );
    const token = `AQE${'x'.repeat(120)}-siti@example.com_${NIK}`;
    expect(accessLogPath(`/cetak/${token}`, { path: '/cetak/:token' })).toBe('/cetak/:token');
    expect(accessLogPath(`/cetak/${encodeURIComponent(token)}`, { path: '/cetak/:token' })).toBe('/cetak/:token');
  });
});
