import { domainTesting, evolve, initialState, type ApplicationEvent, type ApplicationState } from '@adminduk/domain';
import { trackingKey, trackingKeyOf, trackingKeysMatch } from './tracking-key';

const APP = '6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f';
const OTHER = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';

function submitted(): ApplicationState {
  const s = new domainTesting.KkScenario('tatap-muka').submit();
  return s.events.reduce((state: ApplicationState, e: ApplicationEvent) => evolve(state, e), initialState());
}

describe('tracking key (the public lookup second factor)', () => {
  it('is the applicant’s birth date (their row in the KK) and the last four NIK digits, bound to the application', () => {
    const state = submitted();
    const nik = state.applicant!.nik;
    const birth = state.family!.anggota.find((m) => m.nik === nik)!.tanggalLahir;
    expect(trackingKeyOf(APP, state)).toBe(trackingKey(APP, birth, nik.slice(-4)));
    expect(trackingKey(APP, birth, nik.slice(-4))).not.toBe(trackingKey(OTHER, birth, nik.slice(-4)));
    expect(trackingKey(APP, birth, nik.slice(-4))).not.toContain(nik.slice(-4));
  });

  it('is absent before the applicant and family are known', () => {
    expect(trackingKeyOf(APP, initialState())).toBeNull();
  });

  it('matches only the same key; a missing key matches nothing', () => {
    const k = trackingKey(APP, '1988-03-12', '0001');
    expect(trackingKeysMatch(k, trackingKey(APP, '1988-03-12', '0001'))).toBe(true);
    expect(trackingKeysMatch(k, trackingKey(APP, '1988-03-12', '0002'))).toBe(false);
    expect(trackingKeysMatch(k, trackingKey(APP, '1988-03-13', '0001'))).toBe(false);
    expect(trackingKeysMatch(null, k)).toBe(false);
    expect(trackingKeysMatch(k, 'short')).toBe(false);
  });
});
