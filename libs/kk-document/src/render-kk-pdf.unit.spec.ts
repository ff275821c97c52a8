import { inflateSync } from 'node:zlib';
import { renderKkPdf } from './render-kk-pdf';
import { MAX_KK_MEMBERS, verificationUrl, formatKkDate } from './kk-data';
import { sampleKkCard } from './testing/sample-kk';

/** Decompressed content streams, to look at what is drawn. */
function pageContent(pdf: Buffer): string {
  const text = pdf.toString('latin1');
  const out: string[] = [];
  for (const m of text.matchAll(/\/FlateDecode[^]*?stream\r?\n/g)) {
    const start = (m.index ?? 0) + m[0].length;
    const end = text.indexOf('endstream', start);
    try {
      out.push(inflateSync(pdf.subarray(start, end)).toString('latin1'));
    } catch {
      // font programs and others that are not text; ignore
    }
  }
  return out.join('\n');
}

describe('renderKkPdf', () => {
  it('renders one A4 landscape page with the DejaVu fonts embedded and no standard-14 font', async () => {
    const { pdf } = await renderKkPdf(sampleKkCard(8));
    const text = pdf.toString('latin1');
    expect(text.startsWith('%PDF-')).toBe(true);
    expect(text.match(/\/Type \/Page\b/g)).toHaveLength(1);
    expect(text).toMatch(/\/MediaBox \[0 0 841\.89 595\.28\]/);
    expect(text.match(/\/FontFile2 /g)?.length).toBe(2);
    expect(text).toMatch(/\/BaseFont \/[A-Z]{6}\+DejaVuSansCondensed-Bold/);
    expect(text).not.toMatch(/\/BaseFont \/(Helvetica|Times|Courier)/);
  });

  it('reserves the signature block inside the page, in the lower right quarter', async () => {
    const { signatureRect: r } = await renderKkPdf(sampleKkCard(8));
    expect(r.page).toBe(1);
    expect(r.x).toBeGreaterThan(841.89 / 2);
    expect(r.x + r.width).toBeLessThanOrEqual(841.89 - 28);
    expect(r.y).toBeGreaterThanOrEqual(28);
    expect(r.y + r.height).toBeLessThan(595.28 / 2);
  });

  it('draws a row for each member: a full page of members still fits', async () => {
    const few = pageContent((await renderKkPdf(sampleKkCard(2))).pdf);
    const many = pageContent((await renderKkPdf(sampleKkCard(MAX_KK_MEMBERS))).pdf);
    // Each row adds one horizontal rule per table: `x y m x2 y l S`.
    const rules = (s: string): number => (s.match(/ m\n[\d.]+ [\d.]+ l\nS/g) ?? []).length;
    expect(rules(many) - rules(few)).toBe(2 * (MAX_KK_MEMBERS - 2));
  });

  it('refuses an empty family and one that does not fit the page', async () => {
    await expect(renderKkPdf({ ...sampleKkCard(1), members: [] })).rejects.toThrow(/at least one member/);
    const big = sampleKkCard(MAX_KK_MEMBERS);
    await expect(renderKkPdf({ ...big, members: [...big.members, big.members[0]] })).rejects.toThrow(/at most/);
  });
});

describe('KK data helpers', () => {
  it('prints dates day first and a dash for a missing date', () => {
    expect(formatKkDate('2025-02-25')).toBe('25-02-2025');
    expect(formatKkDate(null)).toBe('-');
    expect(() => formatKkDate('25/02/2025')).toThrow(/plain date/);
  });

  it('builds the verification URL from an opaque id, whatever the base ends with', () => {
    expect(verificationUrl('https://x.go.id/', 'abc 1')).toBe('https://x.go.id/verifikasi/abc%201');
    expect(verificationUrl('https://x.go.id', 'd-1')).toBe('https://x.go.id/verifikasi/d-1');
  });
});
