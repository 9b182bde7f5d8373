/** The panel's English words by key (words-en.js): the server reads the recharge form's from it. */
declare const WORDS: Readonly<Record<string, string>>;
export default WORDS;
