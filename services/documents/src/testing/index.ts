// The documents service's testing entry (`@adminduk/documents/testing`): the one way other packages' tests
// reach this service (its app, fixtures and a test token issuer).
export { createDocumentsApp, type DocumentsApp } from '../documents-app';
export { documentsConfigFromEnv, documentsEnvSchema, type DocumentsConfig } from '../documents.config';
export * from './fixtures';
export { startTestIssuer, type TestIssuer } from './test-issuer';
