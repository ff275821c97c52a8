import { publicStepsOf } from './complaint-tracking';

describe('complaint tracking: what the complainant sees', () => {
  it('the public steps carry the type, the time and the verification outcome only', () => {
    const by = { userId: 'pengaduan-1', role: 'petugas-pengaduan' };
    const steps = publicStepsOf([
      {
        type: 'ComplaintVerified',
        schemaVersion: 1,
        data: { outcome: 'needs-information', note: 'Mohon nomor KK.', by, at: '2026-12-02T02:00:00.000Z' },
      },
      {
        type: 'ComplaintDisposed',
        schemaVersion: 1,
        data: { unit: 'Seksi Pelayanan', note: 'Segera', by, at: '2026-12-03T02:00:00.000Z' },
      },
    ]);
    expect(steps).toEqual([
      { type: 'ComplaintVerified', at: '2026-12-02T02:00:00.000Z', outcome: 'needs-information' },
      { type: 'ComplaintDisposed', at: '2026-12-03T02:00:00.000Z' },
    ]);
  });
});
