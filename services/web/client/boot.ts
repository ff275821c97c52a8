// Inlined into index.html (a few hundred bytes, no imports): starts the current page's API GETs
// before the bundle has arrived. Public GETs only; a signed-in page warms through RouteDef.warm.
import { WARM_ROUTES } from './warm-routes';

const w = window as unknown as { __warm?: Record<string, Promise<Response>> };
w.__warm = {};
for (const [pattern, apis] of WARM_ROUTES) {
  const names: string[] = [];
  const re = new RegExp(`^${pattern.replace(/\/:([A-Za-z]+)/g, (_m, n: string) => (names.push(n), '/([^/]+)'))}/?$`);
  const m = re.exec(location.pathname);
  if (!m) continue;
  for (const api of apis) {
    const url = api.replace(/:([A-Za-z]+)/g, (_x, n: string) => m[names.indexOf(n) + 1]);
    w.__warm[url] = fetch(url, { headers: { 'x-correlation-id': `boot-${Date.now()}` } });
  }
  break;
}
