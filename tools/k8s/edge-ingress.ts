/** The one Ingress host, its paths taken from the web edge's routes (the development edge proxies the same). */
import { EDGE_ROUTES, type Upstream } from '../../services/web/src/edge/edge-routes';
import { PLATFORM_SERVICES } from './platform-services';
import { PART_OF, resourceName, type Obj } from './k8s-objects';

const UPSTREAM_SERVICE: Record<Upstream, string> = {
  gateway: 'gateway',
  auth: 'auth-dev',
  documents: 'documents',
  signing: 'signing',
  printing: 'printing',
  complaints: 'complaints',
};

/**
 * The web edge's routes as ingress-nginx regex paths, most specific first, and the app itself at `/`.
 * The issuer (/auth) is the dev overlay's own Ingress (production logs in at Keycloak). An Ingress
 * cannot match a method: POST-only routes are routed for every method (the service answers 404/405).
 */
export function ingressPaths(): { path: string; service: string }[] {
  const routes = EDGE_ROUTES.filter((r) => r.upstream !== 'auth').map((r) => ({
    path: r.match.source.replace(/^\^/, '').replace(/\\\//g, '/'),
    service: UPSTREAM_SERVICE[r.upstream],
  }));
  return [...routes, { path: '/', service: 'web' }];
}

export function ingress(): Obj {
  const port = (service: string) => PLATFORM_SERVICES.find((s) => s.name === service)!.port;
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: {
      name: 'adminduk',
      labels: { 'app.kubernetes.io/part-of': PART_OF },
      annotations: {
        'nginx.ingress.kubernetes.io/use-regex': 'true',
        // Scans up to 10 MB (documents' DOCUMENTS_MAX_UPLOAD_BYTES) plus the multipart envelope.
        'nginx.ingress.kubernetes.io/proxy-body-size': '12m',
        'nginx.ingress.kubernetes.io/proxy-read-timeout': '300',
      },
    },
    spec: {
      ingressClassName: 'nginx',
      tls: [{ hosts: ['adminduk.example.go.id'], secretName: 'adminduk-tls' }],
      rules: [
        {
          host: 'adminduk.example.go.id',
          http: {
            paths: ingressPaths().map((p) => ({
              path: p.path,
              pathType: 'ImplementationSpecific',
              backend: { service: { name: resourceName(p.service), port: { number: port(p.service) } } },
            })),
          },
        },
      ],
    },
  };
}
