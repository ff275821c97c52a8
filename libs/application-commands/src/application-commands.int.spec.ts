import { Pool } from 'pg';
import type { Principal } from '@adminduk/auth';
import { applicationStreamId, domainTesting } from '@adminduk/domain';
import { deterministicUuid, PostgresEventStore, type EventStore } from '@adminduk/event-store';
import { createTestSchema, type TestSchema } from '@adminduk/testing';
import { ApplicationCommands, type CommandMeta } from './application-commands';
import { PostgresOpenApplications } from './postgres-open-applications';
import { PostgresSequenceSource } from './postgres-sequence-source';

jest.setTimeout(60000);

const operator: Principal = { userId: 'op-balongbendo-1', role: 'operator-kecamatan', kecamatan: domainTesting.BALONGBENDO };

/** The real store with its stream reads counted. */
function countingReads(store: EventStore): { store: EventStore; reads: () => number } {
  let reads = 0;
  const counted = new Proxy(store, {
    get(target, property) {
      if (property === 'readStream') {
        return (...args: Parameters<EventStore['readStream']>) => {
          reads++;
          return target.readStream(...args);
        };
      }
      const value = Reflect.get(target, property, target) as unknown;
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { store: counted, reads: () => reads };
}

describe('ApplicationCommands.submit', () => {
  let schema: TestSchema;
  let pg: PostgresEventStore;
  let pool: Pool;

  beforeAll(async () => {
    schema = await createTestSchema('app_cmd');
    pg = await PostgresEventStore.create({ connectionString: schema.url, max: 4 });
    pool = new Pool({ connectionString: schema.url, max: 2 });
  });
  afterAll(async () => {
    await pool?.end();
    await pg?.close();
    await schema?.drop();
  });

  const commandsOn = (store: EventStore) =>
    new ApplicationCommands(store, new PostgresSequenceSource(pool), new PostgresOpenApplications(pool), {
      now: () => domainTesting.MONDAY_0900,
    });
  const { applicationId: _, ...submission } = domainTesting.submitCommand('tatap-muka').data;
  const meta = (idempotencyKey: string): CommandMeta => ({ idempotencyKey, principal: operator, correlationId: `corr-${idempotencyKey}` });

  it('creates the application without reading its stream; a retry reads it and returns the first outcome', async () => {
    const { store, reads } = countingReads(pg);
    const commands = commandsOn(store);
    const key = `submit-${Date.now()}`;

    const first = await commands.submit(submission, meta(key));
    expect(reads()).toBe(0);
    expect(first).toMatchObject({ replayed: false, events: ['ApplicationSubmitted', 'FileCompleted'] });

    const retry = await commands.submit(submission, meta(key));
    expect(reads()).toBeGreaterThanOrEqual(1);
    expect(retry).toEqual({ ...first, replayed: true });
    expect((await pg.readStream(applicationStreamId(first.applicationId))).map((e) => e.type)).toEqual([
      'ApplicationSubmitted',
      'FileCompleted',
    ]);
  });

  it('a system step keeps its first outcome when issued again with other data (a NIK drawn again on a redelivery)', async () => {
    const commands = commandsOn(pg);
    const key = `step-${Date.now()}`;
    const { applicationId } = await commands.submit(submission, meta(key));
    for (const requirementId of [...domainTesting.DOCUMENT_REQUIREMENTS, 'nomor-telepon-email']) {
      await commands.execute(applicationId, { type: 'AcceptRequirement', data: { requirementId } }, meta(`${key}-${requirementId}`));
    }
    await commands.execute(applicationId, { type: 'VerifyData', data: {} }, meta(`${key}-data`));
    await commands.execute(applicationId, { type: 'CompleteVerification', data: {} }, meta(`${key}-complete`));
    // The newborn (female, born 2025-01-03, Balongbendo): day + 40 in the NIK.
    const assign = (nik: string) =>
      commands.executeAsSystem(
        applicationId,
        { type: 'AssignNewbornNik', data: { nik } },
        'system:nik-registry',
        'newborn-nik',
        `corr-${key}`,
      );
    const first = await assign('3515124301250001');
    const again = await assign('3515124301250002');
    expect(again).toEqual({ ...first, replayed: true });
    expect((await commands.state(applicationId)).newbornNik).toBe('3515124301250001');
  });

  it('a refused submission is the decider’s refusal and writes nothing', async () => {
    const key = `refused-${Date.now()}`;
    await expect(commandsOn(pg).submit({ ...submission, kecamatan: '35.15.11' }, meta(key))).rejects.toMatchObject({
      name: 'DomainError',
      code: 'AUTH_KECAMATAN',
    });
    const applicationId = deterministicUuid(operator.userId, key, 'application');
    expect(await pg.readStream(applicationStreamId(applicationId))).toEqual([]);
  });
});
