import { escapeHtml as escape, htmlPage } from '@adminduk/http';
import type { DemoUser } from '../demo-users';

export interface LoginPageModel {
  /** The authorization request, carried through the form unchanged. */
  request: Record<string, string>;
  users: readonly DemoUser[];
  username?: string;
  problem?: string;
}

/** The development issuer's login page, in Bahasa Indonesia; small, no script, no external files. */
export function loginPage(m: LoginPageModel): string {
  const hidden = Object.entries(m.request)
    .map(([k, v]) => `<input type="hidden" name="${escape(k)}" value="${escape(v)}">`)
    .join('\n');
  const options = m.users.map((u) => `<li><code>${escape(u.username)}</code>: ${escape(u.description)}</li>`).join('\n');
  return htmlPage({
    title: 'Masuk - Adminduk Sidoarjo (pengembangan)',
    style: `body{font-family:system-ui,sans-serif;margin:0;background:#f3f5f8;color:#1a1a1a;line-height:1.5}
main{max-width:28rem;margin:0 auto;padding:1rem}
.kartu{background:#fff;border-radius:8px;padding:1rem;margin-bottom:1rem}
h1{font-size:1.4rem;margin:0 0 .5rem}
label{display:block;font-weight:600;margin:.75rem 0 .25rem}
input[type=text],input[type=password]{width:100%;box-sizing:border-box;min-height:44px;padding:.5rem;border:1px solid #6b6b6b;border-radius:6px;font:inherit}
button{margin-top:1rem;min-height:44px;padding:.6rem 1.1rem;border:0;border-radius:6px;background:#0b4f8a;color:#fff;font:inherit;font-weight:600}
.salah{color:#a4000f;border-left:4px solid #a4000f;padding-left:.5rem}
.catatan{font-size:.9rem;color:#4a4a4a}`,
    body: `<main>
<div class="kartu">
<h1>Masuk</h1>
<p class="catatan">Penerbit akun khusus pengembangan. Semua akun contoh memakai kata sandi <code>demo</code>.</p>
${m.problem ? `<p class="salah" role="alert">${escape(m.problem)}</p>` : ''}
<form method="post" action="authorize">
${hidden}
<label for="username">Nama pengguna</label>
<input type="text" id="username" name="username" autocomplete="username" required value="${escape(m.username ?? '')}">
<label for="password">Kata sandi</label>
<input type="password" id="password" name="password" autocomplete="current-password" required>
<button type="submit">Masuk</button>
</form>
</div>
<div class="kartu">
<h2>Akun contoh</h2>
<ul class="catatan">
${options}
</ul>
</div>
</main>`,
  });
}

/** A request the issuer cannot send back to its client (unknown client, unregistered redirect). */
export function refusalPage(message: string): string {
  return htmlPage({
    title: 'Permintaan masuk ditolak',
    style: 'body{font-family:system-ui,sans-serif;max-width:28rem;margin:2rem auto;padding:0 1rem}',
    body: `<main><h1>Permintaan masuk ditolak</h1><p>${escape(message)}</p><p>Buka kembali aplikasi lalu pilih Masuk.</p></main>`,
  });
}
