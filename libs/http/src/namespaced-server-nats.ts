import { ServerNats, type MessageHandler, type NatsOptions } from '@nestjs/microservices';

/**
 * Nest's NATS server, its command subjects optionally under a namespace (`<prefix>.<pattern>`), so
 * platform instances sharing one NATS server (test suites side by side) keep their commands apart.
 * The prefix comes from the validated config (COMMAND_SUBJECT_PREFIX); handlers keep their plain
 * `@MessagePattern(COMMAND_SUBJECTS.x)` and the gateway's CommandBus sends under the same prefix.
 */
export class NamespacedServerNats extends ServerNats {
  constructor(
    options: NonNullable<NatsOptions['options']>,
    private readonly subjectPrefix?: string,
  ) {
    super(options);
  }

  override addHandler(pattern: unknown, callback: MessageHandler, isEventHandler?: boolean, extras?: Record<string, unknown>): void {
    super.addHandler(namespaced(this.subjectPrefix, pattern), callback, isEventHandler, extras);
  }
}

/** `<prefix>.<subject>` when a prefix is set; the subject itself otherwise. */
export function namespaced<P>(prefix: string | undefined, subject: P): P | string {
  return prefix && typeof subject === 'string' ? `${prefix}.${subject}` : subject;
}
