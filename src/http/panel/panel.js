// The gsmkeeper web panel: plain script over the box's own HTTP API, with the token the daemon
// printed at start. Every value from the box goes into the page as text, never as markup.
'use strict';

const KEY = 'gsmkeeper.token';
const $ = (id) => document.getElementById(id);
let token = localStorage.getItem(KEY) || sessionStorage.getItem(KEY);
let timer = null;

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

async function showStatus() {
  const s = await api('GET', '/api/v1/status');
  const rows = [
    ['Carrier', s.carrier ? `${s.carrier}${s.network ? ` (${s.network}, ${s.registration})` : ''}` : 'unknown'],
    ['Signal', s.signal && s.signal.dbm !== null ? `${s.signal.dbm} dBm, ${s.signal.bars}/5` : 'unknown'],
    ['Balance', s.balance ? `${s.balance.amount ?? '?'}${s.balance.validUntil ? `, valid until ${day(s.balance.validUntil)}` : ''} (${when(s.balance.checkedAt)})` : 'unknown'],
    ['Wallet', s.wallet.cards ? `${s.wallet.cards} card(s) ready, ${s.wallet.value}` : 'no card ready'],
    ['Replies waiting', String(s.pendingOutbox)],
    ['Up', `${Math.floor(s.uptimeSeconds / 3600)} h ${Math.floor((s.uptimeSeconds % 3600) / 60)} min`],
  ];
  $('status').replaceChildren(
    ...rows.flatMap(([name, value]) => {
      const dt = document.createElement('dt');
      dt.textContent = name;
      const dd = document.createElement('dd');
      dd.textContent = value;
      return [dt, dd];
    }),
  );
  $('problems').textContent = s.problems.length ? `Problems: ${s.problems.join('; ')}` : '';
  $('summary').textContent = s.balance && s.balance.amount ? `${s.carrier ?? ''} · ${s.balance.amount}` : s.carrier ?? '';
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
  const { balances } = await api('GET', '/api/v1/balances?limit=20');
  fill($('balances'), balances, (b) => [[when(b.at)], [b.balance ?? '?'], [day(b.validUntil)], [b.source]]);
}

async function showMessages() {
  const { messages } = await api('GET', '/api/v1/messages?limit=30');
  // The reply's real fate (sent, delivered, refused by a limit, not sent by design…), worded by the box.
  const fate = (f) => [f.summary, ['failed', 'refused', 'uncertain'].includes(f.status) ? 'error' : undefined];
  fill($('messages'), messages, (m) => [[when(m.at)], [m.sender], [m.text, 'text'], [m.dropReason ? `${m.state}: ${m.dropReason}` : m.state], [m.reply], fate(m.replyFate)]);
}

async function refresh() {
  await Promise.all([showStatus(), showWallet(), showBalances(), showMessages()]);
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
  clearInterval(timer);
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
    $('token-error').textContent = err.message;
    return;
  }
  $('sign-in').hidden = true;
  $('panel').hidden = false;
  $('sign-out').hidden = false;
  timer = setInterval(() => refresh().catch(() => undefined), 10000);
}

$('token-form').addEventListener('submit', (event) => {
  event.preventDefault();
  token = $('token').value.trim();
  ($('remember').checked ? localStorage : sessionStorage).setItem(KEY, token);
  $('token').value = '';
  void open();
});

$('sign-out').addEventListener('click', () => signOut(''));

$('recharge-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const code = $('recharge-code').value.trim();
  $('recharge-code').value = '';
  void act('recharge-result', async () => (await api('POST', '/api/v1/recharge', { code })).reply);
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
    const outcome = await api('POST', '/api/v1/vouchers/top-up');
    return outcome.outcome === 'empty' ? 'The wallet has no card the SIM could take.' : `${outcome.voucher.pin}: ${outcome.result.reply}`;
  }),
);

$('phone-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const from = $('phone-from').value.trim();
  const text = $('phone-text').value;
  void act('phone-result', async () => {
    await api('POST', '/api/v1/sim/sms', { from, text });
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
