import type { ServiceCatalog } from '../catalog/service-catalog';
import type { Decider } from '../shared/decider';

/**
 * The seam for more services (KTP-el, akta kelahiran, pindah datang): a service type is its catalog
 * (data) plus its decider (rules). Services look the pair up here by the stream's service type and
 * stay generic: load events, fold with evolve, decide, append. No new plumbing per service.
 */
export interface ServiceDefinition<Command = never, State = unknown, Event = unknown, Context = never> {
  serviceType: string;
  catalog: ServiceCatalog;
  decider: Decider<Command, State, Event, Context>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyServiceDefinition = ServiceDefinition<any, any, any, any>;

export class UnknownServiceTypeError extends Error {
  override readonly name = 'UnknownServiceTypeError';
  readonly code = 'service.unknown';
  constructor(serviceType: string) {
    super(`No service type "${serviceType}" is registered`);
  }
}

export class ServiceRegistry {
  private readonly byType = new Map<string, AnyServiceDefinition>();

  register(definition: AnyServiceDefinition): this {
    if (definition.catalog.serviceType !== definition.serviceType) {
      throw new Error(`Catalog ${definition.catalog.serviceType} does not belong to service type ${definition.serviceType}`);
    }
    if (this.byType.has(definition.serviceType)) throw new Error(`Service type ${definition.serviceType} is already registered`);
    this.byType.set(definition.serviceType, definition);
    return this;
  }

  get(serviceType: string): AnyServiceDefinition {
    const d = this.byType.get(serviceType);
    if (!d) throw new UnknownServiceTypeError(serviceType);
    return d;
  }

  has(serviceType: string): boolean {
    return this.byType.has(serviceType);
  }

  serviceTypes(): string[] {
    return [...this.byType.keys()];
  }
}
