import { Controller, Inject } from '@nestjs/common';
import { Ctx, MessagePattern, NatsContext, Payload } from '@nestjs/microservices';
import { COMMAND_SUBJECTS, inCommandSpan, replyTo, SERVICE_LOGGER, WriteSide, type CommandMeta, type CommandResult } from '@adminduk/application-commands';
import type { SubmitApplication, SubmitCorrection, WithdrawApplication } from '@adminduk/domain';
import type { CommandReply } from '@adminduk/http';
import type { Logger } from '@adminduk/observability';


export interface SubmitRequest {
  meta: CommandMeta;
  data: Omit<SubmitApplication['data'], 'applicationId'>;
}

export interface ApplicationCommandRequest<D> {
  meta: CommandMeta;
  applicationId: string;
  data: D;
}

/** Intake's commands over NATS request/reply (queue group "intake"): submission, correction, withdrawal. */
@Controller()
export class IntakeController {
  constructor(
    private readonly writeSide: WriteSide,
    @Inject(SERVICE_LOGGER) private readonly logger: Logger,
  ) {}

  @MessagePattern(COMMAND_SUBJECTS.submit)
  submit(@Payload() req: SubmitRequest, @Ctx() ctx: NatsContext): Promise<CommandReply<CommandResult>> {
    return inCommandSpan(ctx, () => replyTo(this.logger, async () => (await this.writeSide.applicationCommands()).submit(req.data, req.meta)));
  }

  @MessagePattern(COMMAND_SUBJECTS.submitCorrection)
  submitCorrection(@Payload() req: ApplicationCommandRequest<SubmitCorrection['data']>, @Ctx() ctx: NatsContext) {
    return inCommandSpan(ctx, () =>
      replyTo(this.logger, async () => (await this.writeSide.applicationCommands()).execute(req.applicationId, { type: 'SubmitCorrection', data: req.data }, req.meta)),
    );
  }

  @MessagePattern(COMMAND_SUBJECTS.withdraw)
  withdraw(@Payload() req: ApplicationCommandRequest<WithdrawApplication['data']>, @Ctx() ctx: NatsContext) {
    return inCommandSpan(ctx, () =>
      replyTo(this.logger, async () => (await this.writeSide.applicationCommands()).execute(req.applicationId, { type: 'WithdrawApplication', data: req.data }, req.meta)),
    );
  }
}
