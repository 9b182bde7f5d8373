// What the panel's pages share: the token and the API calls made with it, the lines and the one
// chosen, and how to sign out when the box refuses the token.
import { boxApi, boxCsv } from './api.js';

const KEY = 'gsmkeeper.token';

export const app = {
  token: localStorage.getItem(KEY) || sessionStorage.getItem(KEY),
  /** The lines' names, in the config's order, and whether the box runs on the simulator. */
  lines: [],
  simulated: false,
  /** Set by the panel: what to do when the box refuses the token. */
  refused: () => undefined,
};

export const api = (method, url, body) => boxApi(app.token, method, url, body, () => app.refused());
export const postCsv = (url, csv) => boxCsv(app.token, url, csv, () => app.refused());

/** The line the panel's actions are for: the one chosen, else the first. */
export const line = () => document.getElementById('line').value || app.lines[0] || null;

export function keepToken(token, remember) {
  app.token = token;
  (remember ? localStorage : sessionStorage).setItem(KEY, token);
}

export function forgetToken() {
  localStorage.removeItem(KEY);
  sessionStorage.removeItem(KEY);
  app.token = null;
}
