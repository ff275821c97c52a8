import { Module } from '@nestjs/common';
import { ComplaintTrackingCodes, complaintTrackingCodes } from '@adminduk/self-print-token';
import type { ComplaintsConfig } from '../complaints.config';
import { COMPLAINTS_CONFIG } from '../complaints.tokens';
import { LaporExchange } from '../lapor/lapor-import';
import { LaporController } from '../lapor/lapor.controller';
import { CamatComplaintsController } from './camat.controller';
import { ComplaintDeadlines } from './complaint-deadlines';
import { ComplaintHandling } from './complaint-handling';
import { ComplaintTrackingController } from './complaint-tracking.controller';
import { ComplaintsController } from './complaints.controller';
import { PublicComplaintController } from './public-complaint.controller';

/**
 * Complaint handling: the staff's routes, the camat's, the public form, SP4N-LAPOR, the deadline scan.
 * The camat's controller comes first: its `GET /api/complaints/camat` is matched before `:complaintId`.
 */
@Module({
  providers: [
    ComplaintHandling,
    ComplaintDeadlines,
    LaporExchange,
    {
      provide: ComplaintTrackingCodes,
      inject: [COMPLAINTS_CONFIG],
      useFactory: (config: ComplaintsConfig) => complaintTrackingCodes(config.ADMINDUK_ENV, config.COMPLAINT_TRACKING_KEY),
    },
  ],
  controllers: [CamatComplaintsController, ComplaintsController, ComplaintTrackingController, PublicComplaintController, LaporController],
  exports: [ComplaintHandling],
})
export class ComplaintModule {}
