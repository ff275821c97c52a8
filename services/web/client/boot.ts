// Inlined into index.html (a few hundred bytes): before the bundle has arrived it starts the current
// page's public API GETs (warm-routes.ts; a signed-in page warms through RouteDef.warm) and asks for
// a lazy page's chunks (the build fills __ROUTE_CHUNKS__ from routes.ts, tools/route-chunks.ts), so
// code and data come in the same round trip as the entry.
import { WARM_ROUTES } from './warm-routes';

declare const __ROUTE_CHUNKS__: [string, string[]][];

/** The page path's parameters by name when `pattern` (/layanan/:serviceId) matches it, else null. */
function match(pattern: string): Record<string, string> | null {
  const names: string[] = [];
  const re = new RegExp(`^${pattern.replace(/\/:([A-Za-z]+)/g, (_m, n: string) => (names.push(n), '/([^/]+)'))}/?$`);
  const m = re.exec(location.pathname);
  return m && Object.fromEntries(names.map((n, i) => [n, m[i + 1]]));
}

const w = window as unknown as { __warm?: Record<string, Promise<Response>> };
w.__warm = {};
for (const [pattern, apis] of WARM_ROUTES) {
  const params = match(pattern);
  if (!params) continue;
  for (const api of apis) {
    const url = api.replace(/:([A-Za-z]+)/g, (_x, n: string) => params[n]);
    w.__warm[url] = fetch(url, { headers: { 'x-correlation-id': `boot-${Date.now()}` } });
  }
  break;
}
for (const [pattern, chunks] of __ROUTE_CHUNKS__) {
  if (!match(pattern)) continue;
  for (const href of chunks) {
    const link = document.createElement('link');
    link.rel = 'modulepreload';
    link.href = href;
    document.head.appendChild(link);
  }
  break;
}
