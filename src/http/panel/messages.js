// The message log: commands as kept (password hidden, codes masked), narrowed by line, channel,
// sender or what became of the reply — each reply's real fate, a reply that did not go out in the
// refusal colour. On the simulator, a phone that texts the box and reads what came back.
import { api, app, line } from './app.js';
import { t } from './i18n.js';
import { $, el, fill, formValues, say, when } from './ui.js';

const NOT_GONE_OUT = ['failed', 'refused', 'uncertain', 'retrying'];

export async function show() {
  const select = $('filter-line');
  const chosen = select.value;
  select.replaceChildren(select.options[0], ...app.lines.map((name) => Object.assign(el('option', name), { value: name })));
  select.value = chosen;
  const filter = formValues($('message-filter'));
  const { messages } = await api('GET', `/api/v1/messages?${new URLSearchParams({ limit: '50', ...filter })}`);
  fill($('messages'), messages, (m) => [
    [when(m.at)],
    [m.line ?? ''],
    [m.sender],
    [m.text, 'text'],
    [m.dropReason ? `${t(`msg.${m.state}`, {}, m.state)}: ${m.dropReason}` : t(`msg.${m.state}`, {}, m.state), m.state === 'dropped' ? 'error' : undefined],
    [m.reply],
    [m.replyFate.summary, NOT_GONE_OUT.includes(m.replyFate.status) ? 'error' : undefined],
  ]);
  $('phone').hidden = !app.simulated;
}

export function init(refresh) {
  $('message-filter').addEventListener('submit', (event) => {
    event.preventDefault();
    void refresh();
  });

  $('phone-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const from = $('phone-from').value.trim();
    const text = $('phone-text').value;
    try {
      await api('POST', '/api/v1/sim/sms', { from, text, ...(app.lines.length > 1 ? { line: line() } : {}) });
      $('phone-text').value = '';
      say('phone-result', t('phone.sent'), 'success');
    } catch (err) {
      say('phone-result', err.message, 'refusal');
    }
    await refresh().catch(() => undefined);
  });

  $('inbox-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const number = $('inbox-number').value.trim();
    try {
      const { messages } = await api('GET', `/api/v1/sim/phones/${encodeURIComponent(number)}/messages`);
      $('inbox').replaceChildren(...(messages.length ? messages.map((m) => el('li', `${when(m.at)}: ${m.text}`)) : [el('li', t('phone.nothing'))]));
    } catch (err) {
      $('inbox').replaceChildren(el('li', err.message, 'error'));
    }
  });
}
