export * from './object-storage.port';
export * from './minio-object-storage';
export * from './spool';
export * from './storage-config';
export * from './local-s3-server';
export * from './testing/test-s3';
export * from './s3-object-reader';
