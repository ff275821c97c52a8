import { Module, type DynamicModule } from '@nestjs/common';
import { TrackingController } from './tracking.controller';
import { TRACKING_SETTINGS, TrackingQuery } from './tracking.query';

/** The public status lookup (`GET /api/public/lacak`, the page `GET /lacak`). */
@Module({})
export class TrackingModule {
  static forRoot(readModelUrl: string): DynamicModule {
    return {
      module: TrackingModule,
      controllers: [TrackingController],
      providers: [{ provide: TRACKING_SETTINGS, useValue: { readModelUrl } }, TrackingQuery],
    };
  }
}
