import { cusdTextEnds } from '../codec/ussd.js';

export interface UrcSpec {
  /** Line prefix, e.g. "+CMTI:" or "RING". */
  prefix: string;
  /** "+CMT:"/"+CDS:" carry the PDU on the following line. */
  lines?: 1 | 2;
  /**
   * "+CUSD:" text may span lines until its closing quote. `closes` says whether a line ends the
   * text although its quotes do not pair up (a carrier's text with a quote of its own in it).
   */
  quoted?: { closes: (line: string) => boolean };
}

export type UrcHandler = (lines: string[]) => void;

export interface UrcEntry {
  prefix: string;
  lines: 1 | 2;
  quoted: { closes: (line: string) => boolean } | null;
  handlers: Set<UrcHandler>;
}

/**
 * URC routing by prefix, whatever is in flight. Known noise (start-up banners, Huawei status lines)
 * is registered with no handler so it never lands in a command's response.
 */
export class UrcRegistry {
  private readonly entries = new Map<string, UrcEntry>();

  constructor(specs: UrcSpec[] = DEFAULT_URCS) {
    for (const spec of specs) this.declare(spec);
  }

  declare(spec: UrcSpec): void {
    if (!this.entries.has(spec.prefix)) {
      this.entries.set(spec.prefix, { prefix: spec.prefix, lines: spec.lines ?? 1, quoted: spec.quoted ?? null, handlers: new Set() });
    }
  }

  on(prefix: string, handler: UrcHandler): () => void {
    this.declare({ prefix });
    const entry = this.entries.get(prefix)!;
    entry.handlers.add(handler);
    return () => entry.handlers.delete(handler);
  }

  match(line: string): UrcEntry | undefined {
    for (const entry of this.entries.values()) {
      if (line.startsWith(entry.prefix)) return entry;
    }
    return undefined;
  }

  /**
   * Whether a line is certainly a URC, not a line of some text: a structured one (`+CMTI: …`,
   * `^RSSI: …`) or a bare word that is the whole line (`RDY`, `RING`). A USSD menu item reading
   * "RING TONES" is text.
   */
  isCertain(line: string): boolean {
    const entry = this.match(line);
    if (!entry) return false;
    return entry.prefix.startsWith('+') || entry.prefix.startsWith('^') || line === entry.prefix;
  }

  dispatch(entry: UrcEntry, lines: string[]): number {
    for (const handler of entry.handlers) handler(lines);
    return entry.handlers.size;
  }
}

export const DEFAULT_URCS: UrcSpec[] = [
  { prefix: '+CMTI:' },
  { prefix: '+CDSI:' },
  { prefix: '+CMT:', lines: 2 },
  { prefix: '+CDS:', lines: 2 },
  { prefix: '+CUSD:', quoted: { closes: cusdTextEnds } },
  { prefix: '+CREG:' },
  { prefix: '+CGREG:' },
  { prefix: '+CEREG:' },
  { prefix: '+CPIN:' },
  { prefix: '+CFUN:' },
  { prefix: 'RING' },
  { prefix: '+CLIP:' },
  { prefix: '+CRING:' },
  // A call that ended (the caller hung up while it rang); the engine routes it here only when no call command is in flight.
  { prefix: 'NO CARRIER' },
  { prefix: 'RDY' },
  { prefix: 'Call Ready' },
  { prefix: 'SMS Ready' },
  { prefix: '+PACSP' },
  { prefix: '^RSSI:' },
  { prefix: '^MODE:' },
  { prefix: '^BOOT:' },
  { prefix: '^SRVST:' },
  { prefix: '^SIMST:' },
  { prefix: '^DSFLOWRPT:' },
  { prefix: '+QIND:' },
];
