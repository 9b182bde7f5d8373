import type { Money } from '../carriers/money.js';

/** Every way a CREDIT request can end; control/ turns each into the reply text. */
export type RechargeResult =
  | { kind: 'disabled' }
  | { kind: 'unavailable' }
  | { kind: 'invalid-code' }
  | { kind: 'locked'; reason: 'budget' | 'carrier'; rejections: number; allowed: number; windowHours: number }
  | { kind: 'already-used'; masked: string; at: string }
  | { kind: 'in-progress'; masked: string }
  | { kind: 'outcome-unknown'; masked: string; at: string }
  | { kind: 'success'; masked: string; added: Money | null; balance: Money | null; before: Money | null; validUntil: string | null }
  | { kind: 'rejected'; masked: string; attemptsLeft: number; windowHours: number }
  | { kind: 'attempts-exceeded'; masked: string }
  | { kind: 'no-answer'; masked: string }
  | { kind: 'unrecognised'; masked: string; text: string }
  | { kind: 'failed'; masked: string; reason: string };
