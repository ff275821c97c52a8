import fc from 'fast-check';
import { DomainError } from '../shared/domain-error';
import { holdsUnsafeText, unsafeTextKind } from '../shared/safe-text';
import { actors, given, KkScenario, MONDAY_0900, submitCommand } from '../testing';
import type { ApplicationCommand } from './application.commands';
import { emailProblem, isIsoDate, isDataField, yearsBefore } from './kk-field-rules';

/**
 * The decider is the last line: whatever reaches it (a forged bus message, a bug at the edge), it
 * refuses what the KK field rules (decision 0011) do not allow, naming the field.
 */

/** Characters no stored text may hold: NUL and other controls, lone surrogates, bidi controls. */
const UNSAFE = [
  '\u0000',
  '\u0001',
  '\u001b',
  '\u007f',
  '\u0085',
  '\ud800',
  '\udfff',
  '\u202e',
  '\u202a',
  '\u2066',
  '\u2069',
  '\u200f',
  '\ufeff',
];
const unsafeChar = fc.constantFrom(...UNSAFE);

/** Every string leaf of a value, with its path written as the decider names fields. */
function stringLeaves(value: unknown, path = ''): string[] {
  if (typeof value === 'string') return [path];
  if (Array.isArray(value)) return value.flatMap((v, i) => stringLeaves(v, `${path}[${i}]`));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => stringLeaves(v, path ? `${path}.${k}` : k));
  return [];
}

function setLeaf(root: Record<string, unknown>, path: string, update: (s: string) => unknown): void {
  const parts = path.replace(/\[(\d+)\]/g, '.$1').split('.');
  let node = root as Record<string, unknown>;
  for (const p of parts.slice(0, -1)) node = node[p] as Record<string, unknown>;
  const last = parts[parts.length - 1];
  node[last] = update(node[last] as string);
}

