import { defaultCalendar, evaluateSla, type SlaStatus, type WorkingCalendar } from '@adminduk/calendar';
import { kkKelahiranCatalog } from '../catalog/kk-kelahiran.catalog';
import type { ServiceCatalog } from '../catalog/service-catalog';
import type { ApplicationState } from './application.events';

/**
 * The SLA of one application at `now`, for the operator queue, by the catalog version it was submitted
 * under: the clock starts when `sla.startsWhen` says (undefined until then) and pauses while a
 * correction is awaited unless `sla.pausedWhile` is "never". It stops when the KK is signed (the
 * product exists and can be self-printed), or when the application is closed without a product
 * (returned, withdrawn, rejected), so those never breach later.
 */
export function applicationSla(
  state: ApplicationState,
  now: Date,
  calendar: WorkingCalendar = defaultCalendar,
  catalog: ServiceCatalog = kkKelahiranCatalog,
): SlaStatus | undefined {
  if (!state.submittedAt) return undefined;
  const sla = catalog.entryOf(state).sla;
  const start = sla.startsWhen === 'submitted' ? state.submittedAt : state.fileCompletedAt;
  if (!start) return undefined;
  const stop = state.signedAt ?? state.closedAt;
  const pauses = sla.pausedWhile === 'never' ? [] : state.pauses;
  return evaluateSla(
    {
      completedAt: new Date(start),
      pauses: pauses.map((p) => ({ from: new Date(p.from), ...(p.to ? { to: new Date(p.to) } : {}) })),
      ...(stop ? { stoppedAt: new Date(stop) } : {}),
      workingDays: state.slaWorkingDays,
    },
    now,
    calendar,
  );
}
