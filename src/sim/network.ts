import { canonicalNumber } from '../codec/address.js';
import { decodeSubmit } from '../codec/sms-submit.js';
import { encodeDeliver } from '../codec/sms-deliver.js';
import { splitText } from '../codec/split.js';
import { concatUdh } from '../codec/udh.js';
import type { PhoneMessage, SimState } from './state.js';

/** The simulated carriers are Bulgarian: a national number a phone gives is read as +359. */
const COUNTRY_CODE = '359';

/**
 * The simulated radio network: phones that text the box, and what the box's messages deliver to.
 * Multipart messages from the box are shown on the phone once all parts have arrived.
 */
export class SimNetwork {
  private readonly partial = new Map<string, { parts: Map<number, string>; total: number }>();
  private concatRef = 0;

  constructor(private readonly state: SimState, private readonly now: () => Date, private readonly changed: () => void) {}

  /** PDUs (one per part) for an SMS a phone sends to the box. */
  pdusFromPhone(from: string, text: string): string[] {
    const { alphabet, parts } = splitText(text);
    const ref = (this.concatRef = (this.concatRef + 1) & 0xff);
    return parts.map((part, i) =>
      encodeDeliver({
        sender: canonicalNumber(from, COUNTRY_CODE),
        text: part,
        date: this.now(),
        smsc: '+35988000000',
        alphabet,
        ...(parts.length > 1 ? { udh: concatUdh({ ref, total: parts.length, seq: i + 1 }) } : {}),
      }),
    );
  }

  /** A submitted PDU from the box; returns false when it is not a valid SMS-SUBMIT. */
  acceptFromModem(pdu: string, senderMsisdn: string): boolean {
    let submit;
    try {
      submit = decodeSubmit(pdu);
    } catch {
      return false;
    }
    const to = canonicalNumber(submit.to, COUNTRY_CODE);
    if (!submit.concat) {
      this.deliver(to, senderMsisdn, submit.text);
      return true;
    }
    const key = `${to}|${submit.concat.ref}|${submit.concat.total}`;
    const entry = this.partial.get(key) ?? { parts: new Map<number, string>(), total: submit.concat.total };
    entry.parts.set(submit.concat.seq, submit.text);
    this.partial.set(key, entry);
    if (entry.parts.size === entry.total) {
      this.partial.delete(key);
      const text = [...entry.parts.entries()].sort((a, b) => a[0] - b[0]).map(([, t]) => t).join('');
      this.deliver(to, senderMsisdn, text);
    }
    return true;
  }

  /** A phone's number as the network presents it to a called SIM (international). */
  caller(number: string): string {
    return canonicalNumber(number, COUNTRY_CODE);
  }

  messagesFor(number: string): PhoneMessage[] {
    return this.state.phones[canonicalNumber(number, COUNTRY_CODE)] ?? [];
  }

  private deliver(to: string, from: string, text: string): void {
    (this.state.phones[to] ??= []).push({ from, text, at: this.now().toISOString() });
    this.changed();
  }
}
