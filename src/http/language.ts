import type { Language } from '../control/texts.js';

const LANGUAGES: readonly Language[] = ['en', 'bg'];

const isLanguage = (value: unknown): value is Language => typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);

/**
 * The language of the reply a browser asks for in its Accept-Language header (RFC 9110 §12.5.4):
 * the one of ours with the highest weight (`bg-BG` is Bulgarian, `en-GB` English; the first listed
 * wins a tie), or null when it names neither — or only with q=0, which refuses it.
 */
export function acceptedLanguage(header: string | undefined): Language | null {
  let best: { lang: Language; q: number } | null = null;
  for (const entry of (header ?? '').slice(0, 1000).split(',')) {
    const [tag = '', ...params] = entry.split(';').map((part) => part.trim());
    const lang = tag.toLowerCase().split('-')[0];
    if (!isLanguage(lang)) continue;
    const weight = params.find((param) => /^q=/i.test(param));
    const q = weight === undefined ? 1 : Number(weight.slice(2));
    if (Number.isFinite(q) && q > 0 && (best === null || q > best.q)) best = { lang, q };
  }
  return best?.lang ?? null;
}

/**
 * The language a request is answered in: the one it names (`lang`, en or bg; the first given of
 * those passed), else the one its Accept-Language header prefers, else the box's default.
 */
export function requestLanguage(named: readonly unknown[], acceptLanguage: string | undefined, boxDefault: Language): Language {
  return named.find(isLanguage) ?? acceptedLanguage(acceptLanguage) ?? boxDefault;
}

/** The `lang` field's schema, where a request may name its language. */
export const LANG_FIELD = { enum: LANGUAGES } as const;
