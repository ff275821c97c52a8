import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { ClientProxy } from '@nestjs/microservices';
import { headers as natsHeaders } from 'nats';
import { COMMAND_ASSERTION_HEADER, type CommandAssertionSigner } from '@adminduk/application-commands';
import type { Principal } from '@adminduk/auth';
import { ApiError, apiError, namespaced, natsUp, ReadinessRegistry, type CommandReply } from '@adminduk/http';
import type { NatsConnection } from 'nats';
import { traceHeaders } from '@adminduk/observability';

export const COMMANDS_CLIENT = Symbol('COMMANDS_CLIENT');
export const COMMAND_SIGNER = Symbol('COMMAND_SIGNER');
/** COMMAND_SUBJECT_PREFIX of the config: the namespace the receiving services subscribe under ('' for none). */
export const COMMAND_SUBJECT_PREFIX = Symbol('COMMAND_SUBJECT_PREFIX');

/**
 * Sends a command to the service that owns it (NATS request/reply, queue group) and turns its
 * `CommandReply` back into a result or an ApiError with the status the service chose.
 * The W3C trace context travels in the NATS headers, so the trace continues in the handler; so does
 * the signed assertion of who the (already verified) caller is, bound to this subject and payload.
 */
@Injectable()
export class CommandBus implements OnApplicationBootstrap, OnApplicationShutdown {
  private nc?: NatsConnection;

  constructor(
    @Inject(COMMANDS_CLIENT) private readonly client: ClientProxy,
    @Inject(COMMAND_SIGNER) private readonly signer: CommandAssertionSigner,
    private readonly readiness: ReadinessRegistry,
    @Inject(COMMAND_SUBJECT_PREFIX) private readonly subjectPrefix: string,
  ) {}

  onApplicationBootstrap(): void {
    // Connect at start (the client retries on its own) so readiness reflects the broker.
    this.client.connect().catch(() => undefined);
    this.readiness.register('nats', () => natsUp(() => this.client.unwrap<NatsConnection>()));
  }

  async send<T>(pattern: string, payload: object, caller: Principal, timeoutMs = 10_000): Promise<T> {
    // The assertion binds the subject the message travels on, namespace included.
    const subject = namespaced(this.subjectPrefix, pattern);
    const now = new Date();
    const deadline = now.getTime() + timeoutMs;
    const h = natsHeaders();
    for (const [k, v] of Object.entries(traceHeaders())) h.set(k, v);
    // The deadline travels signed: a service that gets the command after it will not run it.
    h.set(COMMAND_ASSERTION_HEADER, await this.signer.sign(caller, subject, payload, now, new Date(deadline)));
    let reply: CommandReply<T>;
    try {
      // The connection's own request (one shared reply subscription), not ClientProxy.send, which
      // subscribes and unsubscribes a fresh inbox per command. The packet is Nest's NATS packet,
      // so the services' @MessagePattern handlers answer it unchanged.
      const nc = await this.connection(timeoutMs);
      const packet = JSON.stringify({ pattern: subject, data: payload, id: randomUUID() });
      const msg = await nc.request(subject, packet, { timeout: Math.max(1, deadline - Date.now()), headers: h });
      const answer = JSON.parse(msg.string()) as { err?: unknown; response?: CommandReply<T> };
      if (answer.err !== undefined || !answer.response) throw new Error('no command reply');
      reply = answer.response;
    } catch {
      throw new ApiError(apiError(503, 'SERVICE_UNAVAILABLE', 'Layanan sedang tidak tersedia; silakan coba lagi'));
    }
    if (!reply.ok) throw new ApiError(reply.error);
    return reply.result;
  }

  /** The client's connection, waited for at most `timeoutMs` while NATS is not (yet) reachable. */
  private async connection(timeoutMs: number): Promise<NatsConnection> {
    if (this.nc && !this.nc.isClosed()) return this.nc;
    let timer: NodeJS.Timeout | undefined;
    try {
      return (this.nc = await Promise.race([
        this.client.connect() as Promise<NatsConnection>,
        new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('NATS not connected')), timeoutMs))),
      ]));
    } finally {
      clearTimeout(timer);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.client.close();
  }
}
