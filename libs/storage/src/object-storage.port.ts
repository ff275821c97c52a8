import type { Readable } from 'node:stream';

/** An object's bytes as they arrive, and their number when the server said it (Content-Length). */
export type ObjectBody = Readable & { readonly size?: number };

/**
 * Object storage as the platform needs it: one private bucket per deployment, keys chosen by the
 * caller. Adapters must never buffer a whole object in memory.
 */
export interface PutObjectOptions {
  /** Known byte length. When absent the adapter spools the stream to local disk first. */
  size?: number;
  /** Hex SHA-256 of the bytes, when the caller already knows it (lets the adapter sign the payload). */
  sha256Hex?: string;
  contentType?: string;
  /** User metadata (x-amz-meta-*). Never personal data: ids, types, hashes only. */
  metadata?: Record<string, string>;
}

/** A file on local disk with its byte count and hex SHA-256 (what `spoolToDisk` returns). */
export interface LocalFile {
  path: string;
  size: number;
  sha256Hex: string;
}

export interface PutObjectResult {
  key: string;
  size: number;
  /** Hex SHA-256 of exactly the bytes stored, computed while streaming. */
  sha256Hex: string;
  etag: string;
}

export interface ObjectInfo {
  key: string;
  size: number;
  lastModified: Date;
  etag: string;
  contentType?: string;
  metadata: Record<string, string>;
}

export interface ListedObject {
  key: string;
  size: number;
  lastModified: Date;
}

export interface ObjectStorage {
  readonly bucket: string;
  /** Creates the bucket if missing; safe to call at every start and from several replicas at once. */
  ensureBucket(): Promise<void>;
  /**
   * Stores the stream under `key`. If the stream errors (too large, wrong type, client gone) the
   * promise rejects and no object exists afterwards: S3 PUTs are all-or-nothing.
   */
  putObject(key: string, body: Readable, options?: PutObjectOptions): Promise<PutObjectResult>;
  /**
   * Stores a local file already spooled (and, e.g., checked) by the caller: `spoolToDisk` then
   * `putFile` is `putObject` with a step in between. The file is left in place for the caller.
   */
  putFile(key: string, file: LocalFile, options?: Omit<PutObjectOptions, 'size' | 'sha256Hex'>): Promise<PutObjectResult>;
  /** The object's bytes as a stream, with its length; rejects with ObjectNotFoundError when absent. */
  getObject(key: string): Promise<ObjectBody>;
  /** Size, time, type and metadata; null when absent. */
  statObject(key: string): Promise<ObjectInfo | null>;
  /** Idempotent: removing a missing key succeeds. */
  removeObject(key: string): Promise<void>;
  /** Every object whose key starts with `prefix` (recursive), with its last-modified time. */
  listObjects(prefix: string): Promise<ListedObject[]>;
  /** Cheap reachability check for /health/ready. */
  ping(): Promise<boolean>;
}

export class ObjectNotFoundError extends Error {
  override readonly name = 'ObjectNotFoundError';
  constructor(readonly key: string) {
    super(`Object not found: ${key}`);
  }
}

export const OBJECT_STORAGE = Symbol('OBJECT_STORAGE');
