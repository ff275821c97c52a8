// The gateway's testing entry (`@adminduk/gateway/testing`): the whole platform in one process, its API
// client and request fixtures, for other packages' end-to-end tests.
export { ApiClient, type ApiResponse } from './api-client';
export { everyServiceUrl, startInProcessPlatform, type InProcessPlatform, type PlatformOptions } from './in-process-platform';
export { counterSubmission, onlineSubmission } from './submission-fixture';
