// The signing service's testing entry (`@adminduk/signing/testing`): the one way other packages' tests
// reach this service.
export { createSigningApp, type SigningApp, type SigningAppOptions } from '../signing-app';
export { TEST_OFFICE } from './test-office';