function refusal(command: ApplicationCommand, events = new KkScenario('tatap-muka').events): DomainError {
  try {
    given(events).when(command).events();
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error(`accepted: ${JSON.stringify(command.data).slice(0, 200)}`);
}

const fields = (e: DomainError) => e.issues.map((i) => i.field);

describe('safe text', () => {
  it('finds each kind of forbidden character; a line break only where lines are allowed', () => {
    expect(unsafeTextKind('BUDI\u0000')).toBe('control');
    expect(unsafeTextKind('BUDI\ud800')).toBe('surrogate');
    expect(unsafeTextKind('A\udc00B')).toBe('surrogate');
    expect(unsafeTextKind('😀')).toBeUndefined(); // a whole surrogate pair is text (names refuse it by their own rule)
    expect(unsafeTextKind('ANAK\u202e')).toBe('bidi');
    expect(unsafeTextKind('baris satu\nbaris dua')).toBe('control');
    expect(unsafeTextKind('baris satu\nbaris dua', { multiline: true })).toBeUndefined();
    expect(unsafeTextKind('NUL\u0000', { multiline: true })).toBe('control');
    expect(holdsUnsafeText({ a: [{ b: 'x\u2066' }] })).toBe(true);
  });
});

describe('a submission holding a forbidden character in ANY text field is refused, naming that field', () => {
  const base = submitCommand('tatap-muka');
  // The id is the service's; channel and kecamatan decide who may submit (a 403 comes first there).
  const leaves = stringLeaves(base.data).filter((p) => !['applicationId', 'channel', 'kecamatan'].includes(p));

  it('every string leaf, every kind of character, anywhere in the value', () => {
    fc.assert(
      fc.property(fc.constantFrom(...leaves), unsafeChar, fc.nat(), (leaf, ch, pos) => {
        const command = structuredClone(base);
        setLeaf(
          command.data as unknown as Record<string, unknown>,
          leaf,
          (s) => s.slice(0, pos % (s.length + 1)) + ch + s.slice(pos % (s.length + 1)),
        );
        const e = given([]).when(command).thenThrows({ kind: 'invalid' });
        const named = leaf.replace(/^presentedRequirementIds\[\d+\]$/, 'presentedRequirementIds');
        expect(fields(e)).toContain(named);
      }),
      { numRuns: 300 },
    );
  });
});

describe('names, places and occupations', () => {
  const withMember = (patch: Record<string, unknown>) => {
    const c = submitCommand('tatap-muka');
    c.data.family.anggota[0] = { ...c.data.family.anggota[0], ...patch } as never;
    return c;
  };

  it.each([
    '<b>BUDI</b>',
    'BUDI 😀',
    'BUDI\r\nSANTOSO',
    '${7*7}',
    'BUDI2',
    'budi santoso',
    'BUDI  SANTOSO',
    ' BUDI',
    'A'.repeat(61),
    "'BUDI",
  ])('refuses the name %j', (nama) => {
    given([])
      .when(withMember({ namaLengkap: nama }))
      .thenThrows({ kind: 'invalid', fields: ['family.anggota[0].namaLengkap'] });
  });

  it.each(["MA'RUF AMIN", 'DRS. H. AHMAD DAHLAN, S.H.', 'SITI-AMINAH', 'BUDI'])('accepts the name %j', (nama) => {
    expect(
      given([])
        .when(withMember({ namaLengkap: nama }))
        .events()[0].type,
    ).toBe('ApplicationSubmitted');
  });

  it('the newborn is named after Permendagri 73/2022: two words or more, letters only', () => {
    for (const nama of ['AISYAH', "MA'RUF PUTRA", 'BAYI 2', 'AISYAH  PUTRI']) {
      const c = submitCommand('tatap-muka');
      c.data.newborn.namaLengkap = nama;
      given([])
        .when(c)
        .thenThrows({ kind: 'invalid', fields: ['newborn.namaLengkap'] });
    }
  });

  it('places follow the name rule; occupations come from the SIAK list', () => {
    given([])
      .when(withMember({ tempatLahir: 'SIDOARJO<script>' }))
      .thenThrows({ kind: 'invalid', fields: ['family.anggota[0].tempatLahir'] });
    given([])
      .when(withMember({ tempatLahir: 'KAB. SIDOARJO' }))
      .events();
    given([])
      .when(withMember({ jenisPekerjaan: 'PROGRAMMER' }))
      .thenThrows({ kind: 'invalid', fields: ['family.anggota[0].jenisPekerjaan'] });
    given([])
      .when(withMember({ jenisPekerjaan: 'PEGAWAI NEGERI SIPIL (PNS)' }))
      .events();
  });

  it('address, birth attendant, passport: their own character sets', () => {
    const c = submitCommand('tatap-muka');
    c.data.family.alamat.alamat = 'Jl. Raya <img src=x>';
    c.data.newborn.penolongKelahiran = 'BIDAN${1}';
    c.data.family.anggota[1] = { ...c.data.family.anggota[1], noPaspor: 'A 123' };
    given([])
      .when(c)
      .thenThrows({ kind: 'invalid', fields: ['family.alamat.alamat', 'newborn.penolongKelahiran', 'family.anggota[1].noPaspor'] });
  });
});

describe('dates are real days within sane bounds', () => {
  it('isIsoDate: no month 13, no day 45, no year 0, no 29 February outside leap years', () => {
    for (const d of ['2025-13-45', '0000-00-00', '2023-02-29', '2025-04-31', '2025-1-01', '20250101']) expect(isIsoDate(d)).toBe(false);
    for (const d of ['2024-02-29', '1900-01-01', '2025-12-31']) expect(isIsoDate(d)).toBe(true);
    expect(yearsBefore('2024-02-29', 18)).toBe('2006-02-28');
  });

  it.each(['2099-01-01', '2025-13-45', '0000-00-00', '1899-12-31', '1980-01-01'])(
    'refuses tanggalPerkawinan %s (1980 is before the member was born)',
    (d) => {
      const c = submitCommand('tatap-muka');
      c.data.family.anggota[0] = { ...c.data.family.anggota[0], tanggalPerkawinan: d };
      given([])
        .when(c)
        .thenThrows({ kind: 'invalid', fields: ['family.anggota[0].tanggalPerkawinan'] });
    },
  );

  it('refuses a marriage date for someone never married', () => {
    const c = submitCommand('tatap-muka');
    c.data.family.anggota[2] = { ...c.data.family.anggota[2], tanggalPerkawinan: '2020-01-01' };
    given([])
      .when(c)
      .thenThrows({ kind: 'invalid', fields: ['family.anggota[2].tanggalPerkawinan'] });
  });

  it.each(['1800-01-01', '2006-01-05', '2025-01-07'])('refuses a newborn born %s (more than 18 years ago, or in the future)', (d) => {
    const c = submitCommand('tatap-muka');
    c.data.newborn.tanggalLahir = d;
    given([])
      .when(c)
      .thenThrows({ kind: 'invalid', fields: ['newborn.tanggalLahir'] });
  });

  it('refuses a family member born before 1900', () => {
    const c = submitCommand('tatap-muka');
    c.data.family.anggota[0] = { ...c.data.family.anggota[0], tanggalLahir: '1899-12-31' };
    given([])
      .when(c)
      .thenThrows({ kind: 'invalid', fields: ['family.anggota[0].tanggalLahir'] });
  });
});

describe('e-mail within RFC 5321 limits', () => {
  it('local part at most 64, whole at most 254, ASCII', () => {
    expect(emailProblem(`${'a'.repeat(64)}@example.com`)).toBeUndefined();
    expect(emailProblem(`${'a'.repeat(65)}@example.com`)).toMatch(/64/);
    expect(emailProblem(`a@${'b'.repeat(62)}.${'c'.repeat(62)}.${'d'.repeat(62)}.${'e'.repeat(62)}.com`)).toMatch(/254/);
    expect(emailProblem('siti\u0000@example.com')).toBeDefined();
    const c = submitCommand('tatap-muka');
    c.data.applicant.email = `${'a'.repeat(300)}@example.com`;
    given([])
      .when(c)
      .thenThrows({ kind: 'invalid', fields: ['applicant.email'] });
  });
});

describe('unknown keys are refused, at any depth', () => {
  it('applicant, family, address, member, newborn', () => {
    const c = submitCommand('tatap-muka');
    Object.assign(c.data.applicant, { role: 'admin' });
    Object.assign(c.data.family.alamat, { lat: 1 });
    Object.assign(c.data.family.anggota[1], { catatan: 'x' });
    Object.assign(c.data.newborn, { html: '<b>' });
    given([])
      .when(c)
      .thenThrows({ kind: 'invalid', fields: ['applicant.role', 'family.alamat.lat', 'family.anggota[1].catatan', 'newborn.html'] });
  });
});

describe('reasons and data fields on an existing application', () => {
  const verifying = () => new KkScenario('tatap-muka').submit();
  const op = actors.operator;

  it('data/reject names a known field of THIS application', () => {
    expect(isDataField('newborn.tempatLahir')).toBe(true);
    expect(isDataField('family.anggota[2].nik', 3)).toBe(true);
    expect(isDataField('family.anggota[3].nik', 3)).toBe(false);
    expect(isDataField('family.anggota[01].nik', 3)).toBe(false);
    for (const field of ['<script>', 'newborn', 'newborn.warna', 'family.anggota[3].nik', 'applicant.nik.x']) {
      const e = refusal({ type: 'RejectData', actor: op, data: { issues: [{ field, reason: 'Tidak sesuai' }] } }, verifying().events);
      expect(fields(e)).toEqual(['issues[0].field']);
    }
    given(verifying().events)
      .when({ type: 'RejectData', actor: op, data: { issues: [{ field: 'family.anggota[2].tanggalLahir', reason: 'Tidak sesuai akta' }] } })
      .events();
  });

  const reasonCommands = (reason: string): Array<[string, ApplicationCommand, () => KkScenario]> => [
    ['RejectRequirement', { type: 'RejectRequirement', actor: op, data: { requirementId: 'kartu-keluarga', reason } }, verifying],
    ['RejectData', { type: 'RejectData', actor: op, data: { issues: [{ field: 'newborn.jamLahir', reason }] } }, verifying],
    ['RejectApplication', { type: 'RejectApplication', actor: op, data: { reason } }, verifying],
    ['WithdrawApplication', { type: 'WithdrawApplication', actor: op, data: { reason } }, verifying],
    ['ReturnFileAtCounter', { type: 'ReturnFileAtCounter', actor: op, data: { reason } }, () => verifying().reject('kartu-keluarga')],
    [
      'RevokeSignedKk',
      { type: 'RevokeSignedKk', actor: actors.signer, data: { reason } },
      () => new KkScenario('daring-mandiri').readyToVerify().verify().assignNik().sign(),
    ],
  ];

  it('every reason refuses NUL, lone surrogates and bidi controls, naming its field; a line break is fine', () => {
    fc.assert(
      fc.property(unsafeChar, fc.string({ maxLength: 20 }), (ch, tail) => {
        for (const [, command, state] of reasonCommands(`Berkas tidak sesuai ${ch}${tail}`)) {
          const e = refusal(command, state().events);
          expect(e.kind).toBe('invalid');
          expect(fields(e).some((f) => f === 'reason' || f === 'issues[0].reason')).toBe(true);
        }
      }),
      { numRuns: 40 },
    );
    for (const [type, command, state] of reasonCommands('Baris satu.\nBaris dua.')) {
      expect([type, given(state().events).when(command, { now: MONDAY_0900 }).events().length > 0]).toEqual([type, true]);
    }
  });
});
