import { KK_KELAHIRAN, kkKelahiranCatalog } from '../catalog/kk-kelahiran.catalog';
import { decide, type ApplicationCommand, type DecideContext } from '../application/application.commands';
import { evolve, initialState, type ApplicationEvent, type ApplicationState } from '../application/application.events';
import type { Decider } from '../shared/decider';
import { ServiceRegistry, type ServiceDefinition } from './service-registry';

export const kkApplicationDecider: Decider<ApplicationCommand, ApplicationState, ApplicationEvent, DecideContext> = {
  initialState,
  evolve,
  decide: (command, state, context) => decide(command, state, { ...context, catalog: context.catalog ?? kkKelahiranCatalog }),
};

export const kkKelahiranService: ServiceDefinition<ApplicationCommand, ApplicationState, ApplicationEvent, DecideContext> = {
  serviceType: KK_KELAHIRAN,
  catalog: kkKelahiranCatalog,
  decider: kkApplicationDecider,
};

/** Every service type this build knows. */
export const serviceRegistry = new ServiceRegistry().register(kkKelahiranService);
