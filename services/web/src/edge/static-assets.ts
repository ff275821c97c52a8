import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { NextFunction, Request, RequestHandler, Response } from 'express';

/** Paths the SPA never answers: the service's own routes and anything with a file extension. */
const NOT_A_PAGE = /^\/(health|metrics)(\/|$)|\.[A-Za-z0-9]+$/;

/**
 * The built web app: hashed files under /assets are immutable (a new build has new names), and
 * index.html, the SPA's answer for every page path (history routing), is revalidated each time so a
 * deployment reaches browsers at once.
 */
export async function staticAssets(dir: string): Promise<RequestHandler[]> {
  const indexFile = path.join(dir, 'index.html');
  if (!existsSync(indexFile)) throw new Error(`web assets not built: ${indexFile} is missing (npm run build)`);
  const index = readFileSync(indexFile);
  const express = await import('express');
  // Rooted at the build directory; only /assets/ paths reach it (index.html is answered below).
  const assets = express.static(dir, {
    index: false,
    fallthrough: true,
    setHeaders: (res) => res.setHeader('Cache-Control', 'public, max-age=31536000, immutable'),
  });
  const spa = (req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || NOT_A_PAGE.test(req.path)) return next();
    res.status(200);
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    res.setHeader('Cache-Control', 'no-cache');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.end(req.method === 'HEAD' ? undefined : index);
  };
  return [(req, res, next) => (req.path.startsWith('/assets/') ? assets(req, res, next) : next()), spa];
}
