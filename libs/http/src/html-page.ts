/**
 * The few server-rendered pages (status lookup, document verification, self-print refusals, the
 * development login) share one frame: an Indonesian (lang="id") page for a phone, no external
 * files, text escaped. The web app's own shell is built by services/web.
 */

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text made safe for HTML content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

export interface HtmlPage {
  /** The <title>, as is (escape what comes from a request). */
  title: string;
  /** Inline CSS: the pages load nothing else. */
  style: string;
  /** The markup inside <body>, already escaped where needed. */
  body: string;
  /** Keep the page out of search engines (pages reached through a personal link or code). */
  noindex?: boolean;
}

export function htmlPage(p: HtmlPage): string {
  const robots = p.noindex ? '<meta name="robots" content="noindex">\n' : '';
  return `<!doctype html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
${robots}<title>${p.title}</title>
<style>${p.style}</style>
</head>
<body>
${p.body}
</body>
</html>
`;
}
