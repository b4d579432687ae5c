// The core test project shares one module cache per worker (vitest.config.ts): a file there that
// replaces a module with vi.mock would see, or leave behind, another file's copy of that module.
// Every such file must be listed in MOCKING, which runs it isolated.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MOCKING, OWN_DICTIONARY } from '../../vitest.config';

const root = join(import.meta.dirname, '../..');
const testFiles = (dir: string): string[] =>
  readdirSync(join(root, dir), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? testFiles(join(dir, e.name)) : /\.test\.tsx?$/.test(e.name) ? [join(dir, e.name)] : [],
  );

describe('the core test project', () => {
  it('runs no file that mocks a module outside the isolated project', () => {
    const mocking = [...testFiles('tests/unit'), ...testFiles('tests/cli')]
      .filter((f) => /\bvi\.(mock|doMock|unmock|resetModules)\(/.test(readFileSync(join(root, f), 'utf8')))
      .map((f) => relative(root, join(root, f)));
    expect(mocking.sort()).toEqual([...MOCKING].sort());
  });
  it('runs no file that builds a second jieba dictionary outside the isolated project', () => {
    const own = [...testFiles('tests/unit'), ...testFiles('tests/cli')]
      .filter((f) => !f.endsWith('test-config.test.ts'))
      .filter((f) => /@node-rs\/jieba|loadNativeJieba|python3/.test(readFileSync(join(root, f), 'utf8')))
      .map((f) => relative(root, join(root, f)));
    expect(own.sort()).toEqual([...OWN_DICTIONARY].sort());
  });
});
