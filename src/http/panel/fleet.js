// The fleet page of a console box: every box on the broker and a recharge per line, over the
// console's own API with the panel's token. Every value goes into the page as text, never markup.
import { boxApi } from './api.js';

const KEY = 'gsmkeeper.token';
const $ = (id) => document.getElementById(id);
const token = localStorage.getItem(KEY) || sessionStorage.getItem(KEY);

const api = (method, url, body) => boxApi(token, method, url, body, () => undefined);

function cell(value, cls) {
  const td = document.createElement('td');
  if (value instanceof Node) td.append(value);
  else td.textContent = value === null || value === undefined ? '—' : String(value);
  if (cls) td.className = cls;
  return td;
}

function choose(box, line) {
  $('recharge-line').value = `${box}/${line}`;
  $('recharge-code').focus();
}

async function show() {
  const { boxes } = await api('GET', '/api/v1/fleet');
  const rows = [];
  const options = [];
  for (const box of boxes) {
    for (const { line, state } of box.lines.length ? box.lines : [{ line: null, state: null }]) {
      const tr = document.createElement('tr');
      const problems = state ? [...state.problems, ...(state.modemUp ? [] : ['modem down'])] : ['no line reported'];
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = 'Recharge…';
      button.disabled = line === null;
      button.addEventListener('click', () => choose(box.box, line));
      tr.append(
        cell(box.box),
        cell(line),
        cell(box.stale ? `${box.status} (stale)` : box.status, box.stale ? 'error' : 'ok'),
        cell(state && state.balance !== null ? `${state.balance.toFixed(2)} ${state.currency || ''}` : null),
        cell(state ? state.daysLeft : null),
        cell(state && state.signalDbm !== null ? `${state.signalDbm} dBm` : null),
        cell(state ? state.walletCardsReady : null),
        cell(problems.join(', ') || '—', problems.length ? 'error' : ''),
        cell(button),
      );
      rows.push(tr);
      if (line !== null) {
        const option = document.createElement('option');
        option.value = `${box.box}/${line}`;
        option.textContent = `${box.box} / ${line}`;
        options.push(option);
      }
    }
  }
  $('lines').tBodies[0].replaceChildren(...rows);
  const chosen = $('recharge-line').value;
  $('recharge-line').replaceChildren(...options);
  if (chosen) $('recharge-line').value = chosen;
  $('summary').textContent = `${boxes.length} box(es), ${boxes.filter((b) => b.stale).length} not online`;
}

$('refresh').addEventListener('click', () => void show().catch((err) => ($('summary').textContent = err.message)));

$('recharge-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const [box, line] = $('recharge-line').value.split('/');
  const code = $('recharge-code').value.trim();
  $('recharge-code').value = '';
  const result = $('recharge-result');
  result.className = '';
  result.textContent = `Asking ${box} …`;
  try {
    const answer = await api('POST', '/api/v1/fleet/recharge', { box, line, ...(code ? { code } : {}) });
    const words = answer.reply || answer.message || (answer.recharge && answer.recharge.reply) || answer.outcome || JSON.stringify(answer);
    result.textContent = `${box} / ${line}: ${words}`;
    result.className = answer.ok === false ? 'error' : 'ok';
    await show();
  } catch (err) {
    result.textContent = err.message;
    result.className = 'error';
  }
});

if (token) {
  $('fleet').hidden = false;
  void show().catch((err) => ($('summary').textContent = err.message));
  setInterval(() => void show().catch(() => undefined), 15000);
} else {
  $('sign-in').hidden = false;
}
