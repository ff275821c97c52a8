import { Transport, type ClientProviderOptions, type NatsOptions } from '@nestjs/microservices';
import { serviceConnectOptions } from './nats-connection';

/** The one setting both sides share. */
export interface NatsTransportSettings {
  url: string;
  /** Service name: shown by the server and, for a microservice, its queue group. */
  service: string;
  /** The service's nkey seed: its identity on the bus. */
  nkeySeed?: string;
}

function connectionOptions(s: NatsTransportSettings) {
  return {
    servers: s.url.split(','),
    ...serviceConnectOptions({ service: s.service, nkeySeed: s.nkeySeed }),
    // Start even when NATS is down (the retries are nats.js's own here, same policy).
    waitOnFirstConnect: true,
    // nats.js otherwise captures two stacks (Errors) per request, for a timeout that may never
    // come: measurable on the gateway's hot path, and a timeout is answered as 503 without them.
    noAsyncTraces: true,
  };
}

/**
 * Options for `NestFactory.createMicroservice` / `app.connectMicroservice`: command handlers
 * subscribe in the service's queue group, so replicas share the load and each request is served once.
 */
export function natsMicroserviceOptions(s: NatsTransportSettings): NatsOptions {
  return { transport: Transport.NATS, options: { ...connectionOptions(s), queue: s.service } };
}

/** Options for `ClientsModule.register` (a ClientProxy sending commands by request/reply). */
export function natsClientOptions(s: NatsTransportSettings & { token: string | symbol }): ClientProviderOptions {
  return {
    name: s.token,
    transport: Transport.NATS,
    options: connectionOptions(s),
  };
}
