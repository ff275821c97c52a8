import { Module, type DynamicModule } from '@nestjs/common';
import type { Clock } from '@adminduk/application-commands';
import { AuthModule } from '@adminduk/auth';
import { HealthModule } from '@adminduk/http';
import type { Logger } from '@adminduk/observability';
import { PrintingController } from './kk/printing.controller';
import { PrintingCoreModule } from './printing-core.module';
import type { PrintingConfig } from './printing.config';
import { PrintQueueController } from './queue/print-queue.controller';
import { ReceiptController } from './receipt/receipt.controller';
import { SelfPrintModule } from './self-print/self-print.module';

/** The printing service: the counter's print queue, print and reprint, the tanda terima; self-print links. */
@Module({})
export class PrintingModule {
  static forRoot(config: PrintingConfig, logger: Logger, clock?: Clock): DynamicModule {
    return {
      module: PrintingModule,
      imports: [
        HealthModule.forRoot(),
        AuthModule.forRoot({ jwksUrl: config.AUTH_JWKS_URL, issuer: config.AUTH_ISSUER, audience: config.AUTH_AUDIENCE }),
        PrintingCoreModule.forRoot(config, logger, clock),
        SelfPrintModule,
      ],
      controllers: [PrintQueueController, PrintingController, ReceiptController],
    };
  }
}
