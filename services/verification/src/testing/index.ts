// The verification service's testing entry (`@adminduk/verification/testing`): the one way other packages'
// tests reach this service.
export { CorrectionDeadlines } from '../correction-deadlines';
export { createVerificationApp } from '../verification.app';
export { loadVerificationConfig, verificationEnv, type VerificationConfig } from '../verification.config';
