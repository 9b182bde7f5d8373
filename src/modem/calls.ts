/**
 * Incoming calls as the modem announces them: `RING` (or `+CRING: <type>`) again every few seconds
 * while the phone rings, each followed by `+CLIP: …` once caller ID is on (AT+CLIP=1). One call is
 * many RINGs; what the layers above hear is one 'incoming-call' per call, with the caller's number.
 */

/** The caller as `+CLIP:` presents them (TS 27.007 §7.6). */
export interface CallerId {
  /** Digits with an optional '+' (international when the type says so); null when withheld or unavailable. */
  number: string | null;
  /** Type of address: 129 unknown/national, 145 international, 128 unknown (a withheld number). */
  type: number | null;
  /** The modem's phone book name for the number, when it has one. */
  alpha: string | null;
  /** 0 valid, 1 withheld by the caller, 2 not available (interworking); null when the modem does not say. */
  validity: number | null;
}

/** One incoming call, told once however many times it rings. */
export interface IncomingCall {
  /** The caller's number; null when it was withheld, not available, or caller ID never came. */
  number: string | null;
  /** The caller chose to withhold it (CLI validity 1). */
  withheld: boolean;
}

const NUMBER = /^\+?[0-9]{1,30}$/;
const MAX_FIELDS = 8;

/**
 * The comma-separated fields of a URC's parameters, quotes taken off a quoted one; one pass over
 * the text, at most MAX_FIELDS fields (whatever follows is ignored).
 */
function fields(text: string): string[] {
  const out: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < text.length && out.length < MAX_FIELDS; i++) {
    const ch = text[i]!;
    if (ch === '"') quoted = !quoted;
    else if (ch === ',' && !quoted) {
      out.push(current.trim());
      current = '';
    } else current += ch;
  }
  if (out.length < MAX_FIELDS) out.push(current.trim());
  return out;
}

const integer = (text: string | undefined): number | null => (text !== undefined && /^[0-9]{1,3}$/.test(text) ? Number(text) : null);

/**
 * `+CLIP: <number>,<type>[,<subaddr>,<satype>[,<alpha>[,<CLI validity>]]]`, in the shapes modems
 * print it: quoted or bare number, fields left empty or out, an empty number for a withheld caller.
 * Null for a line that is not a +CLIP.
 */
export function parseClip(line: string): CallerId | null {
  if (!line.startsWith('+CLIP:')) return null;
  const [rawNumber = '', rawType, , , rawAlpha, rawValidity] = fields(line.slice(6).trim());
  const type = integer(rawType);
  const validity = integer(rawValidity);
  let number: string | null = NUMBER.test(rawNumber) ? rawNumber : null;
  // An international number (type 145) printed without its '+'.
  if (number && type === 145 && !number.startsWith('+')) number = `+${number}`;
  if (validity === 1 || validity === 2) number = null;
  return { number, type, alpha: rawAlpha ? rawAlpha : null, validity };
}

export interface CallWatchTiming {
  /** A call whose RINGs stopped this long ago is over (the caller gave up); a RING after that is a new call. */
  endAfterMs: number;
  /** How long a RING waits for its +CLIP before the call is told without a number (caller ID off or not provided). */
  clipWaitMs: number;
}

export const DEFAULT_CALL_TIMING: CallWatchTiming = { endAfterMs: 8000, clipWaitMs: 2000 };

/**
 * Turns the RINGs and +CLIPs of the line into calls: the first +CLIP of a call (or its first RING,
 * when no +CLIP follows in time) tells the call; the RINGs that follow are the same call until the
 * call ends — it was hung up, NO CARRIER came, or the RINGs stopped for `endAfterMs`.
 */
export class CallWatch {
  private active = false;
  private told = false;
  private endTimer: NodeJS.Timeout | null = null;
  private clipTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly tell: (call: IncomingCall) => void,
    private readonly timing: CallWatchTiming = DEFAULT_CALL_TIMING,
  ) {}

  /** A `RING` or `+CRING:`. */
  ring(): void {
    if (!this.active) {
      this.active = true;
      this.told = false;
      this.clipTimer = this.timer(() => this.announce({ number: null, withheld: false }), this.timing.clipWaitMs);
    }
    if (this.endTimer) clearTimeout(this.endTimer);
    this.endTimer = this.timer(() => this.ended(), this.timing.endAfterMs);
  }

  /** A `+CLIP:` (a RING lost on the line still makes it a call). */
  callerId(id: CallerId): void {
    if (!this.active) this.ring();
    this.announce({ number: id.number, withheld: id.validity === 1 });
  }

  /** The call is over: hung up by us, or NO CARRIER. The next RING is a new call. */
  ended(): void {
    this.active = false;
    this.clear();
  }

  /** The modem closes: a call in progress is forgotten, as one that ended. */
  close(): void {
    this.ended();
  }

  private announce(call: IncomingCall): void {
    if (this.told || !this.active) return;
    this.told = true;
    if (this.clipTimer) clearTimeout(this.clipTimer);
    this.clipTimer = null;
    this.tell(call);
  }

  private timer(run: () => void, ms: number): NodeJS.Timeout {
    const timer = setTimeout(run, ms);
    timer.unref();
    return timer;
  }

  private clear(): void {
    if (this.endTimer) clearTimeout(this.endTimer);
    if (this.clipTimer) clearTimeout(this.clipTimer);
    this.endTimer = null;
    this.clipTimer = null;
  }
}
