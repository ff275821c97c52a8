export * from './api-error';
export * from './api-exception.filter';
export * from './health';
export * from './zod-indonesian';
export * from './zod-validation.pipe';
export * from './zod-openapi';
export * from './service-bootstrap';
export * from './retry-until-up';
