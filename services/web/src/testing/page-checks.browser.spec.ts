import type { Page } from 'playwright-core';
import { checkScreen, englishWordsShown, expectAccessible, expectIndonesian, launchChromium, type TestBrowser } from '.';

// The harness's own checks catch what they are for: English words shown to users, serious axe violations.
describe('browser harness checks', () => {
  let chromium: TestBrowser;
  let page: Page;

  beforeAll(async () => (chromium = await launchChromium()));
  afterAll(() => chromium?.close());
  beforeEach(async () => (page = await chromium.newPage('phone')));
  afterEach(() => page.context().close());

  const html = (body: string) => `<!doctype html><html lang="id"><head><title>Uji</title></head><body><main>${body}</main></body></html>`;

  it('finds English UI words in text and labels, but not in text quoted verbatim from the standard', async () => {
    await page.setContent(
      html(`<h1>Permohonan</h1><button>Submit</button><input aria-label="Search"><p>Loading…</p>
        <ol data-verbatim><li>Upload data persyaratan</li></ol><p>Status</p>`),
    );
    expect((await englishWordsShown(page)).sort()).toEqual(['loading', 'search', 'status', 'submit']);
    await expect(expectIndonesian(page, 'uji')).rejects.toThrow('English UI text on uji: submit, loading, search, status');
  });

  it('passes a page in Indonesian', async () => {
    await page.setContent(html('<h1>Lacak permohonan</h1><button>Kirim</button><p>Memuat…</p>'));
    await expectIndonesian(page);
  });

  it('fails on a serious or critical accessibility violation and names it', async () => {
    await page.setContent(html('<h1>Unggah</h1><button></button><input type="text"><img src="data:,">'));
    await expect(expectAccessible(page, 'uji')).rejects.toThrow(/axe: \d+ serious\/critical violation\(s\) on uji:[\s\S]*button-name/);
  });

  it('passes an accessible page', async () => {
    await page.setContent(html('<h1>Unggah</h1><label for="n">Nama</label><input id="n"><button>Kirim</button>'));
    await expectAccessible(page);
  });

  it('a screen that breaks its Content-Security-Policy or throws fails its check', async () => {
    await page.route('http://uji.test/', (r) =>
      r.fulfill({
        contentType: 'text/html',
        headers: { 'content-security-policy': "script-src 'self'" },
        body: html('<h1>Uji</h1><script>document.title = "x"</script>'),
      }),
    );
    await page.goto('http://uji.test/');
    await expect(checkScreen(page, 'uji-csp')).rejects.toThrow(/uji-csp: CSP: /);
  });
});
