import { canonicalNumber } from '../codec/address.js';
import type { BalanceReport } from '../control/context.js';
import { dialoguePrompt, serviceMessage } from '../control/service-texts.js';
import { say, type Language } from '../control/texts.js';
import { inReplyScript } from '../control/transliterate.js';
import type { Logger } from '../log/logger.js';
import type { IncomingCall } from '../modem/calls.js';
import type { CommandRow } from '../store/commands.js';
import type { Store } from '../store/store.js';
import { readCouponReply, type RechargeSource, type SourceOutcome } from '../wallet/recharge-sources.js';
import { DialogueSessions, type DialogueSession } from './sessions.js';

/** A line as the dialogue uses it: it hangs up its ringing call, reads its balance and texts. */
export interface DialogueLine {
  readonly name: string;
  readonly countryCode: string | null;
  rejectCall(): Promise<string>;
  balance(): Promise<BalanceReport>;
  send(to: string, text: string): number;
  kickOutbox(): void;
}

export interface DialogueDeps {
  store: Store;
  /** The switch (DIALOGUE ON|OFF over `dialogue.enabled`), read at every call and reply. */
  enabled(): boolean;
  /** How long a session waits for the caller's coupon. */
  sessionMs: number;
  maxSessions: number;
  /** A canonical number's reply language: its own (LANG), else the box's. */
  languageOf(phone: string): Language;
  /** Bulgarian goes out transliterated unless Cyrillic was chosen. */
  script(): 'latin' | 'cyrillic';
  line(name: string): DialogueLine | undefined;
  /** The one recharge path (a coupon, or a wallet card by serial and PIN), on a line, for the command `commandId`. */
  recharge(line: string, source: RechargeSource, requestedBy: string, commandId: number): Promise<SourceOutcome>;
  /** A reply answered: told as a command would be (events, counts). */
  answered(row: CommandRow, reply: string, smsTo: string): void;
  /** Work kept until it settles (a stop waits for it). */
  track<T>(work: Promise<T>): Promise<T>;
  logger: Logger;
}

/** The command name a dialogue's reply is kept under. */
export const DIALOGUE_COMMAND = 'DIALOGUE';

/**
 * The recharge dialogue (the seed's IVR, on a GSM box). A number of the phone groups rings a line:
 * the box hangs up at once (the call never connects, so it costs nothing), texts the line's balance
 * and asks for a coupon; the caller's reply within the session — a wallet card's serial and PIN, or
 * a voucher code — recharges that line through the one recharge path, and the answer says the new
 * balance, or that the coupon is invalid or already used. Calling from the number stands for the
 * password. Strangers' and withheld calls are hung up on and only logged.
 */
export class Dialogue {
  private readonly sessions: DialogueSessions;
  private readonly log: Logger;

  constructor(private readonly deps: DialogueDeps) {
    this.log = deps.logger.child({ channel: 'dialogue' });
    this.sessions = new DialogueSessions(deps.sessionMs, deps.maxSessions, (session) =>
      this.log.info({ caller: session.caller, line: session.line }, 'dialogue session ended without a reply'),
    );
  }

  /** A call rang on a line (told once per call). */
  call(line: DialogueLine, call: IncomingCall): void {
    void this.deps.track(this.answerCall(line, call)).catch((err: unknown) =>
      this.log.error({ line: line.name, err: err instanceof Error ? err.message : String(err) }, 'a call could not be handled'),
    );
  }

  private async answerCall(line: DialogueLine, call: IncomingCall): Promise<void> {
    const caller = call.number === null ? null : canonicalNumber(call.number, line.countryCode);
    if (!this.deps.enabled()) {
      this.log.info({ line: line.name, caller }, 'call left alone: the recharge dialogue is off');
      return;
    }
    // Hung up first, whoever calls: the call never connects, so it never costs the caller.
    const how = await line.rejectCall().catch((err: unknown) => `not hung up (${err instanceof Error ? err.message : String(err)})`);
    if (caller === null) {
      this.log.info({ line: line.name, withheld: call.withheld, how }, 'call without a number rejected and ignored');
      return;
    }
    if (this.deps.store.groups.groupsOf(caller).length === 0) {
      this.log.info({ line: line.name, caller, how }, 'call from a number in no group rejected and ignored');
      return;
    }
    if (!this.sessions.hasRoomFor(caller)) {
      this.log.warn({ line: line.name, caller, open: this.sessions.size }, 'call rejected unanswered: too many dialogue sessions open');
      return;
    }
    const report = await line.balance().catch((): BalanceReport => ({ kind: 'unknown', why: 'balance check failed' }));
    // Opened once the balance is read, so the caller has the whole session to reply.
    if (!this.sessions.start(caller, line.name)) return;
    const minutes = Math.max(1, Math.round(this.deps.sessionMs / 60_000));
    line.send(caller, this.written(dialoguePrompt(report, minutes, this.deps.languageOf(caller))));
    this.log.info({ line: line.name, caller, how, seconds: Math.round(this.deps.sessionMs / 1000) }, 'dialogue session opened: balance texted, waiting for a coupon');
  }

  /**
   * An SMS a line received: taken when its sender has a session open and it is not a command
   * (a `*` message is always a command). A reply after the session ended is left to be an ordinary
   * SMS, never dialled.
   */
  offer(line: DialogueLine, row: CommandRow, text: string): boolean {
    if (text.includes('*') || this.sessions.size === 0) return false;
    if (!this.deps.enabled()) {
      this.sessions.clear();
      return false;
    }
    const caller = canonicalNumber(row.sender, line.countryCode);
    const session = this.sessions.take(caller);
    if (!session) return false;
    void this.deps.track(this.answerReply(session, row, text, caller)).catch((err: unknown) =>
      this.log.error({ command: row.id, err: err instanceof Error ? err.message : String(err) }, 'a dialogue reply could not be answered'),
    );
    return true;
  }

  private async answerReply(session: DialogueSession, row: CommandRow, text: string, caller: string): Promise<void> {
    const { store } = this.deps;
    store.commands.markExecuting(row.id, DIALOGUE_COMMAND);
    const source = readCouponReply(text);
    const lang = this.deps.languageOf(caller);
    let outcome: SourceOutcome | 'error';
    try {
      outcome = source ? await this.deps.recharge(session.line, source, row.sender, row.id) : { kind: 'invalid-code' };
    } catch (err) {
      this.log.error({ command: row.id, err: err instanceof Error ? err.message : String(err) }, 'dialogue recharge failed');
      outcome = 'error';
    }
    const reply = this.written(outcome === 'error' ? say(lang, `${DIALOGUE_COMMAND}: failed, please try again later.`, `${DIALOGUE_COMMAND}: неуспешно, опитайте по-късно.`) : serviceMessage(outcome, lang));
    const line = this.deps.line(session.line);
    store.commands.answer(row.id, reply, { line: session.line, recipient: row.sender, text: reply, countryCode: line?.countryCode ?? null });
    line?.kickOutbox();
    this.log.info({ command: row.id, caller, line: session.line, outcome: outcome === 'error' ? outcome : outcome.kind, source: source?.kind ?? 'unreadable' }, 'dialogue reply answered');
    this.deps.answered(row, reply, row.sender);
  }

  private written(text: string): string {
    return inReplyScript(text, this.deps.script());
  }

  /** Ends every session (the daemon stops). */
  close(): void {
    this.sessions.clear();
  }
}
