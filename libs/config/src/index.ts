export * from './load-config';
export * from './fields';
export * from './environment';
export { z } from 'zod';
