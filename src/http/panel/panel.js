// The gsmkeeper web panel: plain script over the box's own HTTP API, with the token the daemon
// printed at start. Every value from the box goes into the page as text, never as markup.
'use strict';

const KEY = 'gsmkeeper.token';
const $ = (id) => document.getElementById(id);
let token = localStorage.getItem(KEY) || sessionStorage.getItem(KEY);

const api = (method, url, body) => boxApi(token, method, url, body, () => signOut('The box refused this token.'));

const when = (iso) => (iso ? new Date(iso).toLocaleString() : '');
const day = (isoDay) => (isoDay ? isoDay.split('-').reverse().join('.') : '');

function say(id, text, ok) {
  const el = $(id);
  el.textContent = text;
  el.className = ok === undefined ? '' : ok ? 'ok' : 'error';
}

function fill(table, rows, cells) {
  table.tBodies[0].replaceChildren(
    ...rows.map((row) => {
      const tr = document.createElement('tr');
      for (const [value, cls] of cells(row)) {
        const td = document.createElement('td');
        if (value instanceof Node) td.append(value);
        else td.textContent = value === null || value === undefined ? '' : String(value);
        if (cls) td.className = cls;
        tr.append(td);
      }
      return tr;
    }),
  );
}

/** The line the panel's actions are for (the chosen one; with one line, that line). */
const line = () => $('line').value || null;

function cardsOf(wallet) {
  return wallet.cards ? `${wallet.cards} card(s) ready, ${wallet.value}` : 'no card ready';
}

async function showStatus() {
  const s = await api('GET', '/api/v1/status');
  const chosen = line();
  fill($('status'), s.lines, (l) => [
    [l.name],
    [l.state, l.state === 'ready' ? undefined : 'error'],
    [l.carrier ? `${l.carrier}${l.network ? ` (${l.network}, ${l.registration})` : ''}` : 'unknown'],
    [l.signal && l.signal.dbm !== null ? `${l.signal.dbm} dBm, ${l.signal.bars}/5` : 'unknown'],
    [l.balance ? `${l.balance.amount ?? '?'}${l.balance.validUntil ? `, valid until ${day(l.balance.validUntil)}` : ''} (${when(l.balance.checkedAt)})` : 'unknown'],
    [cardsOf(l.wallet)],
    [l.number ?? ''],
  ]);
  const rows = [
    ['Wallet', cardsOf(s.wallet)],
    ['Replies waiting', String(s.pendingOutbox)],
    ['Up', `${Math.floor(s.uptimeSeconds / 3600)} h ${Math.floor((s.uptimeSeconds % 3600) / 60)} min`],
  ];
  $('box').replaceChildren(
    ...rows.flatMap(([name, value]) => {
      const dt = document.createElement('dt');
      dt.textContent = name;
      const dd = document.createElement('dd');
      dd.textContent = value;
      return [dt, dd];
    }),
  );
  $('problems').textContent = s.problems.length ? `Problems: ${s.problems.join('; ')}` : '';
  $('summary').textContent = s.lines.map((l) => `${l.name}${l.balance && l.balance.amount ? ` · ${l.balance.amount}` : ''}`).join('  ');
  // The line chooser, kept as it was chosen; shown when there is a choice to make.
  const select = $('line');
  if ([...select.options].map((o) => o.value).join() !== s.lines.map((l) => l.name).join()) {
    select.replaceChildren(...s.lines.map((l) => Object.assign(document.createElement('option'), { value: l.name, textContent: l.name })));
    if (chosen && s.lines.some((l) => l.name === chosen)) select.value = chosen;
  }
  $('line-choice').hidden = s.lines.length < 2;
  for (const el of document.querySelectorAll('.line-name')) el.textContent = s.lines.length > 1 ? `(${line()})` : '';
  $('phone').hidden = !s.simulated;
}

async function showWallet() {
  const page = await api('GET', '/api/v1/vouchers?perPage=500');
  const { vouchers } = page;
  fill($('wallet'), vouchers, (v) => {
    let action = '';
    if (v.status === 'new' || v.status === 'expired') {
      action = document.createElement('button');
      action.type = 'button';
      action.className = 'secondary';
      action.textContent = 'Remove';
      action.addEventListener('click', () => act('card-result', async () => {
        await api('DELETE', `/api/v1/vouchers/${v.id}`);
        return `Card ${v.pin} removed.`;
      }));
    }
    const amount = v.amountCents === null ? '' : `${(v.amountCents / 100).toFixed(2)} ${v.currency ?? ''}`;
    return [[v.id], [v.status], [v.pin, 'text'], [amount], [day(v.expiresOn)], [v.reseller], [v.serial], [action]];
  });
  const ready = vouchers.filter((v) => v.status === 'new').length;
  $('wallet-summary').textContent = vouchers.length ? `${ready} of ${vouchers.length} card(s) ready to use. ${page.rows}, ${page.pageOf}.` : 'No cards yet.';
}

