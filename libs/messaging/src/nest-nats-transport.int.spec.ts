import { Controller, Module, type INestMicroservice } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ClientProxyFactory, MessagePattern, Payload, type ClientProxy } from '@nestjs/microservices';
import { firstValueFrom } from 'rxjs';
import { testEnv, uniqueId, testBusSeed } from '@adminduk/testing';
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
});
