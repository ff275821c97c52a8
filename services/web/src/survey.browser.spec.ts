import type { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import type { Page } from 'playwright-core';
import { createComplaintsApp, loadComplaintsConfig } from '@adminduk/complaints/testing';
import { domainTesting, foldApplication, IKM_ELEMENTS } from '@adminduk/domain';
import { PostgresEventStore } from '@adminduk/event-store';
import { startNotifications, type NotificationsUnderTest } from '@adminduk/notifications-service/testing';
import { createLogger } from '@adminduk/observability';
import { readModelsTesting } from '@adminduk/read-models';
import { eventually, freePort } from '@adminduk/testing';
import { checkScreen, launchChromium, loginAs, startWebPlatform, type TestBrowser, type WebPlatform } from './testing';

// The IKM survey end to end: a KK handed over at the counter -> the complaints service invites the
// applicant -> the notifications service mails the link (real SMTP server) -> the applicant answers
// in Chromium -> the staff's IKM screen shows the figure. Real NATS, PostgreSQL, SMTP and browser.

/** The answers given in the browser, element by element (1-4), and their IKM worked out by hand. */
const ANSWERS = [4, 3, 3, 4, 4, 3, 4, 2, 3];
// (4+3+3+4+4+3+4+2+3) / 9 = 30 / 9 = 3.3333 (one respondent: each NRR is the answer itself) x 25 = 83.33 -> B (76.61-88.30).
const EXPECTED_IKM = '83,33';

describe('IKM survey: invitation mail, anonymous answer in the browser, results screen', () => {
  let web: WebPlatform;
  let complaints: INestApplication;
  let notifications: NotificationsUnderTest;
  let store: PostgresEventStore;
  let chromium: TestBrowser;
  let page: Page;

  beforeAll(async () => {
    const complaintsPort = await freePort();
    web = await startWebPlatform({ complaintsUrl: `http://127.0.0.1:${complaintsPort}` });
    complaints = await createComplaintsApp(
      loadComplaintsConfig({ ...web.platform.envFor('complaints'), PORT: String(complaintsPort) }),
      createLogger({ service: 'complaints', level: 'warn', destination: { write: () => undefined } }),
    );
    await complaints.listen(complaintsPort, '127.0.0.1');
    notifications = await startNotifications({
      namespace: web.platform.commandSubjectPrefix,
      databaseUrl: web.platform.schema.url,
      env: { SELF_PRINT_BASE_URL: web.webUrl },
    });
    store = await PostgresEventStore.create({ connectionString: web.platform.schema.url, max: 2 });
    chromium = await launchChromium();
  });
  afterAll(async () => {
    await chromium?.close();
    await store?.close();
    await notifications?.close();
    await complaints?.close();
    await web?.close();
  });
  beforeEach(async () => (page = await chromium.newPage('phone')));
  afterEach(() => page.context().close());

  it('invites once after the hand-over, takes one anonymous answer, and the IKM screen shows its figure', async () => {
    // A counter application signed, printed and handed over (the stream as the services write it).
    const applicationId = randomUUID();
    const scenario = new domainTesting.KkScenario('tatap-muka').readyToVerify().verify().assignNik().sign().print().collect();
    await readModelsTesting.appendHistory(store, applicationId, scenario.events);
    const applicant = foldApplication(scenario.events).applicant!;

    // The invitation mail, to the applicant, with the survey link on the public origin.
    const [mail] = await notifications.smtp.waitFor((m) => m.subject.startsWith('Survei kepuasan layanan (IKM)'), 1, 30_000);
    expect(mail.to).toEqual([applicant.email]);
    const link = new RegExp(`${web.webUrl}/survei/[A-Za-z0-9_-]+`).exec(mail.text)?.[0];
    expect(link).toBeDefined();

    // The applicant answers on a phone.
    await page.goto(link!);
    await page.getByRole('heading', { name: 'Survei kepuasan masyarakat' }).waitFor();
    await checkScreen(page, 'survei-ikm');
    // Sending with one element unanswered names it beside its question; nothing is stored.
    for (const [i, element] of IKM_ELEMENTS.entries()) {
      if (i < 8)
        await page
          .getByRole('group', { name: `${i + 1}. ${element.label}` })
          .getByLabel(element.answers[ANSWERS[i] - 1], { exact: true })
          .check();
    }
    await page.getByRole('button', { name: 'Kirim penilaian' }).click();
    await page.getByText('Pilih salah satu jawaban (1-4)').waitFor();
    const last = IKM_ELEMENTS[8];
    await page
      .getByRole('group', { name: `9. ${last.label}` })
      .getByLabel(last.answers[ANSWERS[8] - 1], { exact: true })
      .check();
    await page.getByLabel('Saran dan masukan (boleh dikosongkan)').fill('Ruang tunggu perlu kipas angin.');
    await page.getByRole('button', { name: 'Kirim penilaian' }).click();
    await page.getByRole('heading', { name: 'Terima kasih' }).waitFor();
    await checkScreen(page, 'survei-ikm-terima-kasih');

    // The link again: refused, clearly; and the API refuses a second answer with 409.
    await page.goto(link!);
    await page.getByRole('heading', { name: 'Survei sudah diisi' }).waitFor();
    await checkScreen(page, 'survei-ikm-sudah-diisi');
    const token = link!.split('/').pop()!;
    const again = await fetch(`${web.webUrl}/api/public/survei/${token}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ scores: Object.fromEntries(IKM_ELEMENTS.map((e) => [e.id, 1])) }),
    });
    expect(again.status).toBe(409);
    expect(((await again.json()) as { code: string }).code).toBe('SURVEY_ALREADY_ANSWERED');

    // Anonymous: the stored answer and the results rows name neither the application nor the applicant.
    const events = await store.readAll({});
    const answers = events.filter((e) => e.type === 'SurveyAnswered');
    expect(answers).toHaveLength(1);
    expect(answers[0].streamId).toMatch(/^survey-response-[0-9a-f]{32}$/);
    expect(answers[0].data).toMatchObject({ kecamatan: '35.15.12', saran: 'Ruang tunggu perlu kipas angin.' });
    expect(answers[0].metadata.actor).toEqual({ userId: 'anonymous', role: 'survey-respondent' });
    const invitation = events.find((e) => e.type === 'SurveyInvitationIssued')!;
    const db = new Pool({ connectionString: web.platform.schema.url, max: 1 });
    const { rows } = await db.query('SELECT * FROM survey_results').finally(() => db.end());
    const personal = [
      applicationId,
      (invitation.data as { invitationId: string }).invitationId,
      applicant.nik,
      applicant.namaLengkap,
      applicant.email!,
    ];
    const { streamId, data, metadata } = answers[0];
    for (const stored of [JSON.stringify({ streamId, data, metadata }), JSON.stringify(rows)])
      for (const value of personal) expect(stored).not.toContain(value);
    expect(events.filter((e) => e.type === 'SurveyInvitationIssued')).toHaveLength(1);

    // The auditor's IKM screen: the figure of this one answer, computed by hand above.
    const staff = await chromium.newPage('desktop');
    try {
      await loginAs(staff, web.webUrl, 'auditor', '/ikm');
      await eventually(async () => {
        await staff.reload();
        await staff.getByText(`IKM ${EXPECTED_IKM}, mutu B (Baik), 1 responden`).waitFor({ timeout: 2000 });
      }, 20_000);
      await checkScreen(staff, 'ikm-hasil');
    } finally {
      await staff.context().close();
    }
  });
});
