import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { NextFunction, Request, RequestHandler, Response } from 'express';

const IMMUTABLE = 'public, max-age=31536000, immutable';
const TYPES: Record<string, string> = { '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8' };

/** Paths the SPA never answers: the service's own routes and anything with a file extension. */
const NOT_A_PAGE = /^\/(health|metrics)(\/|$)|\.[A-Za-z0-9]+$/;

/**
 * The built web app: hashed files under /assets are immutable (a new build has new names), and
 * index.html, the SPA's answer for every page path (history routing), is revalidated each time so a
 * deployment reaches browsers at once.
 */
export async function staticAssets(dir: string, oidcIssuer: string): Promise<RequestHandler[]> {
  const indexFile = path.join(dir, 'index.html');
  if (!existsSync(indexFile)) throw new Error(`web assets not built: ${indexFile} is missing (npm run build)`);
  const index = readFileSync(indexFile);
  const indexGzip = gzipSync(index, { level: 9 });
  const csp = contentSecurityPolicy(JSON.parse(readFileSync(path.join(dir, 'inline-hashes.json'), 'utf8')), oidcIssuer);
  const express = await import('express');
  // Rooted at the build directory; only /assets/ paths reach it (index.html is answered below).
  const assets = express.static(dir, {
    index: false,
    fallthrough: true,
    setHeaders: (res) => {
      res.setHeader('Cache-Control', IMMUTABLE);
      res.setHeader('Vary', 'Accept-Encoding');
    },
  });
  const spa = (req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || NOT_A_PAGE.test(req.path)) return next();
    res.status(200);
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    res.setHeader('Cache-Control', 'no-cache');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('Content-Security-Policy', csp);
    res.setHeader('X-Frame-Options', 'DENY');
    // The phone camera is a source for scans; nothing else is asked for.
    res.setHeader('Permissions-Policy', 'camera=(self), microphone=(), geolocation=()');
    res.setHeader('Vary', 'Accept-Encoding');
    const gzip = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
    if (gzip) res.setHeader('Content-Encoding', 'gzip');
    res.end(req.method === 'HEAD' ? undefined : gzip ? indexGzip : index);
  };
  const assetRoot = path.join(dir, 'assets');
  // The build wrote file.js.gz beside file.js: a browser that takes gzip gets it (slow mobile data).
  const gzipped = (req: Request, res: Response, next: NextFunction) => {
    const type = TYPES[path.extname(req.path)];
    const file = path.join(dir, path.normalize(req.path));
    if (!type || !/\bgzip\b/.test(String(req.headers['accept-encoding'] ?? '')) || !file.startsWith(assetRoot) || !existsSync(`${file}.gz`))
      return next();
    res.setHeader('Content-Type', type);
    res.setHeader('Content-Encoding', 'gzip');
    res.setHeader('Vary', 'Accept-Encoding');
    res.setHeader('Cache-Control', IMMUTABLE);
    res.sendFile(`${file}.gz`, { headers: { 'Content-Type': type } });
  };
  return [(req, res, next) => (req.path.startsWith('/assets/') ? gzipped(req, res, () => assets(req, res, next)) : next()), spa];
}

/**
 * The app's pages run only their own code: scripts and styles from this origin plus the two inline
 * ones by hash; API calls to this origin and the OIDC provider (its token endpoint); scans shown
 * from this origin or as blobs (image and PDF viewers, the camera); never framed.
 */
export function contentSecurityPolicy(inline: { script: string; style: string }, oidcIssuer: string): string {
  const issuerOrigin = new URL(oidcIssuer).origin;
  return [
    "default-src 'self'",
    `script-src 'self' ${inline.script}`,
    `style-src 'self' ${inline.style}`,
    "img-src 'self' data: blob:",
    "media-src 'self' blob:",
    `connect-src 'self'${issuerOrigin === 'null' ? '' : ` ${issuerOrigin}`}`,
    "frame-src 'self' blob:",
    "object-src 'self' blob:",
    "worker-src 'self' blob:",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}
