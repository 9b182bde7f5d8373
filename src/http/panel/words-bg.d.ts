/** The panel's Bulgarian words by key (words-bg.js): the server reads the recharge form's from it. */
declare const WORDS: Readonly<Record<string, string>>;
export default WORDS;
