import { fold } from './fold.js';

interface Node<T> {
  exact: Map<string, Node<T>>;
  /** Stems: the edge matches any word that begins with it. */
  prefix: Array<[string, Node<T>]>;
  values: T[];
}

const node = <T>(): Node<T> => ({ exact: new Map(), prefix: [], values: [] });

/** The longest phrase any entry allows; bounds the work per word. */
const MAX_PHRASE_WORDS = 6;

/**
 * Word sequences ("valid until", "top up", "isi ulang*") and what each means. Matching walks the
 * words of a sentence once, trying at each word only the phrases that can start there, so the
 * work is linear in the number of words.
 */
export class PhraseTable<T> {
  private readonly root = node<T>();

  add(phrase: string, value: T): void {
    // Split as the tokenizer splits text: "po-dalag" is the words "po" and "dalag".
    const words = phrase.split(/[^\p{L}\p{M}*]+/u).filter((w) => w.replace('*', '') !== '').map((w) => (w.endsWith('*') ? `${fold(w.slice(0, -1))}*` : fold(w)));
    if (words.length === 0 || words.length > MAX_PHRASE_WORDS) throw new Error(`phrase "${phrase}" must have 1 to ${MAX_PHRASE_WORDS} words`);
    let at = this.root;
    for (const word of words) {
      if (word.endsWith('*')) {
        const stem = word.slice(0, -1);
        let next = at.prefix.find(([s]) => s === stem)?.[1];
        if (!next) at.prefix.push([stem, (next = node<T>())]);
        at = next;
      } else {
        let next = at.exact.get(word);
        if (!next) at.exact.set(word, (next = node<T>()));
        at = next;
      }
    }
    if (!at.values.includes(value)) at.values.push(value);
  }

  /**
   * The longest phrase starting at `start` of `words` (each word with its alternative readings),
   * as its length and meanings; length 0 when none starts there.
   */
  longestAt(words: ReadonlyArray<readonly string[]>, start: number): { length: number; values: T[] } {
    let best = { length: 0, values: [] as T[] };
    const walk = (at: Node<T>, depth: number): void => {
      if (at.values.length && depth > best.length) best = { length: depth, values: at.values };
      else if (at.values.length && depth === best.length) best = { length: depth, values: [...new Set([...best.values, ...at.values])] };
      const forms = words[start + depth];
      if (!forms || depth >= MAX_PHRASE_WORDS) return;
      for (const form of forms) {
        const next = at.exact.get(form);
        if (next) walk(next, depth + 1);
        for (const [stem, child] of at.prefix) if (form.startsWith(stem)) walk(child, depth + 1);
      }
    };
    walk(this.root, 0);
    return best;
  }
}
