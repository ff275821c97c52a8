import { Inject, Injectable } from '@nestjs/common';
import type { NatsContext } from '@nestjs/microservices';
import { ApiError } from '@adminduk/http';
import { recordCommandPastDeadline, type Logger } from '@adminduk/observability';
import { COMMAND_ASSERTION_HEADER, CommandAssertionVerifier, isDeadlinePassed } from '../command-assertion';
import type { CommandMeta } from '../application-commands';
import type { WireCommandMeta } from '../command-request';
import { SERVICE_LOGGER } from './write-side';

export const COMMAND_VERIFIER = Symbol('COMMAND_VERIFIER');

/** The provider every command-handling service registers: its verifier of the gateway's assertions. */
export const commandVerifierProvider = (publicKeysPem: string) => ({
  provide: COMMAND_VERIFIER,
  useValue: new CommandAssertionVerifier(publicKeysPem),
});

/**
 * Turns a received command message into the CommandMeta the write side runs with: the principal
 * from the verified assertion (never from the message body), the key and correlation id from the body.
 * A command past its sender's deadline is refused here, before anything is read or appended.
 */
@Injectable()
export class CommandAuthenticator {
  constructor(
    @Inject(COMMAND_VERIFIER) private readonly verifier: CommandAssertionVerifier,
    @Inject(SERVICE_LOGGER) private readonly logger: Logger,
  ) {}

  async meta(payload: { meta?: WireCommandMeta }, ctx: NatsContext): Promise<CommandMeta> {
    const assertion = ctx.getHeaders()?.get(COMMAND_ASSERTION_HEADER) || undefined;
    const principal = await this.verifier.principal(assertion, ctx.getSubject(), payload).catch((e: unknown) => {
      if (isDeadlinePassed(e)) {
        recordCommandPastDeadline(ctx.getSubject());
        this.logger.warn({ subject: ctx.getSubject() }, "command not run: it arrived after the gateway's deadline");
      }
      throw e;
    });
    const { idempotencyKey, correlationId } = payload.meta ?? ({} as Partial<WireCommandMeta>);
    if (typeof idempotencyKey !== 'string' || typeof correlationId !== 'string') {
      throw ApiError.badRequest('Perintah tanpa Idempotency-Key', [{ field: 'meta.idempotencyKey', message: 'Wajib diisi' }]);
    }
    return { idempotencyKey, correlationId, principal };
  }
}
