import { Controller, Inject } from '@nestjs/common';
import { Ctx, MessagePattern, NatsContext, Payload } from '@nestjs/microservices';
import {
  CLOCK,
  COMMAND_SUBJECTS,
  CommandAuthenticator,
  HolidayCalendarCommands,
  inCommandSpan,
  replyTo,
  SERVICE_LOGGER,
  WriteSide,
  type Clock,
  type HolidayCommandRequest,
  type HolidayCommandResult,
} from '@adminduk/application-commands';
import { ApiError, type CommandReply } from '@adminduk/http';
import type { Logger } from '@adminduk/observability';

const HOLIDAY_COMMANDS = ['PublishHolidayYear', 'CorrectHolidayYear'];

/** The holiday calendar's admin commands over NATS (queue group "intake"), on intake's write side. */
@Controller()
export class HolidaysController {
  constructor(
    private readonly writeSide: WriteSide,
    private readonly authenticator: CommandAuthenticator,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SERVICE_LOGGER) private readonly logger: Logger,
  ) {}

  @MessagePattern(COMMAND_SUBJECTS.holidays)
  command(@Payload() req: HolidayCommandRequest, @Ctx() ctx: NatsContext): Promise<CommandReply<HolidayCommandResult>> {
    return inCommandSpan(ctx, () =>
      replyTo(this.logger, async () => {
        const meta = await this.authenticator.meta(req, ctx);
        if (!HOLIDAY_COMMANDS.includes(req.command?.type)) {
          throw ApiError.badRequest(
            'Perintah tidak dikenal oleh layanan ini',
            [{ field: 'command.type', message: 'Perintah tidak dikenal' }],
            'UNKNOWN_COMMAND',
          );
        }
        return new HolidayCalendarCommands(await this.writeSide.eventStore(), this.clock).execute(req.command, meta);
      }),
    );
  }
}
