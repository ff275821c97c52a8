import { useEffect, useState } from 'preact/hooks';
import { completeLogin } from '../../auth/oidc';
import { navigate } from '../../router';
import type { PageProps } from '../../routes';
import { Notice } from '../../ui/notice';

export default function LoginCallback({ url }: PageProps) {
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    completeLogin(url).then(
      (returnTo) => navigate(returnTo, true),
      (e: unknown) => setProblem(e instanceof Error ? e.message : 'Proses masuk gagal.'),
    );
    // Once: the code is single-use.
  }, []);
  if (problem) return <Notice title="Gagal masuk" text={problem} link="/masuk" />;
  return <p class="memuat">Memproses masuk…</p>;
}
