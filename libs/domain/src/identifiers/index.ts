export * from './identifier-result';
export * from './jenis-kelamin';
export * from './nik';
export * from './no-kk';
export * from './wilayah';
export { regionPrefixWarnings } from './region-warnings';
