import { isSensitiveKey, MASK_EMAIL, MASK_NIK, MASK_PHONE, REDACTED, scrubString, scrubValue } from './redaction';

const NIK = '3515124508900003';
const KK = '3515120101170009';

describe('scrubString', () => {
  it.each([
    [`NIK ${NIK} ditolak`, `NIK ${MASK_NIK} ditolak`],
    [`nik=${NIK}&x=1`, `nik=${MASK_NIK}&x=1`],
    [`NIK${NIK}`, `NIK${MASK_NIK}`],
    ['kk 3515 1201 0117 0009.', `kk ${MASK_NIK}.`],
    ['kk 351512-010117-0009', `kk ${MASK_NIK}`],
    ['surat ke siti.aminah@example.co.id ya', `surat ke ${MASK_EMAIL} ya`],
    ['hubungi 081234567890', `hubungi ${MASK_PHONE}`],
    ['hubungi +6281234567890.', `hubungi ${MASK_PHONE}.`],
    ['wa 6285712345678', `wa ${MASK_PHONE}`],
    ['telp 0812-3456-7890 atau +62 812 3456 789', `telp ${MASK_PHONE} atau ${MASK_PHONE}`],
    ['nohp:08123456789', `nohp:${MASK_PHONE}`],
  ])('masks %j', (input, expected) => {
    expect(scrubString(input)).toBe(expected);
  });

  it.each([
    'application 018f3c1e-7d2a-7c44-9f0b-5e3f1c2d4a6b appended at revision 12',
    'trace 4bf92f3577b34da6a3ce929d0e0e4736 span 00f067aa0ba902b7',
    'trace 12345678901234567890123456789012', // 32 digits: a hex id, not a NIK
    'took 1234567 ms at 2026-11-28T08:12:34.567Z, position 123456789012345',
    'kecamatan 35.15.12 desa 35.15.12.2004',
  ])('leaves ordinary text alone: %j', (text) => {
    expect(scrubString(text)).toBe(text);
  });
});

describe('isSensitiveKey', () => {
  it.each([
    'nik',
    'NIK',
    'Nik',
    'noKk',
    'no_kk',
    'nomorKK',
    'nama',
    'namaLengkap',
    'nama_lengkap',
    'name',
    'fullName',
    'phone',
    'telepon',
    'hp',
    'noHp',
    'email',
    'E-Mail',
    'alamat',
    'address',
    'namaAyah',
    'namaIbu',
    'tempatLahir',
    'tanggal_lahir',
    'nikAyah',
    'nikPemohon',
    'emailPemohon',
    'authorization',
    'password',
  ])('%s is sensitive', (key) => expect(isSensitiveKey(key)).toBe(true));

  it.each(['applicationId', 'kecamatan', 'desa', 'status', 'revision', 'type', 'role', 'trace_id', 'durationMs'])('%s is not', (key) =>
    expect(isSensitiveKey(key)).toBe(false),
  );
});

describe('scrubValue', () => {
  it('redacts sensitive keys at any depth and masks values in other strings, without mutating the input', () => {
    const input = {
      applicationId: 'app-1',
      pemohon: { NIK: NIK, namaLengkap: 'Siti Aminah', kontak: { HP: '081234567890', Email: 'siti@example.com' } },
      anggota: [{ nik: NIK, nama: 'Budi' }, { nama: { depan: 'Ani' } }],
      note: `cek KK ${KK} dan hubungi siti@example.com`,
      count: 3,
    };
    const copy = JSON.parse(JSON.stringify(input));
    const out = scrubValue(input) as typeof input;
    expect(out).toEqual({
      applicationId: 'app-1',
      pemohon: { NIK: REDACTED, namaLengkap: REDACTED, kontak: { HP: REDACTED, Email: REDACTED } },
      anggota: [{ nik: REDACTED, nama: REDACTED }, { nama: REDACTED }],
      note: `cek KK ${MASK_NIK} dan hubungi ${MASK_EMAIL}`,
      count: 3,
    });
    expect(input).toEqual(copy);
  });

  it('masks numeric NIKs', () => {
    expect(scrubValue({ value: 3515124508900003 })).toEqual({ value: MASK_NIK });
    expect(scrubValue({ value: 42 })).toEqual({ value: 42 });
    // A duration in milliseconds can print 16 decimals; it stays a number, not "0.[nik]".
    expect(scrubValue({ durationMs: 0.1234567890123456 })).toEqual({ durationMs: 0.1234567890123456 });
  });

  it('keeps errors as errors with scrubbed message, stack, props and cause', () => {
    const cause = new Error(`lookup of ${NIK} failed`);
    const err = Object.assign(new TypeError(`NIK ${NIK} sudah terdaftar`, { cause }), { nik: NIK, code: 'E_DUP' });
    const out = scrubValue(err) as Error & { nik: string; code: string };
    expect(out).toBeInstanceOf(Error);
    expect(out.name).toBe('TypeError');
    expect(out.constructor).toBe(TypeError);
    expect(out.message).toBe(`NIK ${MASK_NIK} sudah terdaftar`);
    expect(out.stack).not.toContain(NIK);
    expect(out.stack).toContain(MASK_NIK);
    expect(out.nik).toBe(REDACTED);
    expect(out.code).toBe('E_DUP');
    expect((out.cause as Error).message).toBe(`lookup of ${MASK_NIK} failed`);
  });

  it('masks the input a database error echoes in its message, stack and fields (a name is not recognisable as one)', () => {
    // The shape of pg's DatabaseError: message and detail repeat the offending value.
    const err = Object.assign(new Error('invalid input syntax for type date: "AISYAH PUTRI SANTOSO"'), {
      code: '22007',
      detail: 'Key (newborn_name)=(AISYAH PUTRI SANTOSO) already exists.',
      table: 'application_view',
    });
    const out = scrubValue(err) as Error & { detail: string; code: string; table: string };
    const logged = JSON.stringify({ message: out.message, stack: out.stack, detail: out.detail });
    expect(logged).not.toContain('AISYAH');
    expect(out.message).toBe('invalid input syntax for type date: "[redacted]"');
    expect(out.detail).toBe('Key (newborn_name)=([redacted]) already exists.');
    expect(out.code).toBe('22007');
    expect(out.table).toBe('application_view');
  });

  it('scrubs what a value object serialises to', () => {
    const contact = { toJSON: () => ({ email: 'a@b.id', note: 'call 081234567890' }) };
    expect(scrubValue({ contact })).toEqual({ contact: { email: REDACTED, note: `call ${MASK_PHONE}` } });
  });

  it('survives cycles, Maps, Sets and buffers', () => {
    const a: Record<string, unknown> = { email: 'x@y.id' };
    a.self = a;
    const out = scrubValue({ a, m: new Map([['nik', NIK]]), s: new Set([NIK]), b: Buffer.from('abc') });
    expect(out).toEqual({
      a: { email: REDACTED, self: '[circular]' },
      m: { nik: REDACTED },
      s: [MASK_NIK],
      b: '[binary 3 bytes]',
    });
  });
});
