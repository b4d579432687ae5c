// The CLI segments with the native @node-rs/jieba; the extension with jieba-wasm. Both must give the
// same token sequences with the product's lexicon, or the CLI's counts would differ from the
// dashboard's. Lines of the fixtures always; every line of the corpus when ../shared is present.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LEXICON } from '../../analysis/lexicon';
import { createSegmenter } from '../../analysis/segment';
import { loadNativeJieba, loadNodeJieba } from '../../cli/node-segmenter';

const native = loadNativeJieba();
const wasm = createSegmenter(loadNodeJieba(), { lexicon: DEFAULT_LEXICON });
const nativeSeg = native ? createSegmenter(native, { lexicon: DEFAULT_LEXICON }) : null;

function linesOf(text: string): string[] {
  return text.split('\n').map((l) => l.trim()).filter(Boolean);
}

/** Lines where the two engines disagree, in HMM (cut) and dictionary-only (words) mode. */
function disagreements(lines: readonly string[]): string[] {
  const bad: string[] = [];
  for (const line of lines) {
    if (wasm.cut(line).join('|') !== nativeSeg!.cut(line).join('|')) bad.push(`cut: ${line.slice(0, 60)}`);
    if ((wasm.words?.(line) ?? []).join('|') !== (nativeSeg!.words?.(line) ?? []).join('|')) bad.push(`words: ${line.slice(0, 60)}`);
  }
  return bad;
}

const FIXTURE = join(__dirname, '../fixtures/corpus/national-reports.jsonl');
const CORPUS = join(__dirname, '../../../shared/corpus');
const hasShared = existsSync(CORPUS);
if (!hasShared) console.warn(`[segmenter-parity] ${CORPUS} not found: full-corpus comparison skipped`);

describe.skipIf(!native)('@node-rs/jieba gives jieba-wasm\'s tokens with the product lexicon', () => {
  it('on the fixture reports', () => {
    const lines = readFileSync(FIXTURE, 'utf8').split('\n').filter(Boolean).flatMap((l) => linesOf(String((JSON.parse(l) as { content: string }).content)));
    expect(lines.length).toBeGreaterThan(100);
    expect(disagreements(lines)).toEqual([]);
  });

  it('on lexicon terms written inside running text (the added words win in both)', () => {
    const lines = DEFAULT_LEXICON.slice(0, 200).map((e) => `我们要坚持${e.term}不动摇，深入推进${e.aliases[0] ?? e.term}工作。`);
    expect(disagreements(lines)).toEqual([]);
  });

  it.skipIf(!hasShared)('on every line of the corpus (../shared)', () => {
    const lines: string[] = [];
    for (const dir of readdirSync(CORPUS, { withFileTypes: true }).filter((d) => d.isDirectory())) {
      for (const f of readdirSync(join(CORPUS, dir.name))) {
        const text = readFileSync(join(CORPUS, dir.name, f), 'utf8');
        if (f.endsWith('.jsonl')) for (const l of text.split('\n').filter(Boolean)) lines.push(...linesOf(((j: { content?: string; text?: string }) => String(j.content ?? j.text ?? ''))(JSON.parse(l) as object)));
        else if (f.endsWith('.txt')) lines.push(...linesOf(text));
      }
    }
    expect(disagreements(lines)).toEqual([]);
  }, 300_000);
});
