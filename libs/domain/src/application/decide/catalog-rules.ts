import { correctionDeadline } from '@adminduk/calendar';
import type { CatalogEntry, Channel } from '../../catalog/catalog.types';
import { kkKelahiranCatalog } from '../../catalog/kk-kelahiran.catalog';
import type { ServiceCatalog } from '../../catalog/service-catalog';
import type { DecideContext } from '../application.commands';
import type { ApplicationState } from '../application.events';

/** The catalog the decider judges by: the context's, else the bundled KK catalog. */
export const catalogOf = (ctx: DecideContext): ServiceCatalog => ctx.catalog ?? kkKelahiranCatalog;

/** The catalog version an application was submitted under: its rules hold for its whole life. */
export const rulesOf = (state: ApplicationState, ctx: DecideContext): CatalogEntry => catalogOf(ctx).entryOf(state);

/** Whether the catalog lets this channel's files wait for a correction (otherwise they are returned). */
export const takesCorrections = (rules: CatalogEntry, channel: Channel | undefined): boolean =>
  channel !== undefined && rules.correctionDeadline.channels.includes(channel);

/** When a correction requested at `now` is due, by the catalog's rule. */
export const correctionDueAt = (rules: CatalogEntry, now: Date): string =>
  correctionDeadline(now, rules.correctionDeadline.hourWib).toISOString();
