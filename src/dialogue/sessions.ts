/** A caller's session: the line they called, waiting for their coupon until it times out. */
export interface DialogueSession {
  caller: string;
  line: string;
  openedAt: number;
}

/**
 * The open sessions of the recharge dialogue: one per caller (a caller who rings again starts
 * theirs afresh), at most `max` at once, each ended after `sessionMs` without a reply. Bounded and
 * in memory: a restart ends them all, and a reply then is an ordinary SMS.
 */
export class DialogueSessions {
  private readonly open = new Map<string, { session: DialogueSession; timer: NodeJS.Timeout }>();

  constructor(
    private readonly sessionMs: number,
    private readonly max: number,
    private readonly onTimeout: (session: DialogueSession) => void = () => {},
  ) {}

  get size(): number {
    return this.open.size;
  }

  /** Whether a session for this caller could be opened now (theirs restarts; a new one needs room). */
  hasRoomFor(caller: string): boolean {
    return this.open.has(caller) || this.open.size < this.max;
  }

  /** Opens the caller's session, or starts it afresh; false when `max` others are open. */
  start(caller: string, line: string): boolean {
    if (!this.hasRoomFor(caller)) return false;
    this.end(caller);
    const session: DialogueSession = { caller, line, openedAt: Date.now() };
    const timer = setTimeout(() => {
      if (this.open.get(caller)?.session !== session) return;
      this.open.delete(caller);
      this.onTimeout(session);
    }, this.sessionMs);
    timer.unref();
    this.open.set(caller, { session, timer });
    return true;
  }

  /** The caller's session, ended: a session takes one reply. Null when they have none. */
  take(caller: string): DialogueSession | null {
    const entry = this.open.get(caller);
    if (!entry) return null;
    this.end(caller);
    return entry.session;
  }

  end(caller: string): void {
    const entry = this.open.get(caller);
    if (!entry) return;
    clearTimeout(entry.timer);
    this.open.delete(caller);
  }

  clear(): void {
    for (const caller of [...this.open.keys()]) this.end(caller);
  }
}
