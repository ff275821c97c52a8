import type { WebConfig } from '../web.config';

export type Upstream = 'gateway' | 'auth' | 'documents' | 'signing' | 'printing' | 'complaints';

export interface EdgeRoute {
  upstream: Upstream;
  /** Matched against the path (no query string). */
  match: RegExp;
  methods?: string[];
  /** Removed from the path before forwarding (the issuer lives at the root of its service). */
  stripPrefix?: string;
}

/**
 * The one origin (docs/web.md): which service answers which path. The Kubernetes ingress routes
 * the same paths to the same services; this table is the development edge's copy of it. First
 * match wins; anything else is the web app itself (assets, then the SPA's index.html).
 */
export const EDGE_ROUTES: EdgeRoute[] = [
  { upstream: 'auth', match: /^\/auth(\/|$)/, stripPrefix: '/auth' },
  // Scans: upload to an application's requirement, download by document id (documents service).
  { upstream: 'documents', match: /^\/api\/applications\/[^/]+\/documents\/[^/]+$/, methods: ['POST'] },
  { upstream: 'documents', match: /^\/api\/documents\// },
  // Signing: batches, revocations, and the public verification of a signed KK (page and API).
  { upstream: 'signing', match: /^\/api\/signing(\/|$)/ },
  { upstream: 'signing', match: /^\/api\/public\/verifikasi(\/|$)/ },
  { upstream: 'signing', match: /^\/verifikasi\/[^/]+$/ },
  // Printing: print queue, the KK PDF, tanda terima, self-print links and the self-print route.
  { upstream: 'printing', match: /^\/api\/(printing|self-print)(\/|$)/ },
  { upstream: 'printing', match: /^\/cetak\/[^/]+$/ },
  // Complaints: the staff's handling (and the IKM survey's routes) and the public complaint form.
  { upstream: 'complaints', match: /^\/api\/(complaints|public\/pengaduan|public\/survei)(\/|$)/ },
  // Everything else under /api is the gateway (including /api/docs, the OpenAPI document).
  { upstream: 'gateway', match: /^\/api(\/|$)/ },
];

export function upstreamUrls(config: WebConfig): Record<Upstream, URL> {
  return {
    gateway: new URL(config.GATEWAY_URL),
    auth: new URL(config.AUTH_URL),
    documents: new URL(config.DOCUMENTS_URL),
    signing: new URL(config.SIGNING_URL),
    printing: new URL(config.PRINTING_URL),
    complaints: new URL(config.COMPLAINTS_URL),
  };
}

export function routeFor(method: string, pathname: string): EdgeRoute | undefined {
  return EDGE_ROUTES.find((r) => r.match.test(pathname) && (!r.methods || r.methods.includes(method)));
}
