import type { z } from 'zod';
import { eventually } from '@adminduk/testing';
import {
  applicationDetailSchema,
  commandResultSchema,
  historySchema,
  holidayStatusSchema,
  holidayYearSchema,
  queueSchema,
} from './openapi/response-schemas';
import { ApiClient } from './testing/api-client';
import { startInProcessPlatform, type InProcessPlatform } from './testing/in-process-platform';
import { counterSubmission } from './testing/submission-fixture';

/**
 * The response schemas in the OpenAPI document are what the gateway really answers: each JSON
 * route's body, on a real application, parses with the zod schema its ApiZodResponse documents.
 */
describe('OpenAPI response schemas match the gateway`s answers', () => {
  let platform: InProcessPlatform;
  let operator: ApiClient;
  let admin: ApiClient;

  beforeAll(async () => {
    platform = await startInProcessPlatform();
    operator = new ApiClient(platform.gatewayUrl, await platform.token('operator.balongbendo'));
    admin = new ApiClient(platform.gatewayUrl, await platform.token('admin'));
  });
  afterAll(() => platform?.close());

  const matches = (schema: z.ZodTypeAny, body: unknown) => expect(schema.safeParse(body).error?.issues).toBeUndefined();

  it('submit, a command, the queue, the detail, the history, the holidays', async () => {
    const body = counterSubmission();
    body.newborn.namaLengkap = 'BAYI SKEMA RESPONS';
    const submitted = await operator.post('/api/applications', body);
    expect(submitted.status).toBe(201);
    matches(commandResultSchema, submitted.body);
    const id = submitted.body.applicationId as string;

    await eventually(async () => {
      const list = await operator.get('/api/applications?bucket=to-verify');
      expect(list.body.items.map((i: { applicationId: string }) => i.applicationId)).toContain(id);
      matches(queueSchema, list.body);
    }, 10_000);
    const verified = await operator.post(`/api/applications/${id}/data/verify`);
    expect(verified.status).toBe(200);
    matches(commandResultSchema, verified.body);
    const detail = await operator.get(`/api/applications/${id}`);
    expect(detail.status).toBe(200);
    matches(applicationDetailSchema, detail.body);
    const history = await operator.get(`/api/applications/${id}/history`);
    expect(history.status).toBe(200);
    matches(historySchema, history.body);

    const status = await admin.get('/api/holidays/status');
    expect(status.status).toBe(200);
    matches(holidayStatusSchema, status.body);
    const year = await admin.get('/api/holidays/2026');
    expect(year.status).toBe(200);
    matches(holidayYearSchema, year.body);
  });
});
