// Small pure parts of the CLI: progress drawing, id scheme, user lexicon lines.
import { describe, expect, it } from 'vitest';
import { userLexicon } from '../../cli/engine';
import { docIdFor, parseLexiconLines } from '../../cli/analyze';
import { createProgress } from '../../cli/progress';

function fakeStream() {
  const chunks: string[] = [];
  return { chunks, stream: { write: (s: string) => (chunks.push(s), true) } as unknown as NodeJS.WritableStream };
}

describe('createProgress', () => {
  it('writes nothing but logged lines when not live (pipe, file, --quiet)', () => {
    const { chunks, stream } = fakeStream();
    const p = createProgress({ totalFiles: 3, live: false, stream });
    p.update(1, 5);
    p.stage('writing');
    p.log('warning: x');
    p.done(5);
    expect(chunks).toEqual(['warning: x\n']);
  });

  it('draws N/M files and docs/s in place, clears before a log line and at the end', () => {
    const { chunks, stream } = fakeStream();
    let t = 0;
    const p = createProgress({ totalFiles: 2, live: true, stream, now: () => t });
    t = 1000;
    p.update(1, 4);
    t = 1050;
    p.update(1, 5); // within the redraw interval: skipped
    p.log('warning: y');
    t = 2000;
    p.update(2, 8); // last file: always drawn
    const { docsPerSecond } = p.done(8);
    expect(docsPerSecond).toBe(4);
    expect(chunks).toEqual([
      '\r\x1b[2K1/2 files, 4 docs, 4.0 docs/s',
      '\r\x1b[2K',
      'warning: y\n',
      '\r\x1b[2K2/2 files, 8 docs, 4.0 docs/s',
      '\r\x1b[2K',
    ]);
  });
});

describe('docIdFor', () => {
  it('is a stable, filename-safe 12-hex hash of the source', () => {
    expect(docIdFor('in/a.jsonl#3')).toBe(docIdFor('in/a.jsonl#3'));
    expect(docIdFor('in/a.jsonl#3')).not.toBe(docIdFor('in/a.jsonl#4'));
    for (const s of ['', '__proto__', '../../etc/passwd', '三亚.txt', 'https://x.gov.cn/a?b=1']) {
      expect(docIdFor(s)).toMatch(/^[0-9a-f]{12}$/);
    }
  });
});

describe('user lexicon lines', () => {
  it('reads term, optional tab + category, and |aliases', () => {
    const entries = parseLexiconLines(['红旗领航\tbrand', '社会事业', '四个以学|“四个以学”\tcampaign', '\t', '  ']);
    expect(entries).toEqual([
      { term: '红旗领航', category: 'brand' },
      { term: '社会事业' },
      { term: '四个以学|“四个以学”', category: 'campaign' },
    ]);
    expect(userLexicon(entries)).toEqual([
      { term: '红旗领航', category: 'brand', aliases: [] },
      { term: '社会事业', category: '', aliases: [] },
      { term: '四个以学', category: 'campaign', aliases: ['“四个以学”'] },
    ]);
  });
});
