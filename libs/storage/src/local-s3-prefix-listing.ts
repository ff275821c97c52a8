import { readdir } from 'node:fs/promises';
import path from 'node:path';

/** What s3rver's filesystem store offers the listing (its own listObjects' inputs and outputs). */
export interface S3rverFilesystemStore {
  getBucketPath(bucket: string): string;
  getMetadata(bucket: string, key: string): Promise<Record<string, unknown>>;
  listObjects(bucket: string, options: ListOptions): Promise<ListResult>;
}

interface ListOptions {
  delimiter?: string;
  startAfter?: string;
  prefix?: string;
  maxKeys?: number;
  fetchOwner?: boolean;
}

interface ListResult {
  objects: unknown[];
  commonPrefixes: string[];
  isTruncated: boolean;
}

/** s3rver keeps an object as `<folder>/<name>._S3rver_object`, beside its metadata files. */
const OBJECT_SUFFIX = '._S3rver_object';

/**
 * Replaces s3rver's listing by a walk of the prefix's folder only (`kk/<document>/`), asynchronous,
 * in S3's key order, stopping at max-keys. s3rver walks the bucket from its root with a synchronous
 * stat of every entry of every folder on the way, so listing one KK's folder stat'ed every document
 * folder beside it: its cost grew with the bucket, and each call stopped the server for all clients
 * (issue 16's soak: signing lists twice per KK). MinIO lists a prefix from its index.
 * A version 2 listing (the adapter's listObjectsV2) is answered in one page: s3rver's continuation
 * token is DES-encrypted, which Node's OpenSSL 3 refuses, so a truncated one answered 500. Version 1
 * (what HEAD on the bucket, the minio client's bucketExists, runs) keeps its max-keys, 1,000: it needs
 * no token, and a whole bucket listed for every HEAD kept a restarting service unready for minutes.
 */
export function replaceS3rverListing(
  store: S3rverFilesystemStore,
  objectOf: (bucket: string, key: string, metadata: unknown) => unknown,
): void {
  if (path.sep !== '/') return; // s3rver encodes keys into Windows paths; keep its own walk there
  store.listObjects = async (bucket, options) => {
    const prefix = options.prefix ?? '';
    const folder = prefix.slice(0, prefix.lastIndexOf('/') + 1);
    const { delimiter = '', startAfter = '' } = options;
    // s3rver sets fetchOwner for every version 1 listing, from the query's fetch-owner for version 2.
    const maxKeys = options.fetchOwner === true ? (options.maxKeys ?? Infinity) : Infinity;
    const commonPrefixes = new Set<string>();
    const listed: string[] = [];
    let isTruncated = false;
    for await (const key of objectKeysInOrder(store.getBucketPath(bucket), folder, prefix)) {
      if (key <= startAfter) continue;
      const cut = delimiter ? key.indexOf(delimiter, prefix.length) : -1;
      if (cut !== -1) {
        commonPrefixes.add(key.slice(0, cut + delimiter.length));
        continue;
      }
      if (listed.length >= maxKeys) {
        isTruncated = true;
        break;
      }
      listed.push(key);
    }
    const metadata = await Promise.all(listed.map((key) => store.getMetadata(bucket, key).catch(() => undefined)));
    return {
      objects: listed.flatMap((key, i) => (metadata[i] === undefined ? [] : [objectOf(bucket, key, metadata[i])])),
      commonPrefixes: [...commonPrefixes].sort(),
      isTruncated,
    };
  };
}

/**
 * The object keys starting with `prefix` in `folder` (ending in '/', the prefix's own) and the folders
 * below it, in S3's order (a folder sorts as its name and '/'), read one folder at a time.
 */
async function* objectKeysInOrder(bucketPath: string, folder: string, prefix: string): AsyncGenerator<string> {
  let entries;
  try {
    entries = await readdir(path.join(bucketPath, folder), { withFileTypes: true });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT' || (e as NodeJS.ErrnoException).code === 'ENOTDIR') return;
    throw e;
  }
  const children = entries
    .map((entry) =>
      entry.isDirectory()
        ? { key: `${folder}${entry.name}/`, folder: true }
        : { key: folder + entry.name.slice(0, -OBJECT_SUFFIX.length), folder: false, object: entry.name.endsWith(OBJECT_SUFFIX) },
    )
    // `folder` is the prefix's own, so a folder below it is listed only when its key carries the prefix.
    .filter((c) => c.key.startsWith(prefix) && (c.folder || c.object))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  for (const child of children) {
    if (child.folder) yield* objectKeysInOrder(bucketPath, child.key, prefix);
    else yield child.key;
  }
}
