// Privacy checks: which requests leave the machine, and which remote addresses the built code names.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { BrowserContext, Request } from 'playwright-core';

/** Hosts of the local fixture server. */
const LOCAL_HOSTS: ReadonlySet<string> = new Set(['127.0.0.1', 'localhost', '[::1]']);
/** Schemes that never leave the browser (chrome: serves a browser page's own resources, e.g. chrome://version/). */
const LOCAL_SCHEMES: ReadonlySet<string> = new Set(['chrome-extension:', 'chrome:', 'data:', 'blob:', 'about:']);

/** True when a request to `url` stays on this machine (the fixture server or the browser itself). */
export function isLocalUrl(url: string): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (LOCAL_SCHEMES.has(u.protocol)) return true;
  return (u.protocol === 'http:' || u.protocol === 'https:' || u.protocol === 'ws:') && LOCAL_HOSTS.has(u.hostname);
}

export interface RequestLog {
  /** Every request seen, from pages, frames and service workers (the extension's included). */
  all: string[];
  /** Those that would leave the machine, with who made them. */
  remote: string[];
}

function origin(r: Request): string {
  try {
    return r.frame().url() || '(frame)';
  } catch {
    // A service worker's request has no frame.
    return r.serviceWorker()?.url() ?? '(unknown)';
  }
}

/**
 * Record every request the browser context makes: pages, frames and service workers (Playwright
 * reports a worker's fetches on the context, the extension's worker included).
 */
export function recordRequests(context: BrowserContext): RequestLog {
  const log: RequestLog = { all: [], remote: [] };
  context.on('request', (r) => {
    const url = r.url();
    log.all.push(url);
    if (!isLocalUrl(url)) log.remote.push(`${url} (from ${origin(r)})`);
  });
  return log;
}

// ---- The built bundle ----

/**
 * Hosts that appear in the built code as text but are never requested, each with where it comes from.
 * Exact hosts only; the scan below also fails if any URL of these hosts sits in a request-making call.
 */
export const REFERENCE_ONLY_HOSTS: ReadonlyMap<string, string> = new Map([
  ['www.w3.org', 'XML namespace names (SVG, MathML, XHTML) that Preact passes to createElementNS'],
  ['tinyurl.com', 'text of Dexie\u2019s MissingAPI error message'],
  ['bit.ly', 'text of Dexie\u2019s PrematureCommit error message'],
  // The import worker (pdf.js, mammoth with JSZip):
  ['example.com', 'pdf.js: a base for telling whether a string is a relative URL (new URL(s, base)), never fetched'],
  ['foo.bar', 'pdf.js: a base for parsing a link target of a PDF (new URL(s, base)), never fetched'],
  ['www.xfa.org', 'pdf.js: XML namespace names of XFA forms'],
  ['ns.adobe.com', 'pdf.js: XML namespace names of XDP/XFDF'],
  ['schemas.openxmlformats.org', 'mammoth: WordprocessingML namespace names'],
  ['purl.oclc.org', 'mammoth: strict OOXML namespace names'],
  ['schemas.microsoft.com', 'mammoth: Word 2010 namespace names'],
  ['schemas.zwobble.org', 'mammoth: the namespace name of its style-map part'],
  ['stuartk.com', 'JSZip\u2019s licence comment'],
  ['raw.github.com', 'JSZip\u2019s licence comment'],
  ['github.com', 'JSZip\u2019s licence comment (pako\u2019s licence)'],
  ['stuk.github.io', 'text of a JSZip error message'],
  // The background reads fetched attachments (pdf.js, mammoth): their CommonJS modules share a chunk.
  ['rolldown.rs', 'text of the bundler\u2019s error for a `require` of a module not bundled (rolldown runtime chunk)'],
]);

/** Built files that hold code or markup (the sample corpus is data: document addresses, never fetched). */
const CODE_FILE = /\.(?:js|mjs|html|css|wasm)$/;
const REMOTE_URL = /\bhttps?:\/\/[A-Za-z0-9.-]+(?::\d+)?[^\s"'`)<>]*/g;
/** Ways built code could request a literal remote address. */
const REQUEST_PATTERNS: readonly RegExp[] = [
  /\b(?:fetch|importScripts|sendBeacon|import|EventSource|WebSocket|Worker|SharedWorker)\s*\(\s*[`'"]https?:\/\//,
  /\.open\s*\(\s*[`'"][A-Za-z]+[`'"]\s*,\s*[`'"]https?:\/\//, // XMLHttpRequest#open(method, url)
  /\b(?:src|href|action|poster|data)\s*=\s*[`'"]?https?:\/\//i, // markup, and element properties set from strings
  /\burl\(\s*[`'"]?https?:\/\//i, // CSS
  /\b(?:src|href)\s*:\s*[`'"]https?:\/\//, // attributes written as object keys (JSX)
];

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
}

export interface BundleScan {
  files: number;
  /** host → files naming it */
  hosts: Map<string, Set<string>>;
  /** "file: excerpt" of each request-making call with a remote literal */
  requests: string[];
}

export function scanBundle(dir: string): BundleScan {
  const scan: BundleScan = { files: 0, hosts: new Map(), requests: [] };
  for (const file of walk(dir).filter((f) => CODE_FILE.test(f))) {
    scan.files++;
    // latin1 keeps every byte: a URL inside the WebAssembly binary is found too.
    const text = readFileSync(file, file.endsWith('.wasm') ? 'latin1' : 'utf8');
    const name = relative(dir, file);
    for (const m of text.matchAll(REMOTE_URL)) {
      const host = new URL(m[0]).hostname;
      if (!scan.hosts.has(host)) scan.hosts.set(host, new Set());
      scan.hosts.get(host)!.add(name);
      const context = text.slice(Math.max(0, m.index - 60), m.index) + m[0];
      if (REQUEST_PATTERNS.some((p) => p.test(context))) scan.requests.push(`${name}: …${context}`);
    }
  }
  return scan;
}
