// The status page: each line, the box, and the chosen line's balance over time.
import { api, app, line } from './app.js';
import { t } from './i18n.js';
import { drawPlot } from './plot.js';
import { $, day, el, fill, when } from './ui.js';

function cardsOf(wallet) {
  return wallet.cards ? t('status.cardsReady', { n: wallet.cards, value: wallet.value }) : t('status.noCard');
}

function balanceOf(l) {
  if (!l.balance) return t('unknown');
  const amount = l.balance.amount ?? '?';
  const until = l.balance.validUntil ? `, ${t('status.validUntil', { day: day(l.balance.validUntil) })}` : '';
  return `${amount}${until} (${when(l.balance.checkedAt)})`;
}

/** The lines and the box's figures, from /api/v1/status; keeps the line chooser in step. */
export async function showStatus() {
  const s = await api('GET', '/api/v1/status');
  fill($('status'), s.lines, (l) => [
    [l.name],
    [t(`state.${l.state}`), l.state === 'ready' ? undefined : 'error'],
    [l.carrier ? `${l.carrier}${l.network ? ` (${l.network}, ${l.registration})` : ''}` : t('unknown')],
    [l.signal && l.signal.dbm !== null ? `${l.signal.dbm} dBm, ${l.signal.bars}/5` : t('unknown')],
    [balanceOf(l)],
    [cardsOf(l.wallet)],
    [l.number ?? ''],
  ]);
  const hours = Math.floor(s.uptimeSeconds / 3600);
  const minutes = Math.floor((s.uptimeSeconds % 3600) / 60);
  const rows = [
    [t('box.wallet'), cardsOf(s.wallet)],
    [t('box.waiting'), String(s.pendingOutbox)],
    [t('box.up'), t('box.uptime', { h: hours, m: minutes })],
  ];
  $('box').replaceChildren(...rows.flatMap(([name, value]) => [el('dt', name), el('dd', value)]));
  $('problems').textContent = s.problems.length ? `${t('box.problems')}: ${s.problems.join('; ')}` : '';
  return s;
}

async function showPlot() {
  const chosen = line();
  if (!chosen) return;
  const days = Number($('plot-days').value);
  let history;
  try {
    history = await api('GET', `/api/v1/lines/${encodeURIComponent(chosen)}/balance-history?days=${days}`);
  } catch (err) {
    $('plot').replaceChildren();
    $('plot-note').textContent = err.message;
    return;
  }
  const drawn = drawPlot($('plot'), history);
  $('plot-note').textContent = drawn.points
    ? t('plot.note', { points: drawn.points, recharges: drawn.recharges, from: day(history.from), to: day(history.to) })
    : t('plot.empty', { days });
  fill($('balances'), [...history.points].reverse().slice(0, 50), (b) => [
    [when(b.at)], [b.cents === null ? '?' : `${(b.cents / 100).toFixed(2)} ${b.currency ?? ''}`], [day(b.validUntil)], [t(`source.${b.source}`, {}, b.source)],
  ]);
}

/** The page itself; the panel has shown the lines already (every refresh does). */
export async function show() {
  await showPlot();
}

export function init(refresh) {
  $('plot-days').addEventListener('change', () => void refresh());
  // Redrawn to the width it has when the phone turns.
  let resized = null;
  window.addEventListener('resize', () => {
    clearTimeout(resized);
    resized = setTimeout(() => app.page === 'status' && void showPlot().catch(() => undefined), 200);
  });
}
