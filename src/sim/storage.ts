import type { SimState, StoredSms } from './state.js';

/** The SIM's SMS storage: numbered slots from 1, a fixed capacity, as `AT+CPMS` reports it. */
export class SimStorage {
  constructor(private readonly state: SimState, readonly capacity: number, private readonly changed: () => void) {}

  get used(): number {
    return this.state.storage.length;
  }

  /** Stores a received PDU; returns its index, or null when the storage is full. */
  store(pdu: string): number | null {
    const taken = new Set(this.state.storage.map((m) => m.index));
    for (let index = 1; index <= this.capacity; index++) {
      if (!taken.has(index)) {
        this.state.storage.push({ index, status: 0, pdu });
        this.state.storage.sort((a, b) => a.index - b.index);
        this.changed();
        return index;
      }
    }
    return null;
  }

  get(index: number): StoredSms | undefined {
    return this.state.storage.find((m) => m.index === index);
  }

  /** Stat 4 lists all; reading marks received-unread messages as read, as modems do. */
  list(stat: number): StoredSms[] {
    const out = this.state.storage.filter((m) => stat === 4 || m.status === stat);
    this.markRead(out);
    return out;
  }

  markRead(messages: StoredSms[]): void {
    let touched = false;
    for (const m of messages) {
      if (m.status === 0) {
        m.status = 1;
        touched = true;
      }
    }
    if (touched) this.changed();
  }

  /** AT+CMGD flags (TS 27.005 §3.5.4): 0 this index, 1 all read, 2 read+sent, 3 read+sent+unsent, 4 all. */
  delete(index: number, flag = 0): void {
    const before = this.state.storage.length;
    const keep = (m: StoredSms): boolean => {
      switch (flag) {
        case 0:
          return m.index !== index;
        case 1:
          return m.status !== 1;
        case 2:
          return m.status !== 1 && m.status !== 3;
        case 3:
          return m.status === 0;
        default:
          return false;
      }
    };
    this.state.storage = this.state.storage.filter(keep);
    if (this.state.storage.length !== before) this.changed();
  }
}

/** TPDU length of a stored PDU (octets after the SMSC part), as `+CMGL`/`+CMGR` print it. */
export function tpduLength(pdu: string): number {
  const smscOctets = parseInt(pdu.slice(0, 2), 16) || 0;
  return pdu.length / 2 - 1 - smscOctets;
}
