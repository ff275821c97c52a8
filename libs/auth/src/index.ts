export * from './principal';
export * from './scope';
export * from './errors';
export * from './jwt-verifier';
export * from './decorators';
export * from './auth.guard';
export * from './auth.module';
