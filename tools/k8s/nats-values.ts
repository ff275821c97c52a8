import { BUS_PERMISSIONS, BUS_SERVICES } from '@adminduk/messaging';
import type { Obj } from './k8s-objects';

/**
 * The NATS chart's values (official chart, 1.x): a JetStream cluster of 3 on file storage, no
 * anonymous access, one nkey user per bus service with the permissions of bus-accounts.ts. The public
 * nkeys come from the Secret adminduk-bus-nkeys (`<< $NKEY_<SERVICE> >>`: the chart's NATS variable
 * syntax, filled from the container environment), so no deployment's keys are in the repository.
 */
export function natsValues(): Obj {
  const envName = (service: string) => `NKEY_${service.toUpperCase().replace(/-/g, '_')}`;
  const users = BUS_SERVICES.map((service) => {
    const p = BUS_PERMISSIONS[service];
    const none = (xs: string[]) => (xs.length ? xs : ['_NONE_']);
    return {
      nkey: `<< $${envName(service)} >>`,
      permissions: {
        publish: { allow: none(p.publish) },
        subscribe: { allow: none(p.subscribe) },
        ...(p.allowResponses ? { allow_responses: true } : {}),
      },
    };
  });
  return {
    config: {
      cluster: { enabled: true, replicas: 3 },
      jetstream: { enabled: true, fileStore: { enabled: true, pvc: { enabled: true, size: '20Gi' } }, memoryStore: { enabled: false } },
      monitor: { enabled: true },
      merge: { authorization: { users } },
    },
    container: {
      env: Object.fromEntries(
        BUS_SERVICES.map((service) => [envName(service), { valueFrom: { secretKeyRef: { name: 'adminduk-bus-nkeys', key: service } } }]),
      ),
    },
    podTemplate: { topologySpreadConstraints: { 'kubernetes.io/hostname': { maxSkew: 1, whenUnsatisfiable: 'DoNotSchedule' } } },
    promExporter: { enabled: true, podMonitor: { enabled: true } },
    natsBox: { enabled: false },
  };
}
