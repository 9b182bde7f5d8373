import type { Item, MoneyItem } from './scan.js';
import type { Tag } from './tagging.js';

export type Role = 'balance' | 'added' | 'other' | null;

export interface Figure {
  money: MoneyItem;
  role: Role;
}

/**
 * Gives each figure its role from the words before it in its clause ("Balance:", "recharged
 * with", "bonus") or, failing those, the few words after it ("5.12 EUR is your balance"); and
 * keeps the validity date whose clause says so and is not about a bonus or a bundle.
 */
export function readRoles(items: Item[], tags: Array<Set<Tag> | undefined>): { figures: Figure[]; validUntil: string | null; quantities: number } {
  const figures: Figure[] = [];
  let validUntil: string | null = null;
  let quantities = 0;
  let lead = { role: null as Role, other: false, validity: false };
  let lastInSentence: Role | 'none' = 'none';
  const resetLead = (): void => {
    lead = { role: null, other: false, validity: false };
  };
  /** The tags of the few words after a figure, within its clause (bounded, so the scan stays linear). */
  const trail = (from: number): Array<{ at: number; set: Set<Tag> | undefined }> => {
    const words: Array<{ at: number; set: Set<Tag> | undefined }> = [];
    for (let k = from; k < items.length && words.length < 4; k++) {
      const item = items[k]!;
      if (item.t !== 'word') {
        if (item.t === 'link' || item.t === 'menu') continue;
        break;
      }
      words.push({ at: k, set: tags[k] });
    }
    return words;
  };
  const trailRole = (from: number): Role => {
    for (const { at, set } of trail(from)) {
      if (!set) continue;
      // "10.00 lv. Nalichnost: 15.50 lv.": a label with a figure of its own after it is that
      // figure's, not a trailing word about the one before.
      if (labelsNext(at + 1)) return null;
      if (set.has('other') || set.has('price')) return 'other';
      if (set.has('balance')) return 'balance';
      if (set.has('added') || set.has('credited')) return 'added';
    }
    return null;
  };
  /** "Il vous reste 500 Ar a rembourser", "1 000 Ar pour le 034…": owed, or gone to another number. */
  const owedOrSent = (from: number): boolean => trail(from).some(({ set }) => set !== undefined && (set.has('debt') || set.has('sentTo')));
  /** Whether a figure follows within the clause, a few items on (bounded, so the scan stays linear). */
  const labelsNext = (from: number): boolean => {
    for (let k = from; k < items.length && k < from + 6; k++) {
      const t = items[k]!.t;
      if (t === 'money') return true;
      if (t === 'end' || t === 'date' || t === 'qty') return false;
    }
    return false;
  };

  items.forEach((item, index) => {
    switch (item.t) {
      case 'word': {
        const set = tags[index];
        if (!set) return;
        if (set.has('added') || set.has('credited')) lead.role = 'added';
        if (set.has('balance')) lead.role = 'balance';
        // "Guthaben wurde um 15,00 EUR aufgeladen", "balance increased by 5.00": the change.
        if (set.has('by') && lead.role === 'balance') lead.role = 'added';
        // "doit etre inferieure a 500 Ar", "entre 500 Ar et 200 000 Ar": a condition's bound.
        if (set.has('other') || set.has('price') || set.has('debt') || set.has('bound')) lead.other = true;
        if (set.has('main')) lead.other = false;
        if (set.has('validity')) lead.validity = true;
        if (set.has('zero') && lead.role === 'balance' && !lead.other) {
          figures.push({ money: { t: 'money', cents: 0, currency: null, bare: false, sign: null }, role: 'balance' });
          lastInSentence = 'balance';
          resetLead();
        }
        return;
      }
      case 'money': {
        // "12.00 BGN (6.14 EUR)": the same figure in a second currency.
        const previous = figures[figures.length - 1];
        let k = index - 1;
        while (k >= 0 && items[k]!.t === 'link') k--;
        if (previous && k >= 0 && items[k] === previous.money && k < index - 1 && item.currency && previous.money.currency && item.currency.code !== previous.money.currency.code) return;
        let role: Role = lead.other ? 'other' : lead.role;
        if (role === null && item.sign === '+') role = 'added';
        if (role === null && !item.bare) role = trailRole(index + 1);
        if (role !== 'other' && owedOrSent(index + 1)) role = 'other';
        figures.push({ money: item, role });
        lastInSentence = role;
        resetLead();
        return;
      }
      case 'qty':
        quantities++;
        lastInSentence = 'other';
        resetLead();
        return;
      case 'date':
        if (item.iso && lead.validity && !lead.other && lastInSentence !== 'other' && validUntil === null) validUntil = item.iso;
        resetLead();
        return;
      case 'end':
        resetLead();
        lastInSentence = 'none';
        return;
      case 'link':
      case 'menu':
        return;
    }
  });
  return { figures, validUntil, quantities };
}
