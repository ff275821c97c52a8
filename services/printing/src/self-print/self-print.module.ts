import { Module } from '@nestjs/common';

/**
 * Self-print links (issue 11 item 3): owned by the self-print work, registered in PrintingModule.
 * The shared providers (WriteSide, PrintingDependencies, PRINTING_CONFIG, SERVICE_LOGGER, CLOCK) come
 * from the global PrintingCoreModule.
 */
@Module({})
export class SelfPrintModule {}
