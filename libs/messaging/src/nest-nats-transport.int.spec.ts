import { Controller, Module, type INestMicroservice } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ClientProxyFactory, MessagePattern, Payload, type ClientProxy } from '@nestjs/microservices';
import { firstValueFrom } from 'rxjs';
import { freePort, TcpForwarder, testEnv, uniqueId, testBusSeed } from '@adminduk/testing';
import { CONNECT_TIMEOUT_MS } from './nats-connection';
import { natsClientOptions, natsMicroserviceOptions } from './nest-nats-transport';

jest.setTimeout(60_000);

const service = uniqueId('cmdsvc');
const pattern = `${service}.echo`;
/** Requests handled, across both replicas (same process), to prove each was handled once. */
const handled: number[] = [];

function replicaModule(replica: string) {
  @Controller()
  class EchoController {
    @MessagePattern(pattern)
    echo(@Payload() body: { n: number }) {
      handled.push(body.n);
      return { n: body.n, replica };
    }
  }
  @Module({ controllers: [EchoController] })
  class ReplicaModule {}
  return ReplicaModule;
}

describe('NATS request/reply through @nestjs/microservices', () => {
  const apps: INestMicroservice[] = [];
  let client: ClientProxy;

  beforeAll(async () => {
    for (const replica of ['a', 'b']) {
      const app = await NestFactory.createMicroservice(replicaModule(replica), {
        ...natsMicroserviceOptions({ url: testEnv.natsUrl, service, nkeySeed: testBusSeed('test') }),
        logger: false,
      });
      await app.listen();
      apps.push(app);
    }
    const opts = natsClientOptions({ url: testEnv.natsUrl, service: `${service}-caller`, nkeySeed: testBusSeed('test'), token: 'CMD' });
    client = ClientProxyFactory.create(opts as Parameters<typeof ClientProxyFactory.create>[0]);
    await client.connect();
  });

  afterAll(async () => {
    await client?.close();
    await Promise.all(apps.map((a) => a.close()));
  });

  it('answers each command once, spread over the replicas of the queue group', async () => {
    const replies = await Promise.all(
      Array.from({ length: 40 }, (_, n) => firstValueFrom(client.send<{ n: number; replica: string }>(pattern, { n }))),
    );
    expect(replies.map((r) => r.n)).toEqual(Array.from({ length: 40 }, (_, n) => n));
    // Without the queue group both replicas would handle every request (the caller sees only the first reply).
    await new Promise((r) => setTimeout(r, 200)); // let a stray second handling show up, if any
    expect([...handled].sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, n) => n));
    const byReplica = new Set(replies.map((r) => r.replica));
    expect(byReplica).toEqual(new Set(['a', 'b']));
  });

  it('dials again at once after a server hangs up mid-handshake, instead of waiting out the 20 s nats.js allows', async () => {
    // What nats-server does to a client too slow to send CONNECT after its INFO: an error, then
    // close. nats.js then waited its whole attempt timeout (CI: commands failing with TIMEOUT).
    const bus = new URL(testEnv.natsUrl);
    const front = new TcpForwarder(await freePort(), { host: bus.hostname, port: Number(bus.port) });
    front.interceptNext((c) => {
      c.write(
        'INFO {"server_id":"front","version":"2.10.0","proto":1,"headers":true,"max_payload":1048576,"auth_required":true,"nonce":"n"}\r\n',
      );
      setTimeout(() => c.end("-ERR 'Authentication Timeout'\r\n"), 100);
    });
    await front.up();
    const opts = natsClientOptions({
      url: `nats://127.0.0.1:${front.port}`,
      service: `${service}-slow`,
      nkeySeed: testBusSeed('test'),
      token: 'CMD',
    });
    const late = ClientProxyFactory.create(opts as Parameters<typeof ClientProxyFactory.create>[0]);
    try {
      const started = Date.now();
      await late.connect();
      expect(front.accepted).toBe(1); // the second dial went through to the bus
      expect(Date.now() - started).toBeLessThan(CONNECT_TIMEOUT_MS + 3000); // was 20 s
      expect(await firstValueFrom(late.send<{ n: number }>(pattern, { n: 99 }))).toMatchObject({ n: 99 });
    } finally {
      await late.close();
      await front.down();
    }
  });
});
