/**
 * Bulgarian Cyrillic → Latin by the official Streamlined System (Transliteration Act, 2009), so a
 * Bulgarian reply fits GSM 7-bit (160 characters) instead of UCS2 (70). Carrier answers that
 * arrive in Cyrillic pass through the same rule.
 */
const MAP: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ж: 'zh', з: 'z', и: 'i', й: 'y', к: 'k', л: 'l',
  м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'h', ц: 'ts', ч: 'ch',
  ш: 'sh', щ: 'sht', ъ: 'a', ь: 'y', ю: 'yu', я: 'ya',
};

export function transliterate(text: string): string {
  // The law's one exception: word-final "ия" is "ia" (София → Sofia).
  return text
    .replace(/ия(?=$|[^а-яА-Я])/g, 'ia')
    .replace(/ИЯ(?=$|[^а-яА-Я])/g, 'IA')
    .replace(/[а-яА-Я]/g, (ch) => {
      const lower = ch.toLowerCase();
      const latin = MAP[lower] ?? ch;
      if (ch === lower) return latin;
      return latin.charAt(0).toUpperCase() + latin.slice(1);
    });
}

/**
 * A text as it goes out by SMS under the reply script the owner chose: Bulgarian transliterated to
 * GSM 7-bit letters, unless Cyrillic (UCS2, half the room) was chosen. Every sender of a reply or a
 * notice goes through here.
 */
export function inReplyScript(text: string, script: 'latin' | 'cyrillic'): string {
  return script === 'latin' ? transliterate(text) : text;
}
