import type { ControlContext } from '../control/context.js';
import { interpret, type Execution } from '../control/processor.js';
import type { Logger } from '../log/logger.js';
import type { CommandRow } from '../store/commands.js';
import { CHANNELS } from '../store/channel.js';
import type { Store } from '../store/store.js';
import type { SenderGuard } from './sender-guard.js';

/** Where a command stands among the lines: the context it runs in, and the line its reply SMS goes out on. */
export interface CommandRouting {
  contextFor(row: CommandRow): ControlContext;
  /** The reply's line (the one the command came on or was sent to, else the default) and its country code. */
  replyLine(row: CommandRow): { line: string; countryCode: string | null };
}

export type RunOutcome =
  | { kind: 'dropped'; commandId: number; reason: string }
  /** `ok`: whether the command did what it asked (false: refused, the reply says why); absent for an answer read back from the store. */
  | { kind: 'answered'; commandId: number; name: string; reply: string | null; smsTo: string | null; ok?: boolean };

/**
 * The text of a command whose caller the channel vouched for in place of the password (the
 * settings page, on the HTTP token). The grammar wants `*<password>`, so it gets a stand-in as
 * long as a password that no password is (those are digits), which only a vouched row's run lets
 * pass; kept with the password hidden, it reads as the same command sent by SMS.
 */
export const vouchedText = (command: string): string => `*------ ${command}`;

/** The config commands the settings page runs; a vouched row of any other runs with no waiver (defence in depth). */
const VOUCHABLE = new Set(['CREDITCFG', 'PWD', 'PHADD', 'PHDEL', 'LANG', 'DIALOGUE']);

/** `text` (a command, or a vouched row's whole text) is one the settings page may run on the token's word. */
export function vouchable(text: string): boolean {
  const words = text.trim().split(/\s+/);
  // A row's text is kept with its password hidden (`*•••••• CREDITCFG ON,4`): the keyword follows it.
  const keyword = words[0]?.startsWith('*') ? words[1] : words[0];
  return VOUCHABLE.has((keyword ?? '').toUpperCase());
}

/**
 * Drives one stored command through the pipeline: interpret, commit 'executing', run, then commit
 * the answer and its reply SMS together. SMS replies go to `PH` or the sender; HTTP replies return
 * in the response (and go by SMS only when `PH` asks for it).
 */
export class CommandRunner {
  private readonly log: Logger;
  private readonly inFlight = new Map<number, Promise<RunOutcome>>();

  constructor(
    private readonly store: Store,
    private readonly routing: CommandRouting,
    private readonly guard: SenderGuard,
    logger: Logger,
    /** A reply SMS was queued on this line. */
    private readonly onReplyQueued: (line: string) => void,
    /** Told once per command run, whatever the outcome (the metrics count them). */
    private readonly onOutcome: (row: CommandRow, outcome: RunOutcome) => void = () => {},
  ) {
    this.log = logger.child({ channel: 'commands' });
  }

  private drop(row: CommandRow, reason: string): RunOutcome {
    this.store.commands.drop(row.id, reason);
    this.log.info({ command: row.id, sender: row.sender, reason }, 'dropped silently');
    return { kind: 'dropped', commandId: row.id, reason };
  }

  /**
   * Runs a command once, however many paths hand it over: at start-up the stored unfinished
   * commands are run while the intake may already be committing (and running) a new SMS, so the
   * same row can arrive twice. A second call joins the first; a finished command is not re-run.
   */
  run(row: CommandRow): Promise<RunOutcome> {
    const running = this.inFlight.get(row.id);
    if (running) return running;
    const current = this.store.commands.get(row.id);
    if (current && (current.state === 'answered' || current.state === 'dropped')) {
      return Promise.resolve(current.state === 'dropped'
        ? { kind: 'dropped', commandId: row.id, reason: current.drop_reason ?? 'dropped' }
        : { kind: 'answered', commandId: row.id, name: current.name ?? '', reply: current.reply, smsTo: current.reply_to });
    }
    const work = this.execute(row)
      .then((outcome) => {
        this.onOutcome(row, outcome);
        return outcome;
      })
      .finally(() => this.inFlight.delete(row.id));
    this.inFlight.set(row.id, work);
    return work;
  }

  private async execute(row: CommandRow): Promise<RunOutcome> {
    const route = this.routing.replyLine(row);
    const admitted = this.guard.admit(row.sender, row.channel, route.countryCode);
    if (!admitted.allowed) return this.drop(row, admitted.reason);
    // The text as received is kept sealed until the command is finished; the row's own text is masked.
    const text = this.store.commands.runnableText(row);
    if (text === null) return this.drop(row, 'its text cannot be opened: sealed under another install key');
    const interpretation = interpret(text, { sender: row.sender, channel: row.channel, commandId: row.id, language: row.lang, shownOnly: row.vouched === 1 }, this.routing.contextFor(row));
    if (interpretation.kind === 'drop') {
      if (interpretation.reason !== 'no-star') this.guard.strike(row.sender, route.countryCode);
      return this.drop(row, interpretation.reason);
    }
    this.store.commands.markExecuting(row.id, interpretation.name);
    let result: Execution;
    try {
      result = await interpretation.execute();
    } catch (err) {
      this.log.error({ command: row.id, err: err instanceof Error ? err.message : String(err) }, 'command failed');
      result = { text: `${interpretation.name}: failed, please try again later.`, replyTo: interpretation.command?.replyTo ?? null, send: true, ok: false };
    }
    // SMS replies go to PH or the sender; a channel that answers in its response sends an SMS only to PH.
    const channel = CHANNELS[row.channel];
    const smsTo = !result.send ? null : channel.answersInResponse ? result.replyTo : (result.replyTo ?? row.sender);
    if (!this.store.commands.answer(row.id, result.text, smsTo ? { ...route, recipient: smsTo, text: result.text } : null)) {
      this.log.warn({ command: row.id }, 'already answered: this answer is not sent');
      return { kind: 'answered', commandId: row.id, name: interpretation.name, reply: result.text, smsTo: null, ok: result.ok };
    }
    // Say whether an SMS was queued: an answer is not a reply sent (the outbox logs what became of it).
    const reply = smsTo ? 'SMS queued' : channel.answersInResponse ? `${channel.responseWords} only` : 'no SMS, by design';
    this.log.info({ command: row.id, name: interpretation.name, replyTo: smsTo, reply, ...(smsTo ? { line: route.line } : {}) }, 'answered');
    if (smsTo) this.onReplyQueued(route.line);
    return { kind: 'answered', commandId: row.id, name: interpretation.name, reply: result.text, smsTo, ok: result.ok };
  }
}
