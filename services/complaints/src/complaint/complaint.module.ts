import { Module } from '@nestjs/common';
import { LaporExchange } from '../lapor/lapor-import';
import { LaporController } from '../lapor/lapor.controller';
import { ComplaintDeadlines } from './complaint-deadlines';
import { ComplaintHandling } from './complaint-handling';
import { ComplaintsController } from './complaints.controller';
import { PublicComplaintController } from './public-complaint.controller';

/** Complaint handling: the staff's routes, the public form, SP4N-LAPOR, the deadline scan. */
@Module({
  providers: [ComplaintHandling, ComplaintDeadlines, LaporExchange],
  controllers: [ComplaintsController, PublicComplaintController, LaporController],
  exports: [ComplaintHandling],
})
export class ComplaintModule {}
