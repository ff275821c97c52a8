import type { ComponentType } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { warmApi } from './api';
import { useSession } from './auth/session';
import { interceptLinks, matchPath, navigate, useLocation } from './router';
import { ROUTES, type PageProps, type RouteDef } from './routes';
import { Layout } from './ui/layout';
import { Notice } from './ui/notice';

const loaded = new Map<RouteDef, ComponentType<PageProps>>();

function usePage(route: RouteDef | undefined): { Page?: ComponentType<PageProps>; failed: boolean } {
  const [, setTick] = useState(0);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    setFailed(false);
    if (!route?.load || loaded.has(route)) return;
    route.load().then(
      (m) => {
        loaded.set(route, m.default);
        setTick((t) => t + 1);
      },
      () => setFailed(true),
    );
  }, [route]);
  return { Page: route ? (route.page ?? loaded.get(route)) : undefined, failed };
}

export function App() {
  const url = useLocation();
  const session = useSession();
  let params: Record<string, string> = {};
  const route = ROUTES.find((r) => {
    const m = matchPath(r.path, url.pathname);
    if (m) params = m;
    return m !== null;
  });
  const needsLogin = !!route?.roles && !session;
  // Before the page's chunk is fetched: its API calls go out in parallel with it, once per address.
  const warmedFor = useRef('');
  if (route?.warm && !needsLogin && warmedFor.current !== url.href) {
    warmedFor.current = url.href;
    route.warm(params).forEach(warmApi);
  }
  const { Page, failed } = usePage(route);
  useEffect(() => {
    if (needsLogin) navigate(`/masuk?kembali=${encodeURIComponent(url.pathname + url.search)}`, true);
  }, [needsLogin, url]);
  useEffect(() => {
    document.addEventListener('click', interceptLinks);
    return () => document.removeEventListener('click', interceptLinks);
  }, []);

  let content;
  if (!route) content = <Notice title="Halaman tidak ditemukan" text="Alamat yang Anda buka tidak ada. Kembali ke beranda." link="/" />;
  else if (needsLogin) content = <p class="memuat">Mengalihkan ke halaman masuk…</p>;
  else if (route.roles && session && !route.roles.includes(session.user.role))
    content = <Notice title="Tidak berhak" text="Akun Anda tidak berhak membuka halaman ini." link="/beranda" />;
  else if (failed) content = <Notice title="Gagal memuat halaman" text="Periksa sambungan internet Anda lalu muat ulang halaman." />;
  else if (!Page) content = <p class="memuat">Memuat halaman…</p>;
  else content = <Page params={params} url={url} session={session} />;
  return <Layout session={session}>{content}</Layout>;
}
