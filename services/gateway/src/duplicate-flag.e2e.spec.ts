import { eventually } from '@adminduk/testing';
import { ApiClient } from './testing/api-client';
import { startInProcessPlatform, type InProcessPlatform } from './testing/in-process-platform';
import { counterSubmission } from './testing/submission-fixture';

/**
 * Issue 9, item 7: the possible-duplicate flag names another application (often another person's).
 * Operators see it; a citizen or a village officer never does, in no answer: submit, command
 * results, the queue, the detail view, the history.
 */
describe('the duplicate flag is for the operator only', () => {
  let platform: InProcessPlatform;
  let operator: ApiClient;
  let desaOfficer: ApiClient;
  let siti: ApiClient;

  beforeAll(async () => {
    platform = await startInProcessPlatform();
    operator = new ApiClient(platform.gatewayUrl, await platform.token('operator.balongbendo'));
    desaOfficer = new ApiClient(platform.gatewayUrl, await platform.token('desa.bakungpringgodani'));
    siti = new ApiClient(platform.gatewayUrl, await platform.token('pemohon.siti'));
  });
  afterAll(() => platform?.close());

  /** The fixture family (pemohon.siti is in it), one newborn: every submission of it is a duplicate of the first. */
  const submission = (online: boolean) => {
    const { presentedRequirementIds, ...body } = counterSubmission();
    body.family.alamat.desa = '35.15.12.2004';
    body.newborn.namaLengkap = 'BAYI KEMBAR DUA KALI';
    return online ? body : { ...body, presentedRequirementIds };
  };

  it('hides duplicateOf from citizens and village officers in every answer, and shows it to operators', async () => {
    const first = await operator.post('/api/applications', submission(false));
    expect(first.status).toBe(201);
    const firstId = first.body.applicationId as string;
    await eventually(async () => expect((await operator.get(`/api/applications/${firstId}`)).status).toBe(200), 10_000, 100);

    const bySiti = await siti.post('/api/applications', submission(true));
    const byDesa = await desaOfficer.post('/api/applications', submission(true));
    const byOperator = await operator.post('/api/applications', submission(false));
    for (const r of [bySiti, byDesa, byOperator]) {
      expect(r.status).toBe(201);
      expect(r.body.events).toContain('PossibleDuplicateFlagged');
    }
    expect(bySiti.body).not.toHaveProperty('duplicateOf');
    expect(byDesa.body).not.toHaveProperty('duplicateOf');
    expect(byOperator.body.duplicateOf).toBe(firstId);

    // A command's result (and its replay) carries the flag too.
    const withdraw = await siti.post(
      `/api/applications/${bySiti.body.applicationId}/withdraw`,
      { reason: 'Sudah diajukan di loket' },
      'withdraw-dup-0001',
    );
    expect(withdraw.status).toBe(200);
    expect(withdraw.body).not.toHaveProperty('duplicateOf');

    const sitiId = bySiti.body.applicationId as string;
    const desaId = byDesa.body.applicationId as string;
    await eventually(async () => expect((await operator.get(`/api/applications/${desaId}`)).body.duplicateOf).toBe(firstId), 10_000, 100);
    expect((await operator.get(`/api/applications/${sitiId}`)).body.duplicateOf).toBe(firstId);

    for (const [who, client, id] of [
      ['siti', siti, sitiId],
      ['desa', desaOfficer, desaId],
    ] as const) {
      const detail = await client.get(`/api/applications/${id}`);
      expect({ who, status: detail.status }).toEqual({ who, status: 200 });
      expect(detail.body).not.toHaveProperty('duplicateOf');
      const queue = await client.get('/api/applications');
      expect(queue.status).toBe(200);
      expect(queue.body.items.length).toBeGreaterThan(0);
      for (const item of queue.body.items) expect(item).not.toHaveProperty('duplicateOf');
      const history = await client.get(`/api/applications/${id}/history`);
      const flagged = history.body.entries.find((e: { type: string }) => e.type === 'PossibleDuplicateFlagged');
      expect(flagged).toBeDefined();
      expect(JSON.stringify(history.body)).not.toContain(firstId);
    }
    const operatorHistory = await operator.get(`/api/applications/${sitiId}/history`);
    expect(
      operatorHistory.body.entries.find((e: { type: string }) => e.type === 'PossibleDuplicateFlagged').data.duplicateOfApplicationId,
    ).toBe(firstId);
  });
});
