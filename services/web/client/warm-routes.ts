/**
 * The API GETs a page makes on arrival, by page path pattern. A tiny inline script in index.html
 * (boot.ts, built by tools/build-assets.ts) starts them while the bundle is still downloading, and
 * useApi takes the answers: on slow mobile data the data and the code arrive in the same round trip.
 * `:name` in an API path is the page path's parameter of that name.
 */
export const WARM_ROUTES: [page: string, api: string[]][] = [
  ['/', ['/api/public/layanan']],
  ['/layanan/:serviceId', ['/api/public/layanan/:serviceId']],
];
