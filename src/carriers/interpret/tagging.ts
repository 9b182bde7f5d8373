import { LEXICON, type Concept } from './lexicon.js';
import { PhraseTable } from './phrases.js';
import type { Item } from './scan.js';
import type { CarrierPhrases } from './interpret.js';

export type ProfileTag = 'p:success' | 'p:rejected' | 'p:attempts' | 'p:unavailable';
export type Tag = Concept | ProfileTag;

function buildTable(phrases: CarrierPhrases | undefined): PhraseTable<Tag> {
  const table = new PhraseTable<Tag>();
  for (const [concept, list] of Object.entries(LEXICON) as Array<[Concept, string[]]>) for (const phrase of list) table.add(phrase, concept);
  if (phrases) {
    const extra: Array<[string[] | undefined, Tag]> = [
      [phrases.success, 'p:success'], [phrases.rejected, 'p:rejected'], [phrases.attemptsExceeded, 'p:attempts'],
      [phrases.unavailable, 'p:unavailable'], [phrases.balance, 'balance'], [phrases.added, 'added'], [phrases.validity, 'validity'],
    ];
    for (const [list, tag] of extra) for (const phrase of list ?? []) table.add(phrase, tag);
  }
  return table;
}

const GENERIC = buildTable(undefined);
const withPhrases = new WeakMap<CarrierPhrases, PhraseTable<Tag>>();

export function tableFor(phrases: CarrierPhrases | undefined): PhraseTable<Tag> {
  if (!phrases) return GENERIC;
  let table = withPhrases.get(phrases);
  if (!table) withPhrases.set(phrases, (table = buildTable(phrases)));
  return table;
}

/** Tags each run of words with the phrases found in it (on the phrase's first word). */
export function tagWords(items: Item[], table: PhraseTable<Tag>): Array<Set<Tag> | undefined> {
  const tags: Array<Set<Tag> | undefined> = new Array(items.length);
  let run: number[] = [];
  const flush = (): void => {
    const forms = run.map((index) => {
      const token = (items[index] as Extract<Item, { t: 'word' }>).token;
      return token.alt ? [token.norm, token.alt] : [token.norm];
    });
    for (let k = 0; k < forms.length; ) {
      const match = table.longestAt(forms, k);
      if (match.length === 0) {
        k++;
        continue;
      }
      tags[run[k]!] = new Set(match.values);
      k += match.length;
    }
    run = [];
  };
  items.forEach((item, index) => {
    if (item.t === 'word') run.push(index);
    else flush();
  });
  flush();
  return tags;
}
