import type { ServerResponse } from 'node:http';
import type { Readable } from 'node:stream';

/**
 * Streams a body (an object opened in storage) into an HTTP response, as every download route
 * does: the bytes as they come; the source closed when the client goes away; the response cut off,
 * never completed, when the source fails mid-way (the client sees a broken download, not a short
 * file). Resolves once the response is closed, either way. What `stream.pipeline` does, without the
 * AbortController it aborts on every finished response: building that DOMException and its stack
 * was ~4% of a download's CPU in the printing service (V8 profile of bench/self-print-download).
 */
export function sendStream(body: Readable & { readonly size?: number }, res: ServerResponse): Promise<void> {
  // A known length goes out as Content-Length: the client sees its progress and a cut-off download
  // as short, and the body is written as it is, without chunked framing around every piece.
  if (body.size !== undefined && !res.hasHeader('Content-Length')) res.setHeader('Content-Length', String(body.size));
  return new Promise((resolve) => {
    const onSourceError = () => res.destroy();
    res.once('close', () => {
      body.off('error', onSourceError);
      // Closed before the last byte went out: the client left (or the source failed); stop reading.
      if (!res.writableFinished) body.destroy();
      resolve();
    });
    body.once('error', onSourceError);
    body.pipe(res);
  });
}
