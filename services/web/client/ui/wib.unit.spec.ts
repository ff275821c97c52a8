import { countdown, formatWibDateTimeIso } from './wib';

describe('WIB wording in the web app', () => {
  it('writes the deadline as the mails do, whatever the browser zone', () => {
    expect(formatWibDateTimeIso('2026-03-03T05:00:00.000Z')).toBe('Selasa, 3 Maret 2026 pukul 12.00 WIB');
  });

  it('counts down to a deadline and past it', () => {
    const due = new Date('2026-03-03T05:00:00Z');
    expect(countdown(due, new Date('2026-03-02T02:55:00Z'))).toBe('sisa 1 hari 2 jam');
    expect(countdown(due, new Date('2026-03-03T02:55:00Z'))).toBe('sisa 2 jam 5 menit');
    expect(countdown(due, new Date('2026-03-03T04:59:30Z'))).toBe('sisa 0 menit');
    expect(countdown(due, new Date('2026-03-03T05:10:00Z'))).toBe('lewat 10 menit');
  });
});
