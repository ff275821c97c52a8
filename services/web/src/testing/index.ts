// The web app's testing entry (`@adminduk/web/testing`): the browser test harness. Start the platform
// behind the web edge, launch Debian's Chromium, log in, and check each screen (axe, language, screenshots).
export { chromiumAvailable, launchChromium, pageProblems, VIEWPORTS, type TestBrowser, type ViewportName } from './chromium';
export {
  checkScreen,
  englishWordsShown,
  expectAccessible,
  expectIndonesian,
  screenshot,
  SCREENS_DIR,
  ENGLISH_UI_WORDS,
} from './page-checks';
export { startWebPlatform, type WebPlatform, type WebPlatformOptions } from './web-platform';
export { loginAs, signInDirectly } from './login';
