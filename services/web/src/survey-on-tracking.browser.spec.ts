import type { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { createComplaintsApp, loadComplaintsConfig } from '@adminduk/complaints/testing';
import { domainTesting, foldApplication, IKM_ELEMENTS } from '@adminduk/domain';
import { PostgresEventStore } from '@adminduk/event-store';
import { createLogger } from '@adminduk/observability';
import { readModelsTesting } from '@adminduk/read-models';
import { eventually, freePort } from '@adminduk/testing';
import { checkScreen, launchChromium, startWebPlatform, type TestBrowser, type WebPlatform } from './testing';

// The IKM survey offered on the tracking page: a counter application handed over -> the complaints
// service invites (its durable consumer) -> on /lacak, after the status, "Isi survei kepuasan" opens
// the survey with a link signed by the complaints service for that invitation -> once answered, /lacak
// says so and offers no link. Real NATS, PostgreSQL, projections and browser.

describe('IKM survey on the tracking page /lacak', () => {
  let web: WebPlatform;
  let complaints: INestApplication;
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
    store = await PostgresEventStore.create({ connectionString: web.platform.schema.url, max: 2 });
    chromium = await launchChromium();
  });
  afterAll(async () => {
    await chromium?.close();
    await store?.close();
    await complaints?.close();
    await web?.close();
  });
  afterEach(() => page?.context().close());

  it('offers the survey after the hand-over, opens it, and offers it no more once answered', async () => {
    // A counter application signed, printed and handed over (the stream as the services write it).
    const applicationId = randomUUID();
    const scenario = new domainTesting.KkScenario('tatap-muka').readyToVerify().verify().assignNik().sign().print().collect();
    await readModelsTesting.appendHistory(store, applicationId, scenario.events);
    const state = foldApplication(scenario.events);
    const nik = state.applicant!.nik;
    const birthDate = state.family!.anggota.find((m) => m.nik === nik)!.tanggalLahir;
    await eventually(async () => {
      const invited = (await store.readAll({})).some((e) => e.type === 'SurveyInvitationIssued');
      if (!invited) throw new Error('not invited yet');
    }, 30_000);

    page = await chromium.newPage('phone');
    const track = async () => {
      await page.goto(`${web.webUrl}/lacak?nomor=${encodeURIComponent(state.receiptNumber!)}`);
      await page.getByLabel('Tanggal lahir pemohon').fill(birthDate);
      await page.getByLabel('Empat angka terakhir NIK pemohon').fill(nik.slice(-4));
      await page.getByRole('button', { name: 'Lacak' }).click();
      await page.getByText('Langkah berikutnya:').waitFor();
    };
    const link = page.getByRole('link', { name: 'Isi survei kepuasan' });
    await eventually(async () => {
      await track();
      await link.waitFor({ timeout: 2_000 });
    }, 30_000);
    await checkScreen(page, 'lacak-survei');

    await link.click();
    await page.getByRole('heading', { name: 'Survei kepuasan masyarakat' }).waitFor();
    for (const [i, element] of IKM_ELEMENTS.entries())
      await page
        .getByRole('group', { name: `${i + 1}. ${element.label}` })
        .getByLabel(element.answers[3], { exact: true })
        .check();
    await page.getByRole('button', { name: 'Kirim penilaian' }).click();
    await page.getByRole('heading', { name: 'Terima kasih' }).waitFor();

    // Answered: /lacak thanks and offers no link.
    await track();
    await page.getByText('Terima kasih, survei kepuasan untuk permohonan ini sudah diisi.').waitFor({ timeout: 10_000 });
    expect(await link.count()).toBe(0);
    // A wrong second factor: the gateway's one refusal, and no survey either.
    await page.goto(`${web.webUrl}/lacak?nomor=${encodeURIComponent(state.receiptNumber!)}`);
    await page.getByLabel('Tanggal lahir pemohon').fill(birthDate);
    await page.getByLabel('Empat angka terakhir NIK pemohon').fill(nik.slice(-4) === '0000' ? '1111' : '0000');
    await page.getByRole('button', { name: 'Lacak' }).click();
    await page
      .getByRole('alert')
      .getByText(/Permohonan tidak ditemukan/)
      .waitFor();
    expect(await link.count()).toBe(0);
    const refused = await fetch(`${web.webUrl}/api/public/survei/dari-lacak`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ nomor: state.receiptNumber, tanggalLahir: birthDate, nik4: nik.slice(-4) === '0000' ? '1111' : '0000' }),
    });
    expect(refused.status).toBe(404);
  });
});
