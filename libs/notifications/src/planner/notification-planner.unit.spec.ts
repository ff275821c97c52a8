import { domainTesting, event, type ApplicationEvent, type SelfPrintLinkIssued, type SurveyInvitationIssued } from '@adminduk/domain';
import { BALONGBENDO_OFFICE } from '../templates/service-office';
import { renderTemplate } from '../templates/templates';
import { planNotifications, PlannerInputError, type ApplicationFacts, type TriggeringEvent } from './notification-planner';

const { KkScenario, applicant } = domainTesting;

const facts = (over: Partial<ApplicationFacts> = {}): ApplicationFacts => ({
  applicant: applicant(),
  serviceName: 'Kartu Keluarga: tambah anggota keluarga karena kelahiran',
  slaWorkingDays: 3,
  requirementLabels: { 'surat-kelahiran': 'Hasil Scan Surat kelahiran dari RS/ bidan / Klinik / Puskesmas' },
  selfPrintAvailable: true,
  office: BALONGBENDO_OFFICE,
  ...over,
});
const trigger = (e: ApplicationEvent | SurveyInvitationIssued, eventId = 'evt-1'): TriggeringEvent => ({
  eventId,
  applicationId: 'app-1',
  event: e,
});
const last = <T extends ApplicationEvent['type']>(s: InstanceType<typeof KkScenario>, type: T) =>
  s.events.filter((e): e is Extract<ApplicationEvent, { type: T }> => e.type === type).pop() as Extract<ApplicationEvent, { type: T }>;

describe('notification planner', () => {
  it('plans the receipt mail for a submission, keyed by application, template, event and channel', () => {
    const s = new KkScenario('daring-mandiri').submit();
    const sends = planNotifications(trigger(last(s, 'ApplicationSubmitted')), facts());
    expect(sends).toHaveLength(1);
    expect(sends[0]).toMatchObject({
      key: 'app-1/submission-received/evt-1/email',
      recipient: 'budi.santoso@example.com',
      identity: { applicationId: 'app-1', template: 'submission-received', eventId: 'evt-1', channel: 'email' },
    });
    expect(sends[0].input).toMatchObject({ referenceNumber: 'app-1', slaWorkingDays: 3 });
  });

  it('plans the correction request with its labels and the concrete deadline from the event', () => {
    const s = new KkScenario('daring-mandiri').submit().uploadAll().reject('surat-kelahiran', 'Scan buram').requestCorrection();
    const e = last(s, 'CorrectionRequested');
    const [send] = planNotifications(trigger(e, 'evt-9'), facts());
    expect(send.input).toMatchObject({ template: 'correction-requested', dueAt: e.data.dueAt });
    const text = renderTemplate(send.input).text;
    // Submitted Monday 6 January 2025 (WIB): due the next calendar day at 12.00 WIB.
    expect(text).toContain('Batas waktu perbaikan: Selasa, 7 Januari 2025 pukul 12.00 WIB.');
    expect(text).toContain('Hasil Scan Surat kelahiran dari RS/ bidan / Klinik / Puskesmas: Scan buram');
    expect(text).not.toContain(applicant().nik);
  });

  it('uses the receipt number once issued, and sends the KK-ready mail on signature', () => {
    const s = new KkScenario('tatap-muka').readyToVerify().verify(7).assignNik().sign();
    const receipt = last(s, 'ReceiptIssued').data.receiptNumber;
    const [send] = planNotifications(trigger(last(s, 'KkSigned')), facts({ receiptNumber: receipt }));
    expect(send.input).toMatchObject({ template: 'kk-ready', referenceNumber: receipt, selfPrintAvailable: true });
    expect(renderTemplate(send.input).subject).toContain(receipt);
  });

  it('adds an SMS or WhatsApp send with its own key when the applicant asked for one', () => {
    const e = event('ApplicationRejected', {
      reason: 'Data tidak sesuai',
      rejectedBy: { userId: 'op', role: 'operator-kecamatan' },
      at: '2025-01-06T03:00:00Z',
    });
    const sends = planNotifications(trigger(e), facts({ textChannel: 'whatsapp' }));
    expect(sends.map((x) => [x.identity.channel, x.recipient, x.key])).toEqual([
      ['email', 'budi.santoso@example.com', 'app-1/rejected/evt-1/email'],
      ['whatsapp', '081234567890', 'app-1/rejected/evt-1/whatsapp'],
    ]);
    // No address, no SMS: nothing to send on that channel.
    expect(
      planNotifications(trigger(e), facts({ applicant: { ...applicant(), email: '' }, textChannel: 'sms' })).map((x) => x.identity.channel),
    ).toEqual(['sms']);
  });

  it('covers return, withdrawal and the self-print link; needs the link for the last', () => {
    const by = { userId: 'op', role: 'operator-kecamatan' as const };
    const returned = event('FileReturned', {
      reasonCode: 'correction-deadline-missed',
      reason: 'Batas waktu terlewati',
      items: [],
      returnedBy: by,
      at: 'x',
    });
    expect(planNotifications(trigger(returned), facts())[0].input.template).toBe('file-returned');
    expect(planNotifications(trigger(event('ApplicationWithdrawn', { withdrawnBy: by, at: 'x' })), facts())[0].input.template).toBe(
      'withdrawn',
    );
    const link = event<SelfPrintLinkIssued>('SelfPrintLinkIssued', { linkId: 'l-1', expiresAt: '2025-01-13T16:59:00.000Z', at: 'x' });
    expect(() => planNotifications(trigger(link), facts())).toThrow(PlannerInputError);
    const [send] = planNotifications(trigger(link), facts({ selfPrintUrl: 'https://adminduk.test/cetak/t0k3n' }));
    expect(send.input).toMatchObject({
      template: 'self-print-link',
      url: 'https://adminduk.test/cetak/t0k3n',
      expiresAt: link.data.expiresAt,
    });
  });

  it('mails the survey invitation with its signed link, and needs the link', () => {
    const invitation: SurveyInvitationIssued = {
      type: 'SurveyInvitationIssued',
      schemaVersion: 1,
      data: {
        applicationId: 'app-1',
        invitationId: 'inv-1',
        kecamatan: '35.15.12',
        serviceType: 'kk-tambah-anggota-kelahiran',
        trigger: 'collected',
        expiresAt: '2025-02-13T16:59:00.000Z',
        at: 'x',
      },
    };
    expect(() => planNotifications(trigger(invitation), facts())).toThrow(PlannerInputError);
    const [send] = planNotifications(trigger(invitation), facts({ surveyUrl: 'https://adminduk.test/survei/t0k3n' }));
    expect(send.input).toMatchObject({
      template: 'survey-invitation',
      url: 'https://adminduk.test/survei/t0k3n',
      expiresAt: invitation.data.expiresAt,
    });
    expect(send.key).toBe(`app-1/survey-invitation/${send.identity.eventId}/email`);
  });

  it('plans nothing for events the applicant is not told about', () => {
    const s = new KkScenario('daring-mandiri').submit().uploadAll().acceptAll();
    for (const e of s.events.filter((x) => x.type !== 'ApplicationSubmitted')) expect(planNotifications(trigger(e), facts())).toEqual([]);
  });

  it('gives the same sends for a redelivered event', () => {
    const s = new KkScenario('daring-mandiri').submit();
    const e = last(s, 'ApplicationSubmitted');
    expect(planNotifications(trigger(e), facts())).toEqual(planNotifications(trigger(e), facts()));
  });
});
