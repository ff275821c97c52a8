import { useState } from 'preact/hooks';
import { startLogin } from '../../auth/oidc';
import type { PageProps } from '../../routes';

export default function Login({ url, session }: PageProps) {
  const [problem, setProblem] = useState<string | null>(null);
  const returnTo = url.searchParams.get('kembali') ?? '/beranda';
  const go = () =>
    startLogin(returnTo).catch((e: unknown) => setProblem(e instanceof Error ? e.message : 'Layanan masuk tidak dapat dihubungi.'));
  return (
    <section class="kartu">
      <h1>Masuk</h1>
      {session ? (
        <p>
          Anda sudah masuk sebagai {session.user.name}. <a href="/beranda">Buka beranda</a>
        </p>
      ) : (
        <>
          <p>Masuk dengan akun Anda untuk mengajukan permohonan, melihat perkembangannya, atau bekerja sebagai petugas.</p>
          <button class="tombol" type="button" onClick={go}>
            Masuk dengan akun
          </button>
          {problem && (
            <p class="peringatan" role="alert">
              {problem}
            </p>
          )}
        </>
      )}
    </section>
  );
}
