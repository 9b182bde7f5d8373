// The settings page, drawn from the list the box gives (GET /api/v1/settings): each setting by its
// kind — on/off, a figure, a choice, a secret, a group of numbers — and every change made by the
// box's own config command, whose refusal is shown as it would be texted back.
import { api } from './app.js';
import { language, t } from './i18n.js';
import { ask, button, el } from './ui.js';

function result(node, text, ok) {
  node.textContent = text;
  node.className = ok ? 'success' : 'refusal';
  node.setAttribute('role', ok ? 'status' : 'alert');
}

async function change(setting, body, out, refresh) {
  try {
    const answer = await api('POST', `/api/v1/settings/${setting.id}`, { ...body, lang: language() });
    await refresh().catch(() => undefined);
    result(document.getElementById(`setting-${setting.id}-result`), answer.message, true);
  } catch (err) {
    result(out, err.message, false);
  }
}

function input(value, label, attributes = {}) {
  const node = el('input');
  for (const [name, given] of Object.entries({ ...attributes, 'aria-label': label })) node.setAttribute(name, given);
  node.value = value ?? '';
  return node;
}

function saveForm(fields, onSave) {
  const form = el('form', null, 'row');
  form.append(...fields, Object.assign(el('button', t('settings.save')), { type: 'submit' }));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    onSave();
  });
  return form;
}

/** One setting's controls, by its kind. */
function controls(s, out, refresh) {
  const label = s.label[language()];
  switch (s.kind) {
    case 'on-off': {
      const box = Object.assign(el('input'), { type: 'checkbox', checked: s.value, id: `setting-${s.id}-input` });
      box.setAttribute('aria-label', label);
      box.addEventListener('change', () => void change(s, { value: box.checked }, out, refresh));
      const wrap = el('label', null, 'row');
      wrap.append(box, el('span', t(s.value ? 'settings.on' : 'settings.off')));
      return [wrap];
    }
    case 'number': {
      const field = input(s.value === null ? '' : String(s.value), label, { inputmode: 'decimal', id: `setting-${s.id}-input` });
      return [saveForm([field, el('span', s.unit[language()], 'muted')], () => void change(s, { value: field.value }, out, refresh))];
    }
    case 'choice': {
      const select = el('select');
      select.id = `setting-${s.id}-input`;
      select.setAttribute('aria-label', label);
      select.append(...s.choices.map((c) => Object.assign(el('option', c.label[language()]), { value: c.value })));
      select.value = s.value;
      return [saveForm([select], () => void change(s, { value: select.value }, out, refresh))];
    }
    case 'secret': {
      const field = input('', label, { type: 'password', autocomplete: 'new-password', inputmode: 'numeric', id: `setting-${s.id}-input` });
      return [saveForm([field], async () => {
        if (!(await ask(t('settings.askSecret', { label })))) return;
        const value = field.value;
        field.value = '';
        void change(s, { value }, out, refresh);
      })];
    }
    case 'numbers': {
      const list = el('ul', null, 'numbers');
      list.append(...(s.value.length ? s.value.map((number) => {
        const li = el('li');
        li.append(el('span', number), button(t('settings.remove'), async () => {
          if (await ask(t('settings.askRemove', { number, label }))) void change(s, { remove: number }, out, refresh);
        }, 'danger'));
        return li;
      }) : [el('li', t('settings.empty'), 'muted')]));
      const field = input('', t('settings.addNumber'), { inputmode: 'tel', placeholder: '+359888123456', id: `setting-${s.id}-input` });
      const add = saveForm([field], () => void change(s, { add: field.value }, out, refresh));
      add.querySelector('button').textContent = t('settings.add');
      return [list, add];
    }
    default:
      return [el('p', t('settings.unknownKind', { kind: s.kind }), 'muted')];
  }
}

export async function show(refresh) {
  const { settings } = await api('GET', '/api/v1/settings');
  const container = document.getElementById('settings');
  // What each said last stays on the page across the redraw a change causes.
  const said = new Map([...container.querySelectorAll('[id$="-result"]')].map((node) => [node.id, [node.textContent, node.className, node.getAttribute('role')]]));
  container.replaceChildren(
    ...settings.map((s) => {
      const block = el('div', null, 'setting');
      block.id = `setting-${s.id}`;
      const out = el('p');
      out.id = `setting-${s.id}-result`;
      const [text, className, role] = said.get(out.id) ?? ['', '', 'status'];
      Object.assign(out, { textContent: text, className });
      out.setAttribute('role', role ?? 'status');
      block.append(el('h3', s.label[language()]), ...(s.hint ? [el('p', s.hint[language()], 'muted')] : []), ...controls(s, out, refresh), out);
      return block;
    }),
  );
}

export function init() {}
