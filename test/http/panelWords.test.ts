import { describe, expect, it } from 'vitest';
import EN from '../../src/http/panel/words-en.js';
import BG from '../../src/http/panel/words-bg.js';

const placeholders = (text: string): string[] => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();

describe("the panel's two dictionaries", () => {
  it('sayTheSameKeysWithTheSamePlaceholders', () => {
    expect(Object.keys(BG).sort()).toEqual(Object.keys(EN).sort());
    const differing = Object.keys(EN).filter((key) => placeholders(EN[key]!).join() !== placeholders(BG[key] ?? '').join());
    expect(differing).toEqual([]);
  });
});
