export * from './templates/masking';
export * from './templates/html';
export * from './templates/service-office';
export * from './templates/template-input';
export * from './templates/templates';
