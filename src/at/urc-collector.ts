import { parseFinalResult } from './final-result.js';
import type { UrcEntry, UrcRegistry } from './urc.js';

/** A text of more lines or characters than these is not a USSD answer any modem prints: it is taken as is. */
export const MAX_URC_LINES = 64;
export const MAX_URC_CHARS = 8192;
/** A multi-line URC whose next line does not come within this is taken as it stands. */
export const URC_IDLE_MS = 1000;

interface Pending {
  entry: UrcEntry;
  lines: string[];
  /** The quoted text so far, its lines joined by LF, and how many lines and quotes it has. */
  text: string;
  count: number;
  quotes: number;
}

export type DeliverUrc = (entry: UrcEntry, lines: string[], complete: boolean) => void;

/**
 * Collects the URCs that span lines: `+CMT:`/`+CDS:` with the PDU on the next line, and a `+CUSD:`
 * text broken across lines until its closing quote. What a modem prints is not trusted to finish:
 * the URC also ends at a final result or a line that is certainly another URC (a reboot banner
 * cutting it in half), at MAX_URC_LINES lines or MAX_URC_CHARS characters, or after URC_IDLE_MS
 * without a line — and is then delivered as it stands (`complete` false), so nothing waits forever
 * and nothing grows without bound.
 */
export class UrcCollector {
  private pending: Pending | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly urcs: UrcRegistry,
    private readonly deliver: DeliverUrc,
    private readonly idleMs = URC_IDLE_MS,
  ) {}

  get collecting(): boolean {
    return this.pending !== null;
  }

  /** A URC line: delivered at once, or held when more lines belong to it. */
  start(entry: UrcEntry, line: string): void {
    this.flush();
    const quotes = countQuotes(line);
    if (entry.lines === 2 || (entry.quoted && quotes > 0 && !this.ends(entry, line, quotes))) {
      this.pending = { entry, lines: [line], text: line, count: 1, quotes };
      this.arm();
      return;
    }
    this.deliver(entry, [line], true);
  }

  /**
   * Offers the next line. True when it belonged to the URC being collected; false when it is to be
   * handled as a line of its own (nothing was being collected, or the line ended the URC early:
   * a final result, a certain URC, or what `interrupts` recognises, such as a command's echo).
   */
  offer(piece: string, interrupts: (line: string) => boolean = () => false): boolean {
    const pending = this.pending;
    if (!pending) return false;
    const line = piece.trim();
    if (parseFinalResult(line) || this.urcs.isCertain(line) || interrupts(line)) {
      this.flush();
      return false;
    }
    if (pending.entry.lines === 2) {
      if (line === '') return true;
      this.finish([...pending.lines, line], true);
      return true;
    }
    pending.text += `\n${piece}`;
    pending.count += 1;
    pending.quotes += countQuotes(piece);
    if (this.ends(pending.entry, piece, pending.quotes)) this.finish([pending.text], true);
    else if (pending.text.length >= MAX_URC_CHARS || pending.count >= MAX_URC_LINES) this.flush();
    else this.arm();
    return true;
  }

  /**
   * A quoted text ends with a line that closes it by its own rule (`",<dcs>` for +CUSD), or with a
   * closing quote that pairs up the quotes so far. A line with a stray quote inside the text and
   * none at its end does not end it.
   */
  private ends(entry: UrcEntry, line: string, quotes: number): boolean {
    return entry.quoted!.closes(line) || (quotes % 2 === 0 && line.trimEnd().endsWith('"'));
  }

  /** Delivers what is being collected as it stands (the time bound, an interruption, the end of input). */
  flush(): void {
    const pending = this.pending;
    if (!pending) return;
    this.finish(pending.entry.lines === 2 ? pending.lines : [pending.text], false);
  }

  /** Drops what is being collected without delivering it (the engine closed). */
  close(): void {
    this.clearTimer();
    this.pending = null;
  }

  private finish(lines: string[], complete: boolean): void {
    const entry = this.pending!.entry;
    this.clearTimer();
    this.pending = null;
    this.deliver(entry, lines, complete);
  }

  private arm(): void {
    this.clearTimer();
    this.timer = setTimeout(() => this.flush(), this.idleMs);
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}

function countQuotes(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 0x22) n += 1;
  return n;
}
