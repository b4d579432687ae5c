// A tiny static server on 127.0.0.1 (random port) for fixture pages. Nothing leaves the machine.
import { createServer, type ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import type { AddressInfo } from 'node:net';

export interface FixtureServer {
  /** http://127.0.0.1:<port> */
  origin: string;
  url(path: string): string;
  close(): Promise<void>;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.pdf': 'application/pdf',
};

/**
 * Serve the files under `root` (source.html, …), plus `routes`: path → HTML text, for pages a test
 * writes inline (an empty page). Paths outside `root` are refused.
 */
export async function serveFixtures(root: string, routes: Record<string, string> = {}): Promise<FixtureServer> {
  const base = normalize(root + sep);
  const server = createServer((req, res) => {
    void answer(req.url ?? '/', res).catch(() => res.writeHead(400).end());
  });
  async function answer(url: string, res: ServerResponse): Promise<void> {
    const path = decodeURIComponent(new URL(url, 'http://x').pathname);
    if (Object.prototype.hasOwnProperty.call(routes, path)) {
      res.writeHead(200, { 'content-type': CONTENT_TYPES['.html']! }).end(routes[path]);
      return;
    }
    const file = normalize(join(base, path));
    if (!file.startsWith(base)) {
      res.writeHead(403).end();
      return;
    }
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  }
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', ok);
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    url: (path) => origin + (path.startsWith('/') ? path : `/${path}`),
    close: () =>
      new Promise<void>((ok) => {
        server.close(() => ok());
        // A browser keeps connections open (Chromium's PDF viewer holds one for range requests):
        // without this, close waits for them to time out.
        server.closeAllConnections();
      }),
  };
}
