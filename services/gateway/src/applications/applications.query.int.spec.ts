import { randomUUID } from 'node:crypto';
import type { Principal } from '@adminduk/auth';
import { domainTesting } from '@adminduk/domain';
import { PostgresEventStore } from '@adminduk/event-store';
import { ReadinessRegistry } from '@adminduk/http';
import { createLogger } from '@adminduk/observability';
import { ApplicationViewProjection, catchUpInTransaction, createReadModelDataSource, readModelsTesting } from '@adminduk/read-models';
import { createTestSchema, type TestSchema } from '@adminduk/testing';
import { ApplicationsQuery } from './applications.query';

describe("gateway's application queries over the read model's query module (real PostgreSQL)", () => {
  let schema: TestSchema;
  let query: ApplicationsQuery;
  const applicationId = randomUUID();
  const scenario = new domainTesting.KkScenario('tatap-muka').submit().acceptAll().verify();
  const operator: Principal = { userId: 'operator.balongbendo', role: 'operator-kecamatan', kecamatan: '35.15.12' };
  const otherOperator: Principal = { userId: 'operator.tarik', role: 'operator-kecamatan', kecamatan: '35.15.13' };

  beforeAll(async () => {
    schema = await createTestSchema('gwquery');
    const store = await PostgresEventStore.create({ connectionString: schema.url });
    const ds = await createReadModelDataSource(schema.url).initialize();
    try {
      await readModelsTesting.appendHistory(store, applicationId, scenario.events);
      await catchUpInTransaction(ds, new ApplicationViewProjection(), store, 'end');
    } finally {
      await ds.destroy();
      await store.close();
    }
    query = new ApplicationsQuery(schema.url, createLogger({ service: 'gateway', level: 'warn' }), new ReadinessRegistry());
  });
  afterAll(async () => {
    await query?.onApplicationShutdown();
    await schema?.drop();
  });

  it('the detail view: the queue item, the status line and the checklist as the API has always answered', async () => {
    const detail = await query.detail(operator, applicationId);
    expect(detail).toMatchObject({ applicationId, bucket: 'to-sign', status: { code: 'awaiting-signature', label: expect.any(String) } });
    expect(detail.status.detail).toBe('Menunggu penerbitan NIK bayi');
    // The requirements as the domain holds them, every field the API returned when it read the state.
    expect(detail.requirements).toEqual(JSON.parse(JSON.stringify(scenario.state.requirements)));
  });

  it('the queue is narrowed by the caller; the detail is 404 when absent and 403 outside the scope', async () => {
    expect((await query.list(operator, 'to-sign', 10)).map((i) => i.applicationId)).toContain(applicationId);
    expect((await query.list(otherOperator, undefined, 10)).map((i) => i.applicationId)).not.toContain(applicationId);
    await expect(query.detail(otherOperator, applicationId)).rejects.toMatchObject({ body: { statusCode: 403 } });
    await expect(query.detail(operator, randomUUID())).rejects.toMatchObject({ body: { statusCode: 404, code: 'APPLICATION_NOT_FOUND' } });
  });
});
