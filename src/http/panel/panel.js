// The gsmkeeper web panel: plain script over the box's own HTTP API, with the token the daemon
// printed at start. Pages by the address's #fragment; the box's events refresh the page shown.
import { api, app, forgetToken, keepToken, line } from './app.js';
import { language, setLanguage, t, translatePage } from './i18n.js';
import * as cards from './cards.js';
import * as messages from './messages.js';
import * as recharge from './recharge.js';
import * as settings from './settings.js';
import * as status from './status.js';
import { $, el } from './ui.js';

const PAGES = { status, recharge, cards, messages, settings };

const pageName = () => (Object.hasOwn(PAGES, location.hash.slice(1)) ? location.hash.slice(1) : 'status');

/** The lines and whether the box is simulated, then the page shown, as the box is now. */
async function refresh() {
  const s = await status.showStatus();
  app.lines = s.lines.map((l) => l.name);
  app.simulated = s.simulated;
  const select = $('line');
  const chosen = select.value;
  if ([...select.options].map((o) => o.value).join() !== app.lines.join()) {
    select.replaceChildren(...app.lines.map((name) => Object.assign(el('option', name), { value: name })));
    if (app.lines.includes(chosen)) select.value = chosen;
  }
  $('line-choice').hidden = app.lines.length < 2;
  for (const node of document.querySelectorAll('.line-name')) node.textContent = app.lines.length > 1 ? `(${line()})` : '';
  const name = pageName();
  await PAGES[name].show(refresh);
  // Says which page has the box's data in it (tests and scripts wait for it).
  document.body.dataset.shown = name;
}

function showPage() {
  app.page = pageName();
  delete document.body.dataset.shown;
  for (const page of document.querySelectorAll('.page')) page.hidden = page.id !== `page-${app.page}`;
  for (const link of document.querySelectorAll('nav a')) {
    if (link.dataset.page === app.page) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
}

/**
 * Live: the box's events as server-sent events, read with fetch so the token goes in a header,
 * never in a URL. Each burst of events refreshes the panel once; a stream that ends is opened again.
 */
let live = null;
let pending = null;

function refreshSoon() {
  if (pending) return;
  pending = setTimeout(() => {
    pending = null;
    refresh().catch(() => undefined);
  }, 300);
}

async function watch() {
  const controller = new AbortController();
  live = controller;
  try {
    const response = await fetch('/api/v1/events', { headers: { authorization: `Bearer ${app.token}` }, signal: controller.signal });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    $('live').dataset.t = 'live';
    $('live').textContent = t('live');
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += value;
      let end;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const frame = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (/^event: /m.test(frame)) refreshSoon();
      }
    }
  } catch {
    // Closed by the box, the network, or a sign-out: tried again below unless signed out.
  }
  delete $('live').dataset.t;
  $('live').textContent = '';
  if (live === controller && app.token) setTimeout(() => live === controller && watch(), 5000);
}

function signOut(message) {
  forgetToken();
  live?.abort();
  live = null;
  $('panel').hidden = true;
  $('nav').hidden = true;
  $('line-choice').hidden = true;
  $('sign-out').hidden = true;
  $('sign-in').hidden = false;
  $('token-error').textContent = message || '';
}

app.refused = () => signOut(t('token.refused'));

async function open() {
  showPage();
  try {
    await refresh();
  } catch (err) {
    $('sign-in').hidden = false;
    // A refused token has signed out already, saying so.
    if (app.token) $('token-error').textContent = err.message;
    return;
  }
  $('sign-in').hidden = true;
  $('panel').hidden = false;
  $('nav').hidden = false;
  $('sign-out').hidden = false;
  void watch();
}

for (const page of Object.values(PAGES)) page.init(refresh);

$('token-form').addEventListener('submit', (event) => {
  event.preventDefault();
  keepToken($('token').value.trim(), $('remember').checked);
  $('token').value = '';
  void open();
});

$('sign-out').addEventListener('click', () => signOut(''));
$('line').addEventListener('change', () => void refresh().catch(() => undefined));
window.addEventListener('hashchange', () => {
  showPage();
  if (app.token) void refresh().catch(() => undefined);
});

$('language').value = language();
translatePage();
$('language').addEventListener('change', () => {
  setLanguage($('language').value);
  if (app.token && !$('panel').hidden) void refresh().catch(() => undefined);
});

if (app.token) void open();
else signOut('');
