import { readFileSync } from 'node:fs';
import path from 'node:path';
import { zipSync, strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { sniffFormat, zipEntryNames, type FileFormat } from '../../analysis/files/sniff';

const FIXTURES = path.join(import.meta.dirname, '../fixtures/files');
const fixture = (name: string) => new Uint8Array(readFileSync(path.join(FIXTURES, name)));
const text = (s: string) => strToU8(s);

const CASES: [label: string, bytes: Uint8Array, name: string, expected: FileFormat][] = [
  ['a PDF', fixture('two-pages.pdf'), 'a.pdf', 'pdf'],
  ['a PDF without an extension', fixture('two-pages.pdf'), 'download', 'pdf'],
  ['a PDF with junk before its header', new Uint8Array([...text('\r\n\r\n'), ...fixture('scan.pdf')]), 'x.pdf', 'pdf'],
  ['a DOCX', fixture('notice.docx'), 'n.docx', 'docx'],
  ['a DOCX named .zip', fixture('notice.docx'), 'n.zip', 'docx'],
  ['a ZIP that is not Word (xlsx)', zipSync({ 'xl/workbook.xml': text('<workbook/>') }), 'a.xlsx', 'unknown'],
  ['a .doc', fixture('old-word.doc'), 'a.doc', 'doc'],
  ['a .doc renamed .docx', fixture('old-word.doc'), 'a.docx', 'doc'],
  ['a .wps', fixture('old-word.doc'), 'a.wps', 'wps'],
  ['an OLE file that is not Word (xls)', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), 'a.xls', 'unknown'],
  ['a saved page', text('<!DOCTYPE html><html><body>正文</body></html>'), 'page', 'html'],
  ['a page starting with a comment', text('<!-- saved --><html lang="zh">'), 'p.txt', 'html'],
  ['a .shtml page', text('<div>正文</div>'), 'p.shtml', 'html'],
  ['a text file', text('关于印发工作要点的通知'), 'a.txt', 'txt'],
  ['a text file without an extension', text('关于印发工作要点的通知'), 'README', 'txt'],
  ['a jsonl file', text('{"text":"正文"}\n'), 'a.jsonl', 'jsonl'],
  ['a PNG', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), 'a.png', 'unknown'],
  ['binary data named .txt', new Uint8Array([1, 2, 0, 4, 0, 0]), 'a.txt', 'unknown'],
  ['an empty file', new Uint8Array(), 'a.txt', 'txt'],
  ['a Markdown file', text('# 标题'), 'a.md', 'unknown'],
];

describe('sniffFormat', () => {
  it.each(CASES)('%s', (_label, bytes, name, expected) => {
    expect(sniffFormat(bytes, name)).toBe(expected);
  });
});

describe('zipEntryNames', () => {
  it('lists the entries of an archive from its central directory', () => {
    expect(zipEntryNames(fixture('notice.docx')).sort()).toEqual(['[Content_Types].xml', '_rels/.rels', 'word/_rels/document.xml.rels', 'word/document.xml', 'word/styles.xml']);
    expect(zipEntryNames(text('PK\x03\x04 truncated'))).toEqual([]);
  });
});
