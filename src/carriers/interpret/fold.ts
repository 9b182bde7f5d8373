/**
 * Folds a word to the form the lexicon is written in: lower case, Latin letters, no accents.
 * Cyrillic is transliterated (one table for Bulgarian, Russian and Ukrainian), so "наличност" and
 * the "nalichnost" carriers send in GSM 7-bit read the same.
 */
const CYRILLIC: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', ґ: 'g', д: 'd', е: 'e', ё: 'e', є: 'ye', ж: 'zh', з: 'z', и: 'i',
  і: 'i', ї: 'yi', й: 'y', к: 'k', л: 'l', м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't',
  у: 'u', ф: 'f', х: 'h', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'sht', ъ: 'a', ы: 'y', ь: '', э: 'e',
  ю: 'yu', я: 'ya',
};

/** Latin letters that NFKD does not take apart. */
const LATIN: Record<string, string> = { ł: 'l', ø: 'o', ß: 'ss', đ: 'd', ı: 'i', æ: 'ae', œ: 'oe', þ: 'th' };

/**
 * Capital Latin letters that look like Cyrillic ones: some modems print Russian answers in them
 * ("OCTATOK 0.51 p." is "ОСТАТОК 0.51 р."). Read as the Cyrillic letter they stand for.
 */
const LOOKALIKE: Record<string, string> = { A: 'a', B: 'v', C: 's', E: 'e', H: 'n', K: 'k', M: 'm', O: 'o', P: 'r', T: 't', X: 'h', Y: 'u' };

export function fold(word: string): string {
  let out = '';
  for (const ch of word.toLowerCase()) out += CYRILLIC[ch] ?? ch;
  out = out.normalize('NFKD').replace(/\p{M}/gu, '');
  let latin = '';
  for (const ch of out) latin += LATIN[ch] ?? ch;
  return latin;
}

/** The Cyrillic reading of an all-capitals word made only of look-alike letters, or null. */
export function lookalikeFold(word: string): string | null {
  if (word.length < 4) return null;
  let out = '';
  for (const ch of word) {
    const mapped = LOOKALIKE[ch];
    if (mapped === undefined) return null;
    out += mapped;
  }
  return out;
}
