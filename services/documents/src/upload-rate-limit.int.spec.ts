import { startDocumentsTestbed, type DocumentsTestbed } from './testing/documents-testbed';
import { pdfBytes, seedApplication } from './testing/fixtures';

/**
 * Issue 9, item 11: writes are throttled per user (libs/http rate-limit.ts, registered for every
 * service by createServiceApp). This instance has a low limit of its own; the test harness keeps
 * every other instance's limits out of reach.
 */
describe('upload throttling: per-user write limit', () => {
  let bed: DocumentsTestbed;
  beforeAll(async () => {
    bed = await startDocumentsTestbed({ rateLimits: { userWritesPerMinute: 3, addressWritesPerMinute: 1000, publicPerMinute: 1000 } });
  });
  afterAll(() => bed?.close());

  it('the 4th upload in a minute: 429 with Retry-After in the one error shape, nothing stored, nothing appended; another user is unaffected', async () => {
    const app = await seedApplication(bed.docs.store);
    const viaDesa = await seedApplication(bed.docs.store, {
      channel: 'daring-desa',
      submittedBy: { userId: 'desa-1', role: 'petugas-desa' },
    });
    const upload = (who: 'applicant' | 'desaOfficer', n: number) =>
      bed.post(bed.uploadPath(who === 'applicant' ? app : viaDesa, 'kartu-keluarga'), bed.tokens[who], pdfBytes(2000 + n));
    for (let n = 0; n < 3; n++) expect((await upload('applicant', n)).status).toBe(201);

    const refused = await upload('applicant', 3);
    expect(refused.status).toBe(429);
    expect(refused.body).toEqual({
      statusCode: 429,
      error: 'Too Many Requests',
      code: 'RATE_LIMITED',
      message: expect.stringMatching(/^Terlalu banyak permintaan.*coba lagi dalam \d+ detik$/),
    });
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(refused.body.message).toContain(`${retryAfter} detik`);

    // Nothing of the refused upload anywhere: three objects, three events, three intent rows.
    expect(await bed.objectsOf(app)).toHaveLength(3);
    expect(await bed.attachedOf(app)).toHaveLength(3);
    expect(await bed.docs.repo.listForApplication(app)).toHaveLength(3);

    // Another user, from the same address, still uploads; the applicant still reads.
    expect((await upload('desaOfficer', 4)).status).toBe(201);
    const [first] = await bed.attachedOf(app);
    expect((await bed.get(`/api/documents/${(first.data as { documentId: string }).documentId}`, bed.tokens.applicant)).status).toBe(200);
    expect((await upload('applicant', 5)).status).toBe(429);
  });
});
