import { describe, expect, it } from 'vitest';
import { acceptedLanguage, requestLanguage } from '../../src/http/language.js';

describe("a request's language", () => {
  it.each([
    ['bg', 'bg'],
    ['bg-BG,bg;q=0.9,en-US;q=0.8,en;q=0.7', 'bg'],
    ['en-GB,en;q=0.9,bg;q=0.8', 'en'],
    ['fr-FR, bg;q=0.3', 'bg'],
    ['EN;q=0.5, BG-bg;q=0.6', 'bg'],
    ['en;q=0.8, bg;q=0.8', 'en'],
    ['bg;q=0, en;q=0.1', 'en'],
    ['bg;q=0', null],
    ['fr, de;q=0.8, *;q=0.5', null],
    ['*', null],
    ['', null],
    ['bg;q=abc', null],
  ])('Accept-Language %j prefers %j of ours', (header, lang) => {
    expect(acceptedLanguage(header)).toBe(lang);
  });

  it('theLangItNamesComesBeforeItsAcceptLanguageWhichComesBeforeTheBoxsDefault', () => {
    expect(requestLanguage(['en', 'bg'], 'bg', 'bg')).toBe('en');
    expect(requestLanguage([undefined, 'bg'], 'en', 'en')).toBe('bg');
    expect(requestLanguage(['fr', undefined], 'bg-BG', 'en')).toBe('bg');
    expect(requestLanguage([undefined], undefined, 'bg')).toBe('bg');
  });
});
