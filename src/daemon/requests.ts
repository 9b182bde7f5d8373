import type { RequestChannel } from '../store/channel.js';
import type { Store } from '../store/store.js';
import { vouchable, vouchedText, type CommandRunner, type RunOutcome } from './runner.js';

/**
 * Commands that arrive on a request channel (HTTP, MQTT): recorded before they run, so a restart
 * runs them again rather than losing them, and run through the same pipeline as an SMS. A repeat
 * of an idempotency key gets the first run's outcome: the one in flight, or the stored one.
 */
export class RequestDesk {
  private readonly inFlight = new Map<number, Promise<RunOutcome>>();

  constructor(
    private readonly parts: () => { store: Store; runner: CommandRunner },
    /** The daemon's own bookkeeping of work in flight (a stop waits for it). */
    private readonly track: (work: Promise<RunOutcome>) => Promise<RunOutcome>,
  ) {}

  run(channel: RequestChannel, text: string, client: string, idempotencyKey: string | null, destination: string | null, lang: 'en' | 'bg' | null): Promise<RunOutcome> {
    const { store, runner } = this.parts();
    const { row, repeat } = store.commands.recordRequest(channel, client, text, { idempotencyKey, line: destination, lang });
    if (!repeat) {
      const running = this.track(runner.run(row));
      this.inFlight.set(row.id, running);
      return running.finally(() => this.inFlight.delete(row.id));
    }
    const inFlight = this.inFlight.get(row.id);
    if (inFlight) return inFlight;
    const stored = store.commands.get(row.id)!;
    if (stored.state === 'dropped') return Promise.resolve({ kind: 'dropped', commandId: stored.id, reason: stored.drop_reason ?? 'dropped' });
    return Promise.resolve({ kind: 'answered', commandId: stored.id, name: stored.name ?? '', reply: stored.reply, smsTo: stored.reply_to });
  }

  /** `command` (`CREDITCFG ON,5`, the text after the password) for a caller the channel vouches for instead (the settings page, on the HTTP token). */
  runVouched(channel: RequestChannel, command: string, client: string, lang: 'en' | 'bg' | null): Promise<RunOutcome> {
    if (!vouchable(command)) throw new Error(`not a settings command: ${command.split(/\s/)[0]}`);
    const { store, runner } = this.parts();
    const { row } = store.commands.recordRequest(channel, client, vouchedText(command), { lang, vouched: true });
    return this.track(runner.run(row));
  }
}
