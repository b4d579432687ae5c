// Regenerate the metadata expectations of the fixture pages on purpose, after a deliberate change
// to extraction, cleaning or metadata. Prints what would change; writes only with --write.
// The hand-written parts (description, url, mustContain, mustNotContain…) are never touched.
//
//   npx tsx scripts/regen-expectations.ts                 # show differences for every page
//   npx tsx scripts/regen-expectations.ts trs-gov-notice  # one page
//   npx tsx scripts/regen-expectations.ts --write         # accept the current output

import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { extractPage } from '../analysis/extract';
import { buildDocument } from '../analysis/document';

const PAGES = join(import.meta.dirname ?? __dirname, '../tests/fixtures/pages');
const args = process.argv.slice(2);
const write = args.includes('--write');
const only = args.filter((a) => !a.startsWith('--'));

let changed = 0;
for (const slug of readdirSync(PAGES)) {
  if (only.length && !only.includes(slug)) continue;
  const dir = join(PAGES, slug);
  if (!existsSync(join(dir, 'source.html'))) continue;
  const expectedPath = join(dir, 'expected.json');
  const expected = existsSync(expectedPath) ? JSON.parse(readFileSync(expectedPath, 'utf8')) : { description: '', url: `https://example.org/${slug}`, mustContain: [], mustNotContain: [] };
  const { document } = parseHTML(readFileSync(join(dir, 'source.html'), 'utf8'));
  const capture = extractPage(document as unknown as Document, expected.url, new Date(0));
  const { metadata } = buildDocument(capture);
  const current = { ...metadata, docNumber: metadata.docNumber?.text ?? null };
  // Only the fields the expectation already lists are compared (a page may leave some unchecked).
  const keys = expected.metadata ? Object.keys(expected.metadata) : Object.keys(current);
  const next = Object.fromEntries(keys.map((k) => [k, current[k as keyof typeof current]]));
  const before = JSON.stringify(expected.metadata ?? {});
  const after = JSON.stringify(next);
  if (before === after) {
    console.log(`${slug}: unchanged`);
    continue;
  }
  changed++;
  console.log(`${slug}:\n  was ${before}\n  now ${after}`);
  if (write) writeFileSync(expectedPath, `${JSON.stringify({ ...expected, metadata: next }, null, 2)}\n`);
}
console.log(changed ? `${changed} page(s) differ${write ? ' (written)' : ' (run with --write to accept)'}` : 'all expectations match');
