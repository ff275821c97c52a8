import { eventually } from '@adminduk/testing';
import { startInProcessPlatform, type InProcessPlatform } from './testing/in-process-platform';

/**
 * /health/ready names every dependency of a service, each under its own name: a service with two
 * NATS connections (verification: the command transport and the event reactor) reports both.
 */
describe('readiness reports every dependency of a service', () => {
  let platform: InProcessPlatform;

  beforeAll(async () => {
    platform = await startInProcessPlatform();
  });
  afterAll(() => platform?.close());

  const ready = async (url: string) => {
    const res = await fetch(`${url}/health/ready`);
    return { status: res.status, body: (await res.json()) as { status: string; checks: Record<string, string> } };
  };

  it('verification: PostgreSQL, the command connection (nats) and the event connection (nats-events)', async () => {
    await eventually(async () =>
      expect(await ready(platform.serviceUrls.verification)).toEqual({
        status: 200,
        body: { status: 'ready', checks: { postgres: 'ok', nats: 'ok', 'nats-events': 'ok' } },
      }),
    );
  });

  it('intake: PostgreSQL and the command connection', async () => {
    await eventually(async () =>
      expect(await ready(platform.serviceUrls.intake)).toEqual({
        status: 200,
        body: { status: 'ready', checks: { postgres: 'ok', nats: 'ok' } },
      }),
    );
  });
});
