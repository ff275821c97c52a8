import { ROLE_LABELS } from '../auth/session';
import type { PageProps } from '../routes';
import { ROUTES } from '../routes';

/** After login: the screens of the user's role (each route with a `menu` label for that role). */
export default function SignedInHome({ session }: PageProps) {
  if (!session) return null;
  const screens = ROUTES.filter((r) => r.menu && r.roles?.includes(session.user.role));
  return (
    <section class="kartu">
      <h1>Selamat datang, {session.user.name}</h1>
      <p>Anda masuk sebagai {ROLE_LABELS[session.user.role] ?? session.user.role}.</p>
      {screens.length > 0 ? (
        <ul class="daftar-tautan">
          {screens.map((r) => (
            <li key={r.path}>
              <a href={r.path}>{r.menu}</a>
            </li>
          ))}
        </ul>
      ) : (
        <p>Belum ada menu untuk peran Anda.</p>
      )}
    </section>
  );
}
