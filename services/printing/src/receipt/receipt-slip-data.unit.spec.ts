import { fromWib, indonesianHolidays, WorkingCalendar } from '@adminduk/calendar';
import { domainTesting } from '@adminduk/domain';
import { BALONGBENDO_OFFICE } from '@adminduk/notifications';
import { receiptSlipData, trackingUrl } from './receipt-slip-data';

const deps = (calendar: WorkingCalendar) => ({ calendar, office: BALONGBENDO_OFFICE, publicBaseUrl: 'https://layanan.example.go.id/' });
const counterFileOn = (start: Date) => new domainTesting.KkScenario('tatap-muka', start).readyToVerify().verify();

describe('tanda terima data from the application', () => {
  it('writes out the receipt, applicant (NIK masked), service, requirements received, due date, fee, contacts and tracking URL', () => {
    const s = counterFileOn(domainTesting.MONDAY_0900);
    const slip = receiptSlipData(s.state, deps(new WorkingCalendar(indonesianHolidays)));
    expect(slip).toMatchObject({
      receiptNumber: 'TT-351512-20250106-0007',
      applicant: { name: s.state.applicant!.namaLengkap, nikMasked: '3515********0001' },
      receivedAt: 'Senin, 6 Januari 2025 pukul 09.00 WIB',
      fee: 'Rp 0 (gratis)',
      complaints: BALONGBENDO_OFFICE.complaints,
      trackingUrl: 'https://layanan.example.go.id/lacak?nomor=TT-351512-20250106-0007',
      collection: 'pemohon atau anggota keluarga dalam satu Kartu Keluarga',
    });
    expect(slip.service).toMatch(/Kartu Keluarga/i);
    // Every document handed in at the counter, in catalog order.
    expect(slip.requirements).toEqual(s.state.requirements.filter((r) => r.applicable && r.presented).map((r) => r.label));
    expect(slip.requirements.length).toBeGreaterThanOrEqual(domainTesting.DOCUMENT_REQUIREMENTS.length);
    // Three whole working days after Monday: Tuesday to Thursday, due when Thursday ends.
    expect(slip.due).toEqual({ text: 'Kamis, 9 Januari 2025', provisional: false });
    expect(JSON.stringify(slip)).not.toContain(s.state.applicant!.nik);
  });

  it('marks a due date that counts days of a year whose holidays are not published as provisional', () => {
    // Filed on 30 December 2026: the count runs into 2027, which the shipped calendar does not hold.
    const s = counterFileOn(fromWib(2026, 12, 30, 9));
    const calendar = new WorkingCalendar(indonesianHolidays, { beyondData: 'fixed-dates' });
    const slip = receiptSlipData(s.state, deps(calendar));
    expect(slip.due?.provisional).toBe(true);
    expect(slip.due?.text).toBe('Selasa, 5 Januari 2027');
  });

  it('escapes the receipt number in the tracking URL', () => {
    expect(trackingUrl('https://x.go.id', 'TT 1&2')).toBe('https://x.go.id/lacak?nomor=TT%201%262');
  });
});
