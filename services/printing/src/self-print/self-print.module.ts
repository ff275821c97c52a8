import { Module } from '@nestjs/common';
import { CLOCK, SERVICE_LOGGER, WriteSide, type Clock } from '@adminduk/application-commands';
import type { Logger } from '@adminduk/observability';
import { selfPrintKeyProblems, verifyKeysFrom } from '@adminduk/self-print-token';
import { PrintingDependencies } from '../printing-dependencies';
import type { PrintingConfig } from '../printing.config';
import { PRINTING_CONFIG } from '../printing.tokens';
import { SelfPrintController } from './self-print.controller';
import { SelfPrintLinkController } from './self-print-link.controller';
import { SelfPrintDownloads } from './self-print-downloads';
import { SelfPrintLinkIssuer } from './self-print-link-issuer';
import { SELF_PRINT_REACTOR_SETTINGS, SelfPrintReactor } from './self-print-reactor';

const shared = [WriteSide, PrintingDependencies, CLOCK, SERVICE_LOGGER, PRINTING_CONFIG];

/**
 * Self-print (issue 11): `GET /cetak/{token}`, the link issued when a KK is signed, and a new link
 * issued by an operator (`POST /api/self-print/applications/{id}/links`). Uses the
 * service's shared providers (PrintingCoreModule, global): the write side for RecordSelfPrint and
 * IssueSelfPrintLink, the object storage of the signed KKs, the clock and the configuration
 * (SELF_PRINT_PUBLIC_KEYS, SELF_PRINT_LINK_VALIDITY_HOURS: libs/self-print-token).
 */
@Module({
  controllers: [SelfPrintController, SelfPrintLinkController],
  providers: [
    {
      provide: SelfPrintDownloads,
      inject: shared,
      useFactory: (writeSide: WriteSide, deps: PrintingDependencies, clock: Clock, logger: Logger, config: PrintingConfig) => {
        const problems = selfPrintKeyProblems(config.ADMINDUK_ENV, { publicKeys: config.SELF_PRINT_PUBLIC_KEYS });
        if (problems.length > 0) throw new Error(`config error: ${problems.join('; ')}`);
        return new SelfPrintDownloads({
          commands: () => writeSide.applicationCommands(),
          storage: () => deps.storage(),
          keys: verifyKeysFrom(config.SELF_PRINT_PUBLIC_KEYS),
          clock,
          logger,
        });
      },
    },
    {
      provide: SelfPrintLinkIssuer,
      inject: shared,
      useFactory: (writeSide: WriteSide, _deps: PrintingDependencies, clock: Clock, logger: Logger, config: PrintingConfig) =>
        new SelfPrintLinkIssuer(() => writeSide.applicationCommands(), config.SELF_PRINT_LINK_VALIDITY_HOURS, clock, logger),
    },
    {
      provide: SELF_PRINT_REACTOR_SETTINGS,
      inject: [PRINTING_CONFIG, SERVICE_LOGGER],
      useFactory: (env: PrintingConfig, logger: Logger) => ({ env, logger }),
    },
    SelfPrintReactor,
  ],
  exports: [SelfPrintReactor],
})
export class SelfPrintModule {}
