export * from './merkle/merkle-hash';
