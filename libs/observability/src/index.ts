export * from './redaction';
export * from './tracing';
export * from './logger';
export * from './http-tracing';
export * from './access-path';
export * from './metrics-registry';
export * from './platform-metrics';
export * from './request-target';
