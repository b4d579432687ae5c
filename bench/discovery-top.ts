// Top discovered phrases of a CLI run, per kind, for judging precision by hand:
//   npx tsx bench/discovery-top.ts <out dir> [n] [corpus label]
// Reads slogans.csv (one row per document and phrase) and prints, per kind (quoted, numbered,
// recurring), the n phrases in the most documents (then most occurrences), as TSV:
// phrase, kind, corpus, docs, count. Quoted and numbered phrases in the order the dashboard's
// Formulations table and a pivot of slogans.csv by documents show; recurring phrases in the order of
// their ranking (recurring.csv), as the Formulations list shows them when the kind is chosen.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const [dir, nArg, label] = process.argv.slice(2);
if (!dir) {
  console.error('usage: tsx bench/discovery-top.ts <out dir> [n] [corpus label]');
  process.exit(2);
}
const n = Number(nArg ?? 60);
const lines = readFileSync(join(dir, 'slogans.csv'), 'utf8').replace(/^\uFEFF/, '').split(/\r?\n/).filter(Boolean);
const head = lines[0]!.split(',');
const iSlogan = head.indexOf('slogan');
const iKind = head.indexOf('kind');
const iCount = head.indexOf('count');
const acc = new Map<string, { kind: string; docs: number; count: number }>();
for (const line of lines.slice(1)) {
  // Slogans never hold commas or quotes (quoted phrases with sentence punctuation are dropped).
  const f = line.split(',');
  const key = `${f[iKind]}\t${f[iSlogan]}`;
  const e = acc.get(key) ?? { kind: f[iKind]!, docs: 0, count: 0 };
  e.docs++;
  e.count += Number(f[iCount]);
  acc.set(key, e);
}
const rankFile = join(dir, 'recurring.csv');
const rankOf = new Map<string, number>();
if (existsSync(rankFile)) {
  for (const line of readFileSync(rankFile, 'utf8').replace(/^\uFEFF/, '').split(/\r?\n/).slice(1).filter(Boolean)) {
    const [rank, phrase] = line.split(',');
    rankOf.set(`recurring\t${phrase}`, Number(rank));
  }
}
for (const kind of ['quoted', 'numbered', 'recurring']) {
  const rows = [...acc]
    .filter(([, e]) => e.kind === kind)
    .sort((a, b) => (rankOf.get(a[0]) ?? Infinity) - (rankOf.get(b[0]) ?? Infinity) || b[1].docs - a[1].docs || b[1].count - a[1].count || (a[0] < b[0] ? -1 : 1));
  for (const [key, e] of rows.slice(0, n)) console.log(`${key.split('\t')[1]}\t${kind}\t${label ?? dir}\t${e.docs}\t${e.count}`);
}
