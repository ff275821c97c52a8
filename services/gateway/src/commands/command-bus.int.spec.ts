import { ClientNats, type ClientProxy } from '@nestjs/microservices';
import { connect, type Msg, type NatsConnection } from 'nats';
import { COMMAND_ASSERTION_HEADER, CommandAssertionSigner, CommandAssertionVerifier } from '@adminduk/application-commands';
import type { Principal } from '@adminduk/auth';
import { ApiError, apiError, ReadinessRegistry } from '@adminduk/http';
import { natsClientOptions } from '@adminduk/messaging';
import { freePort, testBusSeed, testCommandAssertionKeys, testEnv, testNatsOptions, uniqueId } from '@adminduk/testing';
import { CommandBus } from './command-bus';

const caller: Principal = { userId: 'op-1', role: 'operator-kecamatan', kecamatan: '35.15.12' };

/** The gateway's command bus on the real test bus, as the gateway user, against a responder standing in for intake. */
describe('CommandBus (real NATS)', () => {
  const ns = uniqueId('cbus');
  const subject = `${ns}.intake.application.submit`;
  const keys = testCommandAssertionKeys();
  const verifier = new CommandAssertionVerifier(keys.publicKeyPem);
  let client: ClientNats;
  let responder: NatsConnection;
  let bus: CommandBus;
  let answer: (msg: Msg, packet: { id: string; data: unknown }) => unknown;

  beforeAll(async () => {
    const options = natsClientOptions({ url: testEnv.natsUrl, service: 'gateway', nkeySeed: testBusSeed('gateway'), token: 'test' });
    client = new ClientNats((options as { options: ConstructorParameters<typeof ClientNats>[0] }).options);
    bus = new CommandBus(client as unknown as ClientProxy, new CommandAssertionSigner(keys.privateKeyPem), new ReadinessRegistry(), ns);
    responder = await connect(testNatsOptions('command-bus-responder'));
    responder.subscribe(subject, {
      callback: (_e, msg) => {
        const packet = msg.json<{ id: string; data: unknown }>();
        const reply = answer(msg, packet);
        if (reply !== undefined) msg.respond(JSON.stringify(reply));
      },
    });
    await responder.flush();
  });
  afterAll(async () => {
    await client?.close();
    await responder?.drain();
  });

  it('sends the payload with a signed assertion of the caller and answers the reply’s result', async () => {
    let seen: Principal | undefined;
    let deadline: unknown;
    answer = (msg, packet) => {
      const assertion = msg.headers?.get(COMMAND_ASSERTION_HEADER) ?? '';
      void verifier.principal(assertion, subject, packet.data).then((p) => (seen = p));
      deadline = JSON.parse(Buffer.from(assertion.split('.')[1] ?? '', 'base64url').toString()).dl;
      return { id: packet.id, response: { ok: true, result: { echoed: packet.data } }, isDisposed: true };
    };
    const sent = Date.now();
    const result = await bus.send<{ echoed: unknown }>('intake.application.submit', { a: 1 }, caller, 4_000);
    expect(result).toEqual({ echoed: { a: 1 } });
    expect(seen).toEqual(caller);
    // The handler learns when the gateway stops waiting: this send's timeout from when it was sent.
    expect(deadline).toBeGreaterThanOrEqual(sent + 4_000);
    expect(deadline).toBeLessThanOrEqual(Date.now() + 4_000);
  });

  it('turns a refusal into an ApiError with the status the service chose', async () => {
    answer = (_m, packet) => ({ id: packet.id, response: { ok: false, error: apiError(409, 'CONFLICT', 'Sudah ada') }, isDisposed: true });
    const e = await bus.send('intake.application.submit', { a: 2 }, caller).catch((err: unknown) => err);
    expect(e).toBeInstanceOf(ApiError);
    expect((e as ApiError).body).toMatchObject({ statusCode: 409, code: 'CONFLICT' });
  });

  it('answers 503 SERVICE_UNAVAILABLE for a transport error, at once when nobody listens, and after the timeout when nobody answers', async () => {
    const unavailable = { statusCode: 503, code: 'SERVICE_UNAVAILABLE' };
    answer = (_m, packet) => ({ id: packet.id, err: 'Internal server error', isDisposed: true });
    const body = (e: unknown) => (e as ApiError).body;
    expect(body(await bus.send('intake.application.submit', {}, caller).catch((e: unknown) => e))).toMatchObject(unavailable);

    const started = Date.now();
    const none = await bus.send('intake.application.command', {}, caller).catch((e: unknown) => e);
    expect(body(none)).toMatchObject(unavailable);
    expect(Date.now() - started).toBeLessThan(2000); // no responders: no 10 s wait

    answer = () => undefined;
    expect(body(await bus.send('intake.application.submit', {}, caller, 300).catch((e: unknown) => e))).toMatchObject(unavailable);
  });

  it('answers 503 within the timeout while NATS cannot be reached (the client keeps trying in the background)', async () => {
    const port = await freePort(); // nothing listens there
    const options = natsClientOptions({
      url: `nats://127.0.0.1:${port}`,
      service: 'gateway',
      nkeySeed: testBusSeed('gateway'),
      token: 'x',
    });
    const down = new ClientNats((options as { options: ConstructorParameters<typeof ClientNats>[0] }).options);
    const offline = new CommandBus(
      down as unknown as ClientProxy,
      new CommandAssertionSigner(keys.privateKeyPem),
      new ReadinessRegistry(),
      ns,
    );
    try {
      const started = Date.now();
      const e = await offline.send('intake.application.submit', {}, caller, 400).catch((err: unknown) => err);
      expect((e as ApiError).body).toMatchObject({ statusCode: 503, code: 'SERVICE_UNAVAILABLE' });
      expect(Date.now() - started).toBeLessThan(3000);
    } finally {
      await down.close();
    }
  });
});
