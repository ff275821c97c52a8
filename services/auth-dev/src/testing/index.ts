// The development issuer's testing entry (`@adminduk/auth-dev/testing`): the one way other packages' tests
// reach this service (a real issuer in process, tokens for the demo users).
export { issueAccessToken, type AuthDevOptions } from '../access-token';
export { createAuthDevApp } from '../auth-dev.app';
export { findDemoUser, type DemoUser } from '../demo-users';
export { loadOrCreateSigningKey, type SigningKey } from '../signing-key';
