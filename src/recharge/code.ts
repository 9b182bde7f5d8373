import { createHmac } from 'node:crypto';
import { maskSecret } from '../log/secrets.js';
import type { CarrierProfile } from '../carriers/profile.js';

/**
 * The seed's local check: digits only, and a length this carrier uses. A code that fails it is
 * never dialled (a wrong code counts against the SIM at the carrier).
 */
export function isValidCode(code: string, profile: CarrierProfile): boolean {
  return /^[0-9]+$/.test(code) && profile.file.recharge.codeLengths.includes(code.length);
}

/** Keyed hash: recognises a code used before without keeping the code itself. */
export function hashCode(secret: string, code: string): string {
  return createHmac('sha256', secret).update(code).digest('hex');
}

export const maskCode = maskSecret;
