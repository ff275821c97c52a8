/** The little HTML a notification needs: escaped text, paragraphs, lists, one layout. */

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text safe inside HTML elements and quoted attributes. Every value from an event goes through here. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/** One block of a message: a paragraph, a list, key/value facts, or a link. Rendered to text and HTML alike. */
export type Block =
  | { kind: 'p'; text: string }
  | { kind: 'list'; items: string[] }
  | { kind: 'facts'; rows: [label: string, value: string][] }
  | { kind: 'link'; label: string; url: string };

export const p = (text: string): Block => ({ kind: 'p', text });
export const list = (items: string[]): Block => ({ kind: 'list', items });
export const facts = (rows: [string, string][]): Block => ({ kind: 'facts', rows });
export const link = (label: string, url: string): Block => ({ kind: 'link', label, url });

export function blocksToText(blocks: Block[]): string {
  return blocks
    .map((b) => {
      switch (b.kind) {
        case 'p':
          return b.text;
        case 'list':
          return b.items.map((i) => `- ${i}`).join('\n');
        case 'facts':
          return b.rows.map(([k, v]) => `${k}: ${v}`).join('\n');
        case 'link':
          return `${b.label}:\n${b.url}`;
      }
    })
    .join('\n\n');
}

export function blocksToHtml(title: string, blocks: Block[]): string {
  const body = blocks
    .map((b) => {
      switch (b.kind) {
        case 'p':
          return `<p>${escapeHtml(b.text)}</p>`;
        case 'list':
          return `<ul>${b.items.map((i) => `<li>${escapeHtml(i)}</li>`).join('')}</ul>`;
        case 'facts':
          return `<table>${b.rows.map(([k, v]) => `<tr><th align="left">${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`).join('')}</table>`;
        case 'link':
          return `<p><a href="${escapeHtml(b.url)}">${escapeHtml(b.label)}</a></p>`;
      }
    })
    .join('\n');
  return `<!doctype html>\n<html lang="id"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>\n<body>\n${body}\n</body></html>\n`;
}
