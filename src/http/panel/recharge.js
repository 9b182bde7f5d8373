// The recharge page: a line recharged with a voucher code, or a wallet card by its serial and PIN,
// through the recharge service (POST /api/v1/recharge) — its answer shown as the seed's IVR gives
// it, in the panel's language, a refusal as a refusal; and a top-up with the next wallet card, its
// reply in the panel's language too.
import { api, app, line } from './app.js';
import { language, t } from './i18n.js';
import { $, day, el, say } from './ui.js';

function showAnswer(answer) {
  const box = $('recharge-result');
  const success = answer.outcome === 'success';
  box.className = success ? 'success' : 'refusal';
  box.setAttribute('role', success ? 'status' : 'alert');
  const parts = [el('p', answer.message)];
  if (success) {
    const facts = [
      [t('recharge.before'), answer.before],
      [t('recharge.amount'), answer.amount],
      [t('recharge.balance'), answer.balance],
      [t('recharge.validUntil'), answer.validUntil ? day(answer.validUntil) : null],
    ].filter(([, value]) => value);
    const dl = el('dl', null, 'grid');
    dl.append(...facts.flatMap(([name, value]) => [el('dt', name), el('dd', value)]));
    parts.push(dl);
  }
  box.replaceChildren(...parts);
}

function showError(message) {
  const box = $('recharge-result');
  box.className = 'refusal';
  box.setAttribute('role', 'alert');
  box.replaceChildren(el('p', message));
}

/** The line chosen at the top when the page was last shown: a new choice there is followed here. */
let followed = null;

export async function show() {
  const select = $('recharge-destination');
  const chosen = line() !== followed ? line() : select.value || line();
  followed = line();
  select.replaceChildren(...app.lines.map((name) => Object.assign(el('option', name), { value: name })));
  if (chosen) select.value = chosen;
}

export function init(refresh) {
  for (const radio of document.querySelectorAll('input[name="source"]')) {
    radio.addEventListener('change', () => {
      const account = document.querySelector('input[name="source"]:checked').value === 'account';
      $('source-coupon').hidden = account;
      $('source-account').hidden = !account;
    });
  }

  $('recharge-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const account = document.querySelector('input[name="source"]:checked').value === 'account';
    // The answer (and a refusal) in the panel's language.
    const body = { destination: $('recharge-destination').value, lang: language() };
    if (account) Object.assign(body, { source_account: $('recharge-serial').value.trim(), source_pin: $('recharge-pin').value.trim() });
    else body.source_coupon = $('recharge-code').value.trim();
    // The code leaves the page once sent: never kept in a field afterwards.
    for (const id of ['recharge-code', 'recharge-pin']) $(id).value = '';
    $('recharge-result').className = '';
    $('recharge-result').replaceChildren(el('p', t('recharge.asking')));
    try {
      showAnswer(await api('POST', '/api/v1/recharge', body));
    } catch (err) {
      showError(err.message);
    }
    await refresh().catch(() => undefined);
  });

  $('top-up').addEventListener('click', async () => {
    try {
      const outcome = await api('POST', '/api/v1/vouchers/top-up', { line: $('recharge-destination').value || line(), lang: language() });
      if (outcome.outcome !== 'dialled') say('top-up-result', t(outcome.outcome === 'empty' ? 'topUp.empty' : 'topUp.today'), 'refusal');
      else say('top-up-result', `${outcome.voucher.pin}: ${outcome.result.reply}`, outcome.result.outcome === 'success' ? 'success' : 'refusal');
    } catch (err) {
      say('top-up-result', err.message, 'refusal');
    }
    await refresh().catch(() => undefined);
  });
}
