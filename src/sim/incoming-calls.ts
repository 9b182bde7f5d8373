import { ok, setNumber, type AtContext, type Reply } from './at-context.js';

/** A call a phone made to the simulated SIM, as the carrier's records keep it. */
export interface CallRecord {
  /** The caller's number as presented; null when withheld. */
  from: string | null;
  at: string;
  rings: number;
  /** `rejected`: hung up by the box unanswered (free for the caller); `answered`: connected (ATA); `missed`: the caller gave up. */
  outcome: 'ringing' | 'rejected' | 'answered' | 'missed';
}

export interface RingOptions {
  /** The caller withholds their number (CLIR): +CLIP shows an empty number, validity 1. */
  withheld?: boolean;
  /** How many times it rings before the caller gives up (default 10). */
  rings?: number;
  /** Between RINGs (a network: 3–5 s). */
  intervalMs?: number;
}

/** Calls kept for tests and people to look at; the oldest go first. */
const MAX_CALL_RECORDS = 100;

/**
 * Voice calls to the simulated SIM: RING and +CLIP while one rings, and the commands that end it
 * (AT+CHUP/ATH reject it, ATA answers it), with a record of every call.
 */
export class IncomingCalls {
  /** Every call made to this SIM, newest last. */
  readonly records: CallRecord[] = [];
  private ringing: { record: CallRecord; withheld: boolean; left: number; intervalMs: number; timer: NodeJS.Timeout | null } | null = null;

  constructor(private readonly context: AtContext) {}

  /**
   * A phone calls the SIM: RING (and +CLIP when caller ID is on) every `intervalMs` until the box
   * hangs up (AT+CHUP, ATH), answers (ATA), or the caller gives up after `rings` (NO CARRIER).
   * False when the line is busy with another call or there is no network or SIM.
   */
  ring(from: string, options: RingOptions = {}): boolean {
    const { faults } = this.context;
    if (this.ringing || faults.has('network-lost') || faults.has('sim-removed')) return false;
    const withheld = options.withheld ?? false;
    const record: CallRecord = { from: withheld ? null : from, at: new Date().toISOString(), rings: 0, outcome: 'ringing' };
    this.records.push(record);
    if (this.records.length > MAX_CALL_RECORDS) this.records.shift();
    this.ringing = { record, withheld, left: options.rings ?? 10, intervalMs: options.intervalMs ?? 3000, timer: null };
    this.ringOnce();
    return true;
  }

  private ringOnce(): void {
    const call = this.ringing;
    if (!call) return;
    if (call.left <= 0) {
      this.end('missed');
      this.context.urc('NO CARRIER');
      return;
    }
    call.left -= 1;
    call.record.rings += 1;
    // SIM800's shape: number, type, subaddress, satype, alpha, CLI validity.
    const clip = call.withheld ? '+CLIP: "",128,"",0,"",1' : `+CLIP: "${call.record.from}",145,"",0,"",0`;
    this.context.urc('RING', ...(this.context.settings.clip === 1 ? [clip] : []));
    call.timer = setTimeout(() => this.ringOnce(), call.intervalMs);
  }

  /** Ends the ringing call as `outcome`; false when none rings. */
  end(outcome: CallRecord['outcome']): boolean {
    const call = this.ringing;
    if (!call) return false;
    if (call.timer) clearTimeout(call.timer);
    call.record.outcome = outcome;
    this.ringing = null;
    return true;
  }

  /** AT+CLIP, AT+CHUP/ATH and ATA; undefined for any other command. */
  command(upper: string): Reply | undefined {
    const m = /^\+CLIP=(\d)$/.exec(upper);
    if (m) return setNumber(this.context, 'clip', Number(m[1]), 1);
    if (upper === '+CLIP?') return ok(`+CLIP: ${this.context.settings.clip},1`);
    // Hang up: the ringing call is rejected, never connected (ATH with nothing to hang up is OK too).
    if (upper === '+CHUP' || upper === 'H' || upper === 'H0') {
      this.end('rejected');
      return ok();
    }
    if (upper === 'A') return this.end('answered') ? ok() : { lines: [], final: 'NO CARRIER' };
    return undefined;
  }
}
