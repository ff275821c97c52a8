export * from './load-config';
export * from './fields';
export { z } from 'zod';
