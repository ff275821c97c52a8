import { domainTesting } from '@adminduk/domain';
import { stepOfField, submissionBody, withoutMember } from './submission-body';

/** The wizard's values for a body: every leaf under its API path, as the form's inputs are named. */
function formValues(value: unknown, prefix = '', out: Record<string, string> = {}): Record<string, string> {
  if (value !== null && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) formValues(v, prefix ? `${prefix}.${k}` : k, out);
  else out[prefix] = String(value);
  return out;
}

describe('the online submission form and the API body', () => {
  const { applicant, family, newborn } = domainTesting;

  it('turns what the citizen typed into exactly the body the API takes (numbers as numbers, kecamatan from the desa)', () => {
    const expected = { kecamatan: '35.15.12', applicant: applicant(), family: family(), newborn: newborn(), memilikiIjazah: false };
    const values = formValues({ applicant: applicant(), family: family(), newborn: newborn() });
    expect(submissionBody(values, family().anggota.length)).toEqual(expected);
  });

  it('leaves out optional columns left empty rather than sending them blank, and declares the ijazah when ticked', () => {
    const values = { ...formValues({ newborn: newborn() }), 'newborn.jamLahir': ' ', 'newborn.beratBayiGram': '', memilikiIjazah: 'ya' };
    const body = submissionBody(values, 1) as { newborn: Record<string, unknown>; memilikiIjazah: boolean };
    expect(body.newborn).not.toHaveProperty('jamLahir');
    expect(body.newborn).not.toHaveProperty('beratBayiGram');
    expect(body.newborn.panjangBayiCm).toBe(49);
    expect(body.memilikiIjazah).toBe(true);
  });

  it('shows an API error on the step that holds its field', () => {
    expect(stepOfField('applicant.telepon')).toBe(0);
    expect(stepOfField('family.alamat.desa')).toBe(1);
    expect(stepOfField('kecamatan')).toBe(1);
    expect(stepOfField('family.anggota.2.nik')).toBe(2);
    expect(stepOfField('family.anggota')).toBe(2);
    expect(stepOfField('newborn.nikIbu')).toBe(3);
    expect(stepOfField('memilikiIjazah')).toBe(4);
  });

  it('removing a member moves the later members (values and errors) up one place', () => {
    const record = {
      'applicant.nik': 'a',
      'family.anggota.0.nik': 'm0',
      'family.anggota.1.nik': 'm1',
      'family.anggota.2.nik': 'm2',
      'family.anggota.2.namaLengkap': 'n2',
    };
    expect(withoutMember(record, 1)).toEqual({
      'applicant.nik': 'a',
      'family.anggota.0.nik': 'm0',
      'family.anggota.1.nik': 'm2',
      'family.anggota.1.namaLengkap': 'n2',
    });
  });
});
