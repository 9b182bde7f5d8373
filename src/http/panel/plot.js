// The balance plot: a line's balance over time as SVG drawn here (nothing loaded from elsewhere),
// each figure read a point, each recharge a dashed mark — refusals in the refusal colour.
import { t } from './i18n.js';
import { day, money, when } from './ui.js';

const NS = 'http://www.w3.org/2000/svg';
const HEIGHT = 220;
const PAD = { left: 52, right: 12, top: 18, bottom: 26 };

function svg(tag, attributes, text) {
  const node = document.createElementNS(NS, tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, String(value));
  if (text !== undefined) node.textContent = text;
  return node;
}

/** Round steps for the balance axis: 1, 2 or 5 times a power of ten, about four of them. */
function step(max) {
  const raw = max / 4;
  const power = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw);
}

/**
 * Draws `history` (GET /api/v1/lines/<line>/balance-history) into `container`, as wide as the
 * container is. Returns how many figures and recharges it drew.
 */
export function drawPlot(container, history) {
  const points = history.points.filter((p) => p.cents !== null);
  const recharges = history.recharges;
  const width = Math.max(280, Math.floor(container.clientWidth || 600));
  const from = Date.parse(history.from);
  const to = Date.parse(history.to);
  const top = Math.max(100, ...points.map((p) => p.cents), ...recharges.map((r) => r.balanceCents ?? 0));
  const unit = step(top * 1.1);
  const ceiling = Math.ceil((top * 1.05) / unit) * unit;
  const x = (iso) => PAD.left + ((Date.parse(iso) - from) / Math.max(1, to - from)) * (width - PAD.left - PAD.right);
  const y = (cents) => PAD.top + (1 - cents / ceiling) * (HEIGHT - PAD.top - PAD.bottom);
  const currency = points.at(-1)?.currency ?? recharges.at(-1)?.currency ?? '';

  const root = svg('svg', { viewBox: `0 0 ${width} ${HEIGHT}`, role: 'img', 'aria-label': t('plot.title') });
  root.append(svg('title', {}, t('plot.title')));
  for (let v = 0; v <= ceiling; v += unit) {
    root.append(svg('line', { class: 'axis', x1: PAD.left, x2: width - PAD.right, y1: y(v), y2: y(v) }));
    root.append(svg('text', { class: 'tick', x: PAD.left - 6, y: y(v) + 4, 'text-anchor': 'end' }, (v / 100).toFixed(unit < 100 ? 2 : 0)));
  }
  root.append(svg('text', { class: 'tick', x: 4, y: 12 }, currency));
  for (const [iso, anchor] of [[history.from, 'start'], [new Date((from + to) / 2).toISOString(), 'middle'], [history.to, 'end']]) {
    root.append(svg('text', { class: 'tick', x: x(iso), y: HEIGHT - 6, 'text-anchor': anchor }, day(iso)));
  }

  for (const r of recharges) {
    const refused = r.outcome !== 'success';
    const at = x(r.at);
    const mark = svg('g', { class: `recharge-group${refused ? ' refused' : ''}` });
    mark.append(svg('line', { class: `recharge${refused ? ' refused' : ''}`, x1: at, x2: at, y1: PAD.top, y2: HEIGHT - PAD.bottom }));
    const tri = svg('path', { class: `recharge-mark${refused ? ' refused' : ''}`, d: `M${at - 6},${PAD.top - 12} h12 l-6,10 z` });
    const words = refused ? t('plot.refused', { card: r.card, outcome: r.outcome }) : t('plot.recharged', { card: r.card, amount: money(r.addedCents, r.currency) || '?' });
    tri.append(svg('title', {}, `${when(r.at)}: ${words}`));
    mark.append(tri);
    root.append(mark);
  }

  if (points.length) {
    root.append(svg('polyline', { class: 'balance', points: points.map((p) => `${x(p.at).toFixed(1)},${y(p.cents).toFixed(1)}`).join(' ') }));
    for (const p of points) {
      const dot = svg('circle', { class: 'point', cx: x(p.at).toFixed(1), cy: y(p.cents).toFixed(1), r: 3.5 });
      dot.append(svg('title', {}, `${when(p.at)}: ${money(p.cents, p.currency)}`));
      root.append(dot);
    }
  }
  container.replaceChildren(root);
  return { points: points.length, recharges: recharges.length };
}
