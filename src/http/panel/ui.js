// What every page of the panel uses to put the box's data on the page: always as text, never as
// markup; dates in one format (dd.mm.yyyy, as the replies write them); refusals in their own colour.
import { t } from './i18n.js';

export const $ = (id) => document.getElementById(id);

const two = (n) => String(n).padStart(2, '0');

/** An ISO day (2027-11-22) or time as dd.mm.yyyy. */
export function day(iso) {
  if (!iso) return '';
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) return iso.split('-').reverse().join('.');
  const d = new Date(iso);
  return `${two(d.getDate())}.${two(d.getMonth() + 1)}.${d.getFullYear()}`;
}

/** An ISO time as dd.mm.yyyy hh:mm, in the browser's time zone. */
export function when(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  return `${day(iso)} ${two(d.getHours())}:${two(d.getMinutes())}`;
}

/** Cents and a currency as the box writes money: 7.50 EUR. */
export const money = (cents, currency) => (cents === null || cents === undefined ? '' : `${(cents / 100).toFixed(2)} ${currency ?? ''}`.trim());

/**
 * Says how something went: `tone` is 'success', 'refusal', or nothing for plain news. A refusal
 * is announced as an alert and never wears the success colour.
 */
export function say(id, text, tone) {
  const el = $(id);
  el.textContent = text;
  el.className = tone || '';
  el.setAttribute('role', tone === 'refusal' ? 'alert' : 'status');
}

/** A new element with text and a class. */
export function el(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = String(text);
  if (className) node.className = className;
  return node;
}

/**
 * Fills a table's body, one row per item; `cells` gives [value, class] pairs. Each cell carries its
 * column's name, which a phone shows beside the value when the rows become cards.
 */
export function fill(table, rows, cells) {
  const names = [...table.tHead.rows[0].cells].map((th) => th.textContent.trim());
  table.tBodies[0].replaceChildren(
    ...rows.map((row) => {
      const tr = document.createElement('tr');
      cells(row).forEach(([value, cls], i) => {
        const td = document.createElement('td');
        if (value instanceof Node) td.append(value);
        else td.textContent = value === null || value === undefined ? '' : String(value);
        if (cls) td.className = cls;
        if (names[i]) td.dataset.label = names[i];
        tr.append(td);
      });
      return tr;
    }),
  );
}

/** A small button that runs `action` when clicked. */
export function button(text, action, className = 'secondary') {
  const b = el('button', text, className);
  b.type = 'button';
  b.addEventListener('click', action);
  return b;
}

/** Asks before something that cannot be undone: true only when the person says yes. */
export function ask(question) {
  const dialog = $('confirm');
  $('confirm-text').textContent = question;
  return new Promise((resolve) => {
    const done = (answer) => {
      $('confirm-ok').removeEventListener('click', yes);
      $('confirm-cancel').removeEventListener('click', no);
      dialog.removeEventListener('cancel', no);
      dialog.close();
      resolve(answer);
    };
    const yes = () => done(true);
    const no = () => done(false);
    $('confirm-ok').addEventListener('click', yes);
    $('confirm-cancel').addEventListener('click', no);
    dialog.addEventListener('cancel', no);
    dialog.showModal();
  });
}

/** The form's fields that are filled in, by name. */
export function formValues(form) {
  return Object.fromEntries([...new FormData(form)].map(([k, v]) => [k, String(v).trim()]).filter(([, v]) => v !== ''));
}

/** An error as a person reads it: the box's words, and each bad line of a refused file. */
export function errorText(err) {
  const problems = err.problems || [];
  if (!problems.length) return err.message;
  // The message names the first few; here each has a line of its own.
  return [err.message.replace(/ \(.*\)$/s, ''), ...problems.map((p) => `${t('line.n', { n: p.line })}: ${p.message}`)].join('\n');
}
