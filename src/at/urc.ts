export interface UrcSpec {
  /** Line prefix, e.g. "+CMTI:" or "RING". */
  prefix: string;
  /** "+CMT:"/"+CDS:" carry the PDU on the following line. */
  lines?: 1 | 2;
  /** "+CUSD:" text may span lines until its closing quote. */
  quoted?: boolean;
}

export type UrcHandler = (lines: string[]) => void;

interface Entry extends Required<UrcSpec> {
  handlers: Set<UrcHandler>;
}

/**
 * URC routing by prefix, whatever is in flight. Known noise (start-up banners, Huawei status lines)
 * is registered with no handler so it never lands in a command's response.
 */
export class UrcRegistry {
  private readonly entries = new Map<string, Entry>();

  constructor(specs: UrcSpec[] = DEFAULT_URCS) {
    for (const spec of specs) this.declare(spec);
  }

  declare(spec: UrcSpec): void {
    if (!this.entries.has(spec.prefix)) {
      this.entries.set(spec.prefix, { prefix: spec.prefix, lines: spec.lines ?? 1, quoted: spec.quoted ?? false, handlers: new Set() });
    }
  }

  on(prefix: string, handler: UrcHandler): () => void {
    this.declare({ prefix });
    const entry = this.entries.get(prefix)!;
    entry.handlers.add(handler);
    return () => entry.handlers.delete(handler);
  }

  match(line: string): Entry | undefined {
    for (const entry of this.entries.values()) {
      if (line === entry.prefix || line.startsWith(entry.prefix)) return entry;
    }
    return undefined;
  }

  dispatch(entry: Entry, lines: string[]): number {
    for (const handler of entry.handlers) handler(lines);
    return entry.handlers.size;
  }
}

export const DEFAULT_URCS: UrcSpec[] = [
  { prefix: '+CMTI:' },
  { prefix: '+CDSI:' },
  { prefix: '+CMT:', lines: 2 },
  { prefix: '+CDS:', lines: 2 },
  { prefix: '+CUSD:', quoted: true },
  { prefix: '+CREG:' },
  { prefix: '+CGREG:' },
  { prefix: '+CEREG:' },
  { prefix: '+CPIN:' },
  { prefix: '+CFUN:' },
  { prefix: 'RING' },
  { prefix: '+CLIP:' },
  { prefix: '+CRING:' },
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
