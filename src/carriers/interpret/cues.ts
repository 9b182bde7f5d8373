import type { Outcome } from './interpret.js';
import type { Item } from './scan.js';
import type { ProfileTag, Tag } from './tagging.js';

export interface Cues {
  attempts: boolean;
  rejected: boolean;
  unavailable: boolean;
  failed: boolean;
  success: boolean;
  pending: boolean;
  balanceWord: boolean;
  profile: Outcome | null;
}

/**
 * What each sentence says, from the concepts it holds together: "maximum" with "attempts",
 * "already" with "used", "try" with "later", an "invalid" that is not about a menu choice, a
 * "successful" nobody negated.
 */
export function readCues(items: Item[], tags: Array<Set<Tag> | undefined>): Cues {
  const cues: Cues = { attempts: false, rejected: false, unavailable: false, failed: false, success: false, pending: false, balanceWord: false, profile: null };
  const profile = new Set<ProfileTag>();
  let sentence: Array<Set<Tag>> = [];
  const close = (): void => {
    const has = (tag: Tag): boolean => sentence.some((s) => s.has(tag));
    const near = (at: number, from: number, to: number, tag: Tag): boolean => sentence.slice(Math.max(0, at + from), Math.max(0, at + to + 1)).some((s) => s.has(tag));
    sentence.forEach((set, at) => {
      for (const tag of set) if (tag.startsWith('p:')) profile.add(tag as ProfileTag);
      if ((set.has('success') || set.has('credited')) && !set.has('fail')) {
        if (near(at, -3, -1, 'neg')) cues.failed = true;
        else cues.success = true;
      }
      if (set.has('invalid') && !near(at, 1, 2, 'menuNoun')) cues.rejected = true;
    });
    if (has('fail')) cues.failed = true;
    if ((has('already') && has('used')) || ((has('expired') || has('notexist')) && has('codeNoun'))) cues.rejected = true;
    // "You have 2 attempts left before your SIM is blocked": a warning, the attempts are not spent.
    const attemptsLeft = has('attempt') && has('balance') && !has('max');
    if (!attemptsLeft && ((has('max') && has('attempt')) || has('blocked'))) cues.attempts = true;
    if (has('unavailable') || has('cannot') || (has('try') && has('later'))) cues.unavailable = true;
    if (has('pending')) cues.pending = true;
    if (has('balance')) cues.balanceWord = true;
    sentence = [];
  };
  items.forEach((item, index) => {
    if (item.t === 'end') close();
    else if (tags[index]) sentence.push(tags[index]!);
  });
  close();
  if (profile.has('p:attempts')) cues.profile = 'attempts-exceeded';
  else if (profile.has('p:rejected')) cues.profile = 'rejected';
  else if (profile.has('p:unavailable')) cues.profile = 'unavailable';
  else if (profile.has('p:success')) cues.profile = 'success';
  return cues;
}
