import type { ComponentChildren } from 'preact';
import { logout } from '../auth/oidc';
import { ROLE_LABELS, type Session } from '../auth/session';

export function Layout({ session, children }: { session: Session | null; children: ComponentChildren }) {
  return (
    <>
      <a class="lewati" href="#konten" data-native>
        Langsung ke isi halaman
      </a>
      <header class="kepala">
        <a class="merek" href={session ? '/beranda' : '/'}>
          Adminduk Sidoarjo
        </a>
        <nav aria-label="Menu utama">
          {session ? (
            <>
              <span class="pengguna">
                {session.user.name} · {ROLE_LABELS[session.user.role] ?? session.user.role}
              </span>
              <button type="button" class="tombol kedua" onClick={() => void logout(session)}>
                Keluar
              </button>
            </>
          ) : (
            <a class="tombol kedua" href="/masuk">
              Masuk
            </a>
          )}
        </nav>
      </header>
      <main id="konten" tabIndex={-1}>
        {children}
      </main>
      <footer class="kaki">
        <p>Dinas Kependudukan dan Pencatatan Sipil Kabupaten Sidoarjo</p>
      </footer>
    </>
  );
}
