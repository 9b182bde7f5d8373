import type { Money } from '../carriers/money.js';

/** Every way a CREDIT request can end; control/ turns each into the reply text. */
export type RechargeResult =
  | { kind: 'disabled' }
  | { kind: 'unavailable' }
  | { kind: 'invalid-code' }
  | { kind: 'locked'; reason: 'budget' | 'carrier'; rejections: number; allowed: number; windowHours: number }
  | { kind: 'already-used'; masked: string; at: string }
  | { kind: 'in-progress'; masked: string }
  /** The same code again while an earlier dial of it has no known outcome: what the carrier said then, if anything. */
  | { kind: 'outcome-unknown'; masked: string; at: string; id: number; carrierSaid: string | null; interrupted: boolean }
  | { kind: 'success'; masked: string; added: Money | null; balance: Money | null; before: Money | null; validUntil: string | null }
  | { kind: 'rejected'; masked: string; attemptsLeft: number; windowHours: number }
  | { kind: 'attempts-exceeded'; masked: string }
  /** The code was sent and no answer came: it may have been used. */
  | { kind: 'no-answer'; masked: string; id: number }
  /** The carrier answered in words that do not say what happened. */
  | { kind: 'unrecognised'; masked: string; text: string; id: number }
  | { kind: 'failed'; masked: string; reason: string };
