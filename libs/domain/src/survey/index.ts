export * from './ikm';
export * from './survey';
