// The panel's language, English or Bulgarian, chosen by the person and kept in this browser; the
// words themselves are in words-en.js and words-bg.js. What the box itself says (replies,
// refusals, the carrier's words) is shown as the box says it.
import EN from './words-en.js';
import BG from './words-bg.js';

const KEY = 'gsmkeeper.lang';

const WORDS = { en: EN, bg: BG };

export const LANGUAGES = Object.keys(WORDS);

let current = LANGUAGES.includes(localStorage.getItem(KEY)) ? localStorage.getItem(KEY) : 'en';

export const language = () => current;

/** The words for `key` in the chosen language, with {name} filled from `vars`; `fallback` (or the English) when it has none. */
export function t(key, vars = {}, fallback) {
  const text = WORDS[current][key] ?? fallback ?? WORDS.en[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name) => (vars[name] === undefined ? `{${name}}` : String(vars[name])));
}

/** Puts the chosen language's words into every element that names its words (data-t, data-t-placeholder). */
export function translatePage(root = document) {
  document.documentElement.lang = current;
  for (const node of root.querySelectorAll('[data-t]')) node.textContent = t(node.dataset.t);
  for (const node of root.querySelectorAll('[data-t-placeholder]')) node.placeholder = t(node.dataset.tPlaceholder);
}

export function setLanguage(lang) {
  if (!LANGUAGES.includes(lang)) return;
  current = lang;
  localStorage.setItem(KEY, lang);
  translatePage();
}
