import { defaultCalendar, evaluateSla, type SlaStatus, type WorkingCalendar } from '@adminduk/calendar';
import type { ApplicationState } from './application.events';

/**
 * The SLA of one application at `now`, for the operator queue; undefined until the file is complete.
 * The clock stops when the KK is signed (the product exists and can be self-printed), or when the
 * application is closed without a product (returned, withdrawn, rejected), so those never breach later.
 */
export function applicationSla(state: ApplicationState, now: Date, calendar: WorkingCalendar = defaultCalendar): SlaStatus | undefined {
  if (!state.fileCompletedAt) return undefined;
  const stop = state.signedAt ?? state.closedAt;
  return evaluateSla(
    {
      completedAt: new Date(state.fileCompletedAt),
      pauses: state.pauses.map((p) => ({ from: new Date(p.from), ...(p.to ? { to: new Date(p.to) } : {}) })),
      ...(stop ? { stoppedAt: new Date(stop) } : {}),
      workingDays: state.slaWorkingDays,
    },
    now,
    calendar,
  );
}
