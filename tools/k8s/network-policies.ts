/** Each service's NetworkPolicy: in from whom it serves, out to exactly what its row in the table uses. */
import { ENGINE_ENDPOINTS, ENGINES_NAMESPACE, type Engine, type PlatformService } from './platform-services';
import { inNamespace, labelsOf, resourceName, selectorOf, type Obj } from './k8s-objects';

/** Addresses outside the cluster: anything but the private ranges (pods, services, nodes). */
const INTERNET = { ipBlock: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'] } };

export function engineEgress(engine: Engine): Obj {
  if (engine === 'issuer') {
    // Keycloak in its own namespace, or an external identity provider over HTTPS.
    return { to: [inNamespace('keycloak'), INTERNET], ports: [{ port: 8080 }, { port: 8443 }, { port: 443 }] };
  }
  if (engine === 'smtp') return { to: [INTERNET], ports: [{ port: 25 }, { port: 465 }, { port: 587 }] };
  const e = ENGINE_ENDPOINTS[engine];
  return { to: [inNamespace(ENGINES_NAMESPACE, e.podLabels)], ports: [{ port: e.port, protocol: 'TCP' }] };
}

export function networkPolicy(s: PlatformService, all: PlatformService[]): Obj {
  const http = [{ port: s.port, protocol: 'TCP' }];
  const callers = all.filter((o) => o.calls?.includes(s.name)).map((o) => ({ podSelector: { matchLabels: selectorOf(o.name) } }));
  const ingress: Obj[] = [{ from: [inNamespace('monitoring')], ports: http }];
  if (s.public) ingress.push({ from: [inNamespace('ingress-nginx')], ports: http });
  if (callers.length) ingress.push({ from: callers, ports: http });
  const egress: Obj[] = s.uses.map(engineEgress);
  for (const target of s.calls ?? []) {
    const t = all.find((o) => o.name === target);
    if (t) egress.push({ to: [{ podSelector: { matchLabels: selectorOf(t.name) } }], ports: [{ port: t.port, protocol: 'TCP' }] });
  }
  if (s.external) egress.push({ to: [INTERNET], ports: [{ port: 443, protocol: 'TCP' }] });
  egress.push({
    to: [inNamespace('observability', { 'app.kubernetes.io/name': 'otel-collector' })],
    ports: [{ port: 4318, protocol: 'TCP' }],
  });
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: resourceName(s.name), labels: labelsOf(s.name) },
    spec: { podSelector: { matchLabels: selectorOf(s.name) }, policyTypes: ['Ingress', 'Egress'], ingress, egress },
  };
}
