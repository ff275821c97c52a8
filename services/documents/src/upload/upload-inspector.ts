import { Transform, type TransformCallback } from 'node:stream';
import { sniffMediaType, SNIFF_BYTES, type DocumentMediaType } from './media-type';
import { uploadErrors } from './upload-errors';

/**
 * Sits between the request and storage: counts bytes and fails the stream the moment the limit is
 * passed (so the rest is never read), and decides the type from the first bytes. It never holds more
 * than the first SNIFF_BYTES bytes aside; everything else flows straight through.
 */
export class UploadInspector extends Transform {
  bytes = 0;
  mediaType: DocumentMediaType | null = null;
  private head = Buffer.alloc(0);

  constructor(private readonly maxBytes: number) {
    super();
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.bytes += chunk.length;
    if (this.bytes > this.maxBytes) return done(uploadErrors.tooLarge(this.maxBytes));
    if (this.mediaType === null && this.head.length < SNIFF_BYTES) {
      this.head = Buffer.concat([this.head, chunk.subarray(0, SNIFF_BYTES - this.head.length)]);
      if (this.head.length >= SNIFF_BYTES) {
        this.mediaType = sniffMediaType(this.head);
        if (this.mediaType === null) return done(uploadErrors.unsupportedType());
      }
    }
    done(null, chunk);
  }

  override _flush(done: TransformCallback): void {
    if (this.bytes === 0) return done(uploadErrors.empty());
    if (this.mediaType === null) this.mediaType = sniffMediaType(this.head);
    if (this.mediaType === null) return done(uploadErrors.unsupportedType());
    done();
  }
}
