import { Pool } from 'pg';
import type { Principal } from '@adminduk/auth';
import { domainTesting } from '@adminduk/domain';
import { deterministicUuid, IdempotencyKeyReusedError, PostgresEventStore } from '@adminduk/event-store';
import { createLogger } from '@adminduk/observability';
import { createReadModelDataSource } from '@adminduk/read-models';
import { createTestSchema, type TestSchema } from '@adminduk/testing';
import { ApplicationCommands, type CommandMeta, type CommandResult } from './application-commands';
import { replyTo } from './command-reply';
import { motherNikHash, PostgresOpenApplications } from './postgres-open-applications';
import { PostgresSequenceSource } from './postgres-sequence-source';

jest.setTimeout(60000);

const operator: Principal = { userId: 'op-balongbendo-1', role: 'operator-kecamatan', kecamatan: domainTesting.BALONGBENDO };
const villageOfficer: Principal = {
  userId: 'desa-wonokupang-1',
  role: 'petugas-desa',
  kecamatan: domainTesting.BALONGBENDO,
  desa: domainTesting.WONOKUPANG,
};

/**
 * The duplicate check without a read model that keeps up: no projection runs here, so only the
 * writer's own record of submissions can catch a duplicate. Two ApplicationCommands with their own
 * pools stand for two writer replicas.
 */
describe('duplicate check of concurrent submissions', () => {
  let schema: TestSchema;
  let store: PostgresEventStore;
  const pools: Pool[] = [];
  let replicas: ApplicationCommands[];

  beforeAll(async () => {
    schema = await createTestSchema('dup_check');
    const readModels = createReadModelDataSource(schema.url);
    await readModels.initialize(); // the read-model migrations, as the projections service runs them
    await readModels.destroy();
    store = await PostgresEventStore.create({ connectionString: schema.url, max: 8 });
    replicas = [0, 1].map(() => {
      const pool = new Pool({ connectionString: schema.url, max: 5 });
      pools.push(pool);
      return new ApplicationCommands(store, new PostgresSequenceSource(pool), new PostgresOpenApplications(pool), {
        now: () => domainTesting.MONDAY_0900,
      });
    });
  });
  afterAll(async () => {
    for (const pool of pools) await pool.end();
    await store?.close();
    await schema?.drop();
  });

  let keys = 0;
  const meta = (principal: Principal, key = `dup-${Date.now()}-${keys++}`): CommandMeta => ({
    idempotencyKey: key,
    principal,
    correlationId: `corr-${key}`,
  });
  /** The fixture's family with mother number `n` (the NIK's serial) and the given newborn name. */
  const submission = (n: number, newbornName = 'AISYAH PUTRI SANTOSO', channel: 'tatap-muka' | 'daring-desa' = 'tatap-muka') => {
    const { applicationId: _, ...data } = domainTesting.submitCommand(channel).data;
    const mother = data.newborn.nikIbu;
    const body = JSON.parse(JSON.stringify(data).replaceAll(mother, mother.slice(0, 12) + String(n).padStart(4, '0'))) as typeof data;
    body.newborn.namaLengkap = newbornName;
    return body;
  };
  const byOperator = (i: number, n: number, name?: string) => replicas[i % 2].submit(submission(n, name), meta(operator));
  const byVillageOfficer = (i: number, n: number, name?: string) =>
    replicas[(i + 1) % 2].submit(submission(n, name, 'daring-desa'), meta(villageOfficer));

  it('flags every one of N pairs of the same newborn submitted at the same moment, and nothing across families', async () => {
    const N = 8;
    const pairs = await Promise.all(
      Array.from({ length: N }, (_, i) => Promise.all([byOperator(i, 100 + i), byVillageOfficer(i, 100 + i)])),
    );
    for (const [a, b] of pairs) {
      expect(a.replayed || b.replayed).toBe(false);
      // Whichever came second points at the first; the first points nowhere.
      const flagged = [a, b].filter((r) => r.duplicateOf);
      expect(flagged).toHaveLength(1);
      const [dup] = flagged;
      expect(dup.duplicateOf).toBe((dup === a ? b : a).applicationId);
      expect(dup.events).toContain('PossibleDuplicateFlagged');
    }
  });

  it('does not flag twins (same mother and birth date, other names) submitted at the same moment', async () => {
    const [a, b] = await Promise.all([byOperator(0, 200, 'AISYAH PUTRI SANTOSO'), byVillageOfficer(0, 200, 'AHMAD PUTRA SANTOSO')]);
    expect([a.duplicateOf, b.duplicateOf]).toEqual([undefined, undefined]);
  });

  it('records each open submission once, by the hash of the mother’s NIK, and a retry records nothing twice', async () => {
    const m = meta(operator);
    const first = await replicas[0].submit(submission(300), m);
    const retry = await replicas[1].submit(submission(300), m);
    expect(retry).toEqual({ ...first, replayed: true });
    const { rows } = await pools[0].query(
      'SELECT application_id::text AS id, mother_nik_hash FROM application_submissions WHERE application_id = $1',
      [first.applicationId],
    );
    const motherNik = submission(300).newborn.nikIbu;
    expect(rows).toEqual([{ id: first.applicationId, mother_nik_hash: motherNikHash(motherNik) }]);
    expect(JSON.stringify(rows)).not.toContain(motherNik);
  });

  it('a refused submission leaves no record: the same newborn submitted again right after is not flagged', async () => {
    const refused = submission(500);
    refused.newborn.tanggalLahir = '2099-01-01'; // born in the future: the decider refuses it
    const m = meta(operator);
    await expect(replicas[0].submit(refused, m)).rejects.toThrow();
    const applicationId = deterministicUuid(operator.userId, m.idempotencyKey, 'application');
    const { rowCount } = await pools[0].query('SELECT 1 FROM application_submissions WHERE application_id = $1', [applicationId]);
    expect(rowCount).toBe(0);
    const again = await replicas[1].submit({ ...submission(500) }, meta(operator));
    expect(again.duplicateOf).toBeUndefined();
  });

  it('the same Idempotency-Key for another family is refused (422 IDEMPOTENCY_KEY_REUSED), and nothing is recorded for it', async () => {
    const key = `reuse-${Date.now()}`;
    const first = await replicas[0].submit(submission(400), meta(operator, key));
    const reply = await replyTo<CommandResult>(createLogger({ service: 'test', level: 'silent' }), () =>
      replicas[1].submit(submission(401), meta(operator, key)),
    );
    expect(reply).toMatchObject({ ok: false, error: { statusCode: 422, code: 'IDEMPOTENCY_KEY_REUSED' } });
    await expect(replicas[0].submit(submission(401), meta(operator, key))).rejects.toBeInstanceOf(IdempotencyKeyReusedError);
    const recorded = await pools[0].query('SELECT mother_nik_hash FROM application_submissions WHERE application_id = $1', [
      first.applicationId,
    ]);
    expect(recorded.rows).toEqual([{ mother_nik_hash: motherNikHash(submission(400).newborn.nikIbu) }]);
    const other = await pools[0].query('SELECT 1 FROM application_submissions WHERE mother_nik_hash = $1', [
      motherNikHash(submission(401).newborn.nikIbu),
    ]);
    expect(other.rowCount).toBe(0);
  });
});
