import { eventReason, eventSubject } from './event-labels';

describe('what the auditor timeline says about an event', () => {
  it('names a requirement by its label, keeping the id when the label is unknown', () => {
    const labels = new Map([['kartu-keluarga', 'Kartu Keluarga']]);
    expect(eventSubject({ requirementId: 'kartu-keluarga' }, labels)).toBe('Kartu Keluarga');
    expect(eventSubject({ requirementId: 'ijazah' }, labels)).toBe('ijazah');
    expect(eventSubject({ reason: 'x' }, labels)).toBeNull();
  });

  it('words a reprint reason code by the domain list, with the note beside it', () => {
    expect(eventReason({ reasonCode: 'kertas-rusak' })).toBe('Kertas rusak');
    expect(eventReason({ reasonCode: 'lainnya', note: 'Tinta habis' })).toBe('Lainnya (Tinta habis)');
    expect(eventReason({ reason: 'Scan buram' })).toBe('Scan buram');
    expect(eventReason({ reasonCode: 'BAD_PASSPHRASE', reason: 'Passphrase ditolak.' })).toBe('Passphrase ditolak.');
    expect(eventReason({ at: '2026-01-01' })).toBeNull();
  });
});
