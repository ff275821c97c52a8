export * from './self-print-key';
export * from './self-print-token';
export * from './self-print-config';
export * from './link-token-verifier';
export * from './complaint-tracking-code';
