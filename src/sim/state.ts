import fs from 'node:fs';
import path from 'node:path';

export type VoucherStatus = 'new' | 'activated' | 'expired';

export interface SimVoucher {
  /** `<series>-<number>`, as billing systems print it on the card. */
  serial: string;
  /** The secret the customer scratches off and dials. */
  pin: string;
  amountCents: number;
  currency: string;
  status: VoucherStatus;
  /** Last day the card can be used (YYYY-MM-DD). */
  expiresOn: string;
  activatedAt: string | null;
  /** Who used it: the IMSI of the SIM that dialled it. */
  activatedBy?: string | null;
  createdAt: string;
  /** The reseller that owns the card (absent in state files from before resellers). */
  reseller?: string | null;
}

export interface DialRecord {
  at: string;
  /** Exactly what the modem dialled: the carrier's own log, the witness that no code went twice. */
  ussd: string;
  outcome: 'recharged' | 'rejected' | 'blocked' | 'balance' | 'unknown-code';
}

export interface PhoneMessage {
  from: string;
  text: string;
  at: string;
}

export interface StoredSms {
  index: number;
  /** 0 received unread, 1 received read, 2 stored unsent, 3 stored sent (TS 27.005). */
  status: number;
  pdu: string;
}

export interface SimState {
  version: 1;
  carrier: {
    /** Which carrier dialect the simulated network speaks (vivacom, a1, yettel). */
    dialect: string;
    imsi: string;
    balanceCents: number;
    currency: string;
    validUntil: string;
    vouchers: SimVoucher[];
    badAttempts: string[];
    blockedUntil: string | null;
    dialLog: DialRecord[];
  };
  /** Messages the simulated network delivered to each phone, keyed by canonical number. */
  phones: Record<string, PhoneMessage[]>;
  /** The SIM's message storage. */
  storage: StoredSms[];
  /** The modem's status-report memory ("SR"), for a modem that keeps reports apart (absent in older state files). */
  reportStorage?: StoredSms[];
  nextMessageReference: number;
}

export function loadSimState(file: string): SimState | null {
  try {
    const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as SimState;
    return parsed.version === 1 ? parsed : null;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new Error(`simulator state ${file} is unreadable: ${(err as Error).message}`);
  }
}

/** Write-then-rename, so a crash mid-write never leaves a torn state file. */
export function saveSimState(file: string, state: SimState): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(state, null, 1));
  fs.renameSync(tmp, file);
}
