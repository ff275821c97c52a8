import { eventually } from '@adminduk/testing';
import { ApiClient, type ApiResponse } from './testing/api-client';
import { startInProcessPlatform, type InProcessPlatform } from './testing/in-process-platform';
import { counterSubmission } from './testing/submission-fixture';

/**
 * The same newborn submitted at the counter and by the village officer at the same moment: every
 * pair is flagged (the second one, whichever wins, points at the first), however far the read
 * model lags; nothing is flagged across families; a closed application stops counting.
 */
describe('duplicate submissions at the same moment, through HTTP', () => {
  let platform: InProcessPlatform;
  let operator: ApiClient;
  let desaOfficer: ApiClient;

  beforeAll(async () => {
    platform = await startInProcessPlatform();
    operator = new ApiClient(platform.gatewayUrl, await platform.token('operator.balongbendo'));
    desaOfficer = new ApiClient(platform.gatewayUrl, await platform.token('desa.bakungpringgodani'));
  });
  afterAll(() => platform?.close());

  /** Family `n` of Desa Bakungpringgodani (the officer's desa): its own mother (NIK serial) and newborn. */
  const family = (n: number) => {
    const body = counterSubmission();
    body.family.alamat.desa = '35.15.12.2004';
    const mother = body.newborn.nikIbu;
    const other = JSON.parse(
      JSON.stringify(body).replaceAll(mother, mother.slice(0, 12) + String(500 + n).padStart(4, '0')),
    ) as typeof body;
    other.newborn.namaLengkap = `BAYI NOMOR ${'ABCDEFGHIJKLMNOP'[n]}`;
    return other;
  };
  const atCounter = (n: number) => operator.post('/api/applications', family(n));
  const throughDesa = (n: number) => {
    // Online through the desa: nothing is handed in at a counter.
    const { presentedRequirementIds: _none, ...body } = family(n);
    return desaOfficer.post('/api/applications', body);
  };
  type Submitted = ApiResponse<{ applicationId: string; duplicateOf?: string }>;

  it('flags every one of N pairs submitted in parallel, and nothing across families', async () => {
    const N = 6;
    const all = await Promise.all(Array.from({ length: N }, (_, n) => [atCounter(n), throughDesa(n)]).flat());
    for (const r of all) expect(r.status).toBe(201);
    // The flag is for reviewers (the village officer's answer leaves it out): read it as the operator sees it.
    const flagOf = async (r: Submitted): Promise<string | null> =>
      eventually(async () => {
        const v = (await operator.get(`/api/applications/${r.body.applicationId}`)).body;
        if (v.statusCode === 404) throw new Error('not projected yet');
        return v.duplicateOf as string | null;
      });
    for (let n = 0; n < N; n++) {
      const [a, b] = [all[2 * n], all[2 * n + 1]];
      const flags = [await flagOf(a), await flagOf(b)];
      // Whichever came second points at the first; the first points nowhere.
      expect(flags.filter(Boolean)).toHaveLength(1);
      expect(flags[0] ?? flags[1]).toBe(flags[0] ? b.body.applicationId : a.body.applicationId);
    }
    // The operator's own answer carries the flag when the counter submission came second.
    for (let n = 0; n < N; n++) {
      if (all[2 * n].body.duplicateOf) expect(all[2 * n].body.duplicateOf).toBe(all[2 * n + 1].body.applicationId);
    }
  });

  it('a closed application stops counting: the same newborn submitted again after both were withdrawn is not flagged', async () => {
    const n = 10;
    const [a, b] = await Promise.all([atCounter(n), throughDesa(n)]);
    for (const [client, r] of [
      [operator, a],
      [desaOfficer, b],
    ] as const) {
      const w = await client.post(`/api/applications/${r.body.applicationId}/withdraw`, { reason: 'Pengajuan ganda' });
      expect(w.status).toBe(200);
    }
    await eventually(async () => {
      for (const r of [a, b]) {
        const v = (await operator.get(`/api/applications/${r.body.applicationId}`)).body;
        if (v.bucket !== 'closed') throw new Error('not closed in the view yet');
      }
    });
    const again = await atCounter(n);
    expect(again.status).toBe(201);
    expect(again.body.duplicateOf).toBeUndefined();
  });
});