async function showBalances() {
  const chosen = line();
  const { balances } = await api('GET', `/api/v1/balances?limit=20${chosen ? `&line=${encodeURIComponent(chosen)}` : ''}`);
  fill($('balances'), balances, (b) => [[when(b.at)], [b.balance ?? '?'], [day(b.validUntil)], [b.source]]);
}

async function showMessages() {
  const { messages } = await api('GET', '/api/v1/messages?limit=30');
  // The reply's real fate (sent, delivered, refused by a limit, not sent by design…), worded by the box.
  const fate = (f) => [f.summary, ['failed', 'refused', 'uncertain'].includes(f.status) ? 'error' : undefined];
  fill($('messages'), messages, (m) => [[when(m.at)], [m.line ?? ''], [m.sender], [m.text, 'text'], [m.dropReason ? `${m.state}: ${m.dropReason}` : m.state], [m.reply], fate(m.replyFate)]);
}

async function refresh() {
  await showStatus();
  await Promise.all([showWallet(), showBalances(), showMessages()]);
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
    const response = await fetch('/api/v1/events', { headers: { authorization: `Bearer ${token}` }, signal: controller.signal });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    $('live').textContent = '● live';
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
  $('live').textContent = '';
  if (live === controller && token) setTimeout(() => live === controller && watch(), 5000);
}

/** Runs an action, says how it went, then shows the box as it is now. */
async function act(resultId, work) {
  try {
    say(resultId, await work(), true);
  } catch (err) {
    say(resultId, err.message, false);
  }
  await refresh().catch(() => undefined);
}

function signOut(message) {
  localStorage.removeItem(KEY);
  sessionStorage.removeItem(KEY);
  token = null;
  live?.abort();
  live = null;
  $('panel').hidden = true;
  $('sign-out').hidden = true;
  $('sign-in').hidden = false;
  $('token-error').textContent = message || '';
}

async function open() {
  try {
    await refresh();
  } catch (err) {
    $('sign-in').hidden = false;
    // A refused token has signed out already, saying so.
    if (token) $('token-error').textContent = err.message;
    return;
  }
  $('sign-in').hidden = true;
  $('panel').hidden = false;
  $('sign-out').hidden = false;
  void watch();
}

$('token-form').addEventListener('submit', (event) => {
  event.preventDefault();
  token = $('token').value.trim();
  ($('remember').checked ? localStorage : sessionStorage).setItem(KEY, token);
  $('token').value = '';
  void open();
});

$('sign-out').addEventListener('click', () => signOut(''));

$('line').addEventListener('change', () => void refresh().catch(() => undefined));

$('recharge-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const code = $('recharge-code').value.trim();
  $('recharge-code').value = '';
  void act('recharge-result', async () => (await api('POST', '/api/v1/recharge', { code, ...(line() ? { destination: line() } : {}) })).reply);
});

$('card-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const value = (id) => $(id).value.trim() || null;
  const card = { pin: $('card-pin').value.trim(), amount: value('card-amount'), currency: value('card-currency'), expires: value('card-expires'), reseller: value('card-reseller'), serial: value('card-serial') };
  void act('card-result', async () => {
    const { voucher } = await api('POST', '/api/v1/vouchers', card);
    $('card-form').reset();
    return `Card ${voucher.pin} added.`;
  });
});

$('top-up').addEventListener('click', () =>
  act('top-up-result', async () => {
    const outcome = await api('POST', '/api/v1/vouchers/top-up', line() ? { line: line() } : {});
    return outcome.outcome === 'empty' ? 'The wallet has no card the SIM could take.' : `${outcome.voucher.pin}: ${outcome.result.reply}`;
  }),
);

$('phone-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const from = $('phone-from').value.trim();
  const text = $('phone-text').value;
  void act('phone-result', async () => {
    await api('POST', '/api/v1/sim/sms', { from, text, ...($('line-choice').hidden ? {} : { line: line() }) });
    $('phone-text').value = '';
    return 'SMS sent to the box.';
  });
});

$('inbox-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const number = $('inbox-number').value.trim();
  try {
    const { messages } = await api('GET', `/api/v1/sim/phones/${encodeURIComponent(number)}/messages`);
    $('inbox').replaceChildren(
      ...(messages.length ? messages : [{ at: null, text: 'nothing yet' }]).map((m) => {
        const li = document.createElement('li');
        li.textContent = m.at ? `${when(m.at)}: ${m.text}` : m.text;
        return li;
      }),
    );
  } catch (err) {
    $('inbox').replaceChildren(Object.assign(document.createElement('li'), { textContent: err.message, className: 'error' }));
  }
});

if (token) void open();
else signOut('');
