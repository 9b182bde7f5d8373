import { canonicalNumber } from '../codec/address.js';
import { decodeSubmit, type SmsSubmit } from '../codec/sms-submit.js';
import { encodeDeliver } from '../codec/sms-deliver.js';
import { encodeStatusReport } from '../codec/sms-status-report.js';
import { splitText } from '../codec/split.js';
import { concatUdh } from '../codec/udh.js';
import type { PhoneMessage, SimState } from './state.js';

/** The simulated carriers are Bulgarian: a national number a phone gives is read as +359. */
const COUNTRY_CODE = '359';
const SMSC = '+35988000000';

/** TP-ST values the simulated service centre reports (TS 23.040 §9.2.3.15). */
const RECEIVED = 0x00;
/** No response from the recipient's phone; the service centre makes no more attempts. */
const NO_RESPONSE_GAVE_UP = 0x62;

export interface NetworkTiming {
  /** How long after a delivery its status report reaches the modem (a real network: a few seconds). */
  reportDelayMs: number;
  /** How long the service centre keeps trying a phone that is off before it gives up (a real one: up to the SMS's validity). */
  holdMs: number;
}

export const DEFAULT_NETWORK_TIMING: NetworkTiming = { reportDelayMs: 500, holdMs: 10 * 60_000 };

/** One part the box submitted, as the service centre keeps it until the phone takes it. */
interface Submitted {
  to: string;
  from: string;
  submit: SmsSubmit;
  /** The TP-MR the modem gave it (`+CMGS: <mr>`), which its status report names. */
  reference: number;
  at: Date;
}

/**
 * The simulated radio network: phones that text the box, and what the box's messages deliver to.
 * Multipart messages from the box are shown on the phone once all parts have arrived. A phone can
 * be switched off: the service centre holds what is sent to it, delivers it when the phone comes
 * back, and gives up after `holdMs`. A part whose SUBMIT asked for a status report (TP-SRR) gets
 * one once its fate is known — received, or no response — handed to the modem like a real
 * network's, which routes it as its AT+CNMI says.
 */
export class SimNetwork {
  private readonly partial = new Map<string, { parts: Map<number, string>; total: number }>();
  private concatRef = 0;
  private readonly off = new Set<string>();
  private readonly held = new Map<string, Array<{ part: Submitted; giveUp: NodeJS.Timeout }>>();
  private readonly timers = new Set<NodeJS.Timeout>();
  /** Parts whose SUBMIT asked for a status report (TP-SRR). */
  reportsRequested = 0;

  constructor(
    private readonly state: SimState,
    private readonly now: () => Date,
    private readonly changed: () => void,
    /** A status report for the modem (PDU with the SMSC prefix). */
    private readonly report: (pdu: string) => void = () => {},
    private readonly timing: NetworkTiming = DEFAULT_NETWORK_TIMING,
  ) {}

  /** PDUs (one per part) for an SMS a phone sends to the box. */
  pdusFromPhone(from: string, text: string): string[] {
    const { alphabet, parts } = splitText(text);
    const ref = (this.concatRef = (this.concatRef + 1) & 0xff);
    return parts.map((part, i) =>
      encodeDeliver({
        sender: canonicalNumber(from, COUNTRY_CODE),
        text: part,
        date: this.now(),
        smsc: SMSC,
        alphabet,
        ...(parts.length > 1 ? { udh: concatUdh({ ref, total: parts.length, seq: i + 1 }) } : {}),
      }),
    );
  }

  /** A submitted PDU from the box, with the TP-MR its modem gave it; false when it is not a valid SMS-SUBMIT. */
  acceptFromModem(pdu: string, senderMsisdn: string, reference = 0): boolean {
    let submit: SmsSubmit;
    try {
      submit = decodeSubmit(pdu);
    } catch {
      return false;
    }
    const part: Submitted = { to: canonicalNumber(submit.to, COUNTRY_CODE), from: senderMsisdn, submit, reference, at: this.now() };
    if (submit.statusReport) this.reportsRequested += 1;
    if (this.off.has(part.to)) this.hold(part);
    else this.deliverPart(part);
    return true;
  }

  /** Switches a phone on or off; a phone switched on gets what the service centre held for it. */
  setReachable(number: string, on: boolean): void {
    const phone = canonicalNumber(number, COUNTRY_CODE);
    if (!on) {
      this.off.add(phone);
      return;
    }
    this.off.delete(phone);
    const waiting = this.held.get(phone) ?? [];
    this.held.delete(phone);
    for (const { part, giveUp } of waiting) {
      clearTimeout(giveUp);
      this.deliverPart(part);
    }
  }

  isReachable(number: string): boolean {
    return !this.off.has(canonicalNumber(number, COUNTRY_CODE));
  }

  messagesFor(number: string): PhoneMessage[] {
    return this.state.phones[canonicalNumber(number, COUNTRY_CODE)] ?? [];
  }

  /** Stops the timers of held messages and reports on their way (the simulator closes). */
  close(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    for (const waiting of this.held.values()) for (const { giveUp } of waiting) clearTimeout(giveUp);
    this.held.clear();
  }

  private hold(part: Submitted): void {
    const waiting = this.held.get(part.to) ?? [];
    const giveUp = setTimeout(() => {
      const list = this.held.get(part.to) ?? [];
      const at = list.findIndex((entry) => entry.part === part);
      if (at >= 0) list.splice(at, 1);
      this.statusReport(part, NO_RESPONSE_GAVE_UP);
    }, this.timing.holdMs);
    waiting.push({ part, giveUp });
    this.held.set(part.to, waiting);
  }

  private deliverPart(part: Submitted): void {
    const { submit, to, from } = part;
    this.statusReport(part, RECEIVED);
    if (!submit.concat) return this.deliver(to, from, submit.text);
    const key = `${to}|${submit.concat.ref}|${submit.concat.total}`;
    const entry = this.partial.get(key) ?? { parts: new Map<number, string>(), total: submit.concat.total };
    entry.parts.set(submit.concat.seq, submit.text);
    this.partial.set(key, entry);
    if (entry.parts.size === entry.total) {
      this.partial.delete(key);
      const text = [...entry.parts.entries()].sort((a, b) => a[0] - b[0]).map(([, t]) => t).join('');
      this.deliver(to, from, text);
    }
  }

  /** A phone's number as the network presents it to a called SIM (international). */
  caller(number: string): string {
    return canonicalNumber(number, COUNTRY_CODE);
  }

  /** The report a part's SUBMIT asked for, on its way to the modem after the network's delay. */
  private statusReport(part: Submitted, status: number): void {
    if (!part.submit.statusReport) return;
    const pdu = encodeStatusReport({ reference: part.reference, recipient: part.to, submitted: part.at, discharged: this.now(), status, smsc: SMSC });
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.report(pdu);
    }, this.timing.reportDelayMs);
    this.timers.add(timer);
  }

  private deliver(to: string, from: string, text: string): void {
    (this.state.phones[to] ??= []).push({ from, text, at: this.now().toISOString() });
    this.changed();
  }
}
