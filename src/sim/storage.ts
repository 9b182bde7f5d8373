import type { SimState, StoredSms } from './state.js';

/** Where a memory's messages are kept in the state: the SIM's storage, or the status-report memory. */
export type MemoryKey = 'storage' | 'reportStorage';

/** One message memory: numbered slots from 1, a fixed capacity, as `AT+CPMS` reports it. */
export class SimStorage {
  constructor(private readonly state: SimState, readonly capacity: number, private readonly changed: () => void, private readonly key: MemoryKey = 'storage') {}

  private get messages(): StoredSms[] {
    return (this.state[this.key] ??= []);
  }

  private set messages(list: StoredSms[]) {
    this.state[this.key] = list;
  }

  get used(): number {
    return this.messages.length;
  }

  /** Stores a received PDU; returns its index, or null when the storage is full. */
  store(pdu: string): number | null {
    const taken = new Set(this.messages.map((m) => m.index));
    for (let index = 1; index <= this.capacity; index++) {
      if (!taken.has(index)) {
        this.messages.push({ index, status: 0, pdu });
        this.messages.sort((a, b) => a.index - b.index);
        this.changed();
        return index;
      }
    }
    return null;
  }

  get(index: number): StoredSms | undefined {
    return this.messages.find((m) => m.index === index);
  }

  /** Stat 4 lists all; reading marks received-unread messages as read, as modems do. */
  list(stat: number): StoredSms[] {
    const out = this.messages.filter((m) => stat === 4 || m.status === stat);
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
    const before = this.messages.length;
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
    this.messages = this.messages.filter(keep);
    if (this.messages.length !== before) this.changed();
  }
}

/** TPDU length of a stored PDU (octets after the SMSC part), as `+CMGL`/`+CMGR` print it. */
export function tpduLength(pdu: string): number {
  const smscOctets = parseInt(pdu.slice(0, 2), 16) || 0;
  return pdu.length / 2 - 1 - smscOctets;
}
