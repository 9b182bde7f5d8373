import type { MqttConfig } from '../config/mqtt-schema.js';
import type { Logger } from '../log/logger.js';
import { maskDigits } from '../log/secrets.js';
import type { MqttStore, Publication } from '../store/mqtt.js';
import { readHaCommand, type ReadCommand, type ReplyTo, type Request } from './commands.js';
import { errorBody, execute, type Outcome } from './executor.js';
import type { BoxPort } from './port.js';
import type { Publisher } from './publisher.js';
import { usableLines, type BoxTopics, type HaCommand } from './topics.js';

/** Commands worked on at once; the next is taken from the broker when one finishes. */
const MAX_RUNNING = 32;
/** A command id is remembered this long: a broker redelivers within a session, not months later. */
const KEEP_COMMAND_IDS_MS = 30 * 86_400_000;

export interface DeskDeps {
  port: BoxPort;
  topics: BoxTopics;
  config: Pick<MqttConfig, 'commandPassword'>;
  publisher: Publisher;
  store: MqttStore;
  log: Logger;
}

/**
 * Commands from the broker, carried out on the box: each id recorded in SQLite first, the broker's
 * acknowledgement second, the work third, its answer committed with its publication. A copy
 * delivered again is answered from the record, never run twice; at most 32 run at once.
 */
export class CommandDesk {
  private readonly running = new Set<Promise<void>>();
  private readonly capacity: Array<() => void> = [];
  private forgottenAt = 0;

  constructor(private readonly deps: DeskDeps) {}

  /** Recorded first, acknowledged to the broker second, carried out third. */
  onCommand(read: ReadCommand, done: () => void): void {
    if (!read.ok) {
      this.deps.log.warn({ id: read.id, error: read.code, message: read.message }, 'MQTT command refused');
      this.deps.publisher.enqueue(this.answer(read.replyTo, { id: read.id, ...errorBody(read.code, read.message) }));
      return done();
    }
    if (Date.now() - this.forgottenAt > 86_400_000) this.forgetOldCommands();
    const claim = this.deps.store.claim(read.id, read.request.kind, read.replyTo.topic, read.replyTo.correlation);
    if (claim.kind === 'answered') {
      this.deps.log.info({ id: read.id }, 'MQTT command delivered again: the stored answer is sent again');
      this.deps.publisher.enqueue({ topic: claim.replyTopic, payload: claim.answer, retain: false, kind: 'answer', correlation: claim.correlation });
    } else if (claim.kind === 'working') {
      this.deps.log.info({ id: read.id }, 'MQTT command delivered again while it is being worked on: not run twice');
    } else if (claim.kind === 'new') {
      this.track(this.runCommand(read));
    }
    // Past the limit the broker's next message waits (it is not acknowledged) until a command finishes.
    if (this.running.size < MAX_RUNNING) return done();
    this.capacity.push(done);
  }

  private async runCommand(read: Extract<ReadCommand, { ok: true }>): Promise<void> {
    const line = this.resolveLine(read.request.line);
    let outcome: Outcome;
    if (read.expires !== null && read.expires <= Date.now()) outcome = { body: errorBody('expired', 'the command expired before the box got it: not run') };
    // The line asked for is echoed with its digits masked, as an unknown action is: it may be a code in the wrong field.
    else if (!line) outcome = { body: errorBody('unknown_line', `no line "${maskDigits(read.request.line ?? '')}" (lines: ${usableLines(this.deps.port.lines()).join(', ')})`) };
    else outcome = await this.carryOut(line, read.request, read.id);
    if ('silent' in outcome) {
      this.deps.log.info({ id: read.id, reason: outcome.silent }, 'MQTT command dropped in silence, as by SMS');
      this.deps.publisher.finishCommand(read.id, null);
    } else {
      this.deps.log.info({ id: read.id, request: read.request.kind, ok: outcome.body.ok }, 'MQTT command answered');
      this.deps.publisher.finishCommand(read.id, this.answer(read.replyTo, { id: read.id, line, ...outcome.body }));
    }
  }

  /** What one of Home Assistant's entities sent: no id, so each message is one request, logged rather than answered. */
  onHa(line: string, command: HaCommand, payload: Buffer): void {
    const request = readHaCommand(line, command, payload);
    if (request) this.track(this.runHaRequest(request));
    else this.deps.log.warn({ line, command }, 'a Home Assistant command that is not one: ignored');
  }

  private async runHaRequest(request: Request): Promise<void> {
    const line = this.resolveLine(request.line);
    if (!line) return void this.deps.log.warn({ line: request.line }, 'a Home Assistant command for a line the box does not have: ignored');
    const outcome = await this.carryOut(line, request, 'ha');
    this.deps.log.info({ line, request: request.kind, ...('body' in outcome ? { ok: outcome.body.ok, error: outcome.body.error } : {}) }, 'Home Assistant command carried out');
  }

  private async carryOut(line: string, request: Request, requestId: string): Promise<Outcome> {
    try {
      return await execute(this.deps.port, line, request, { trusted: !this.deps.config.commandPassword, requestId });
    } catch (err) {
      this.deps.log.error({ request: request.kind, err: err instanceof Error ? err.message : String(err) }, 'MQTT command failed');
      return { body: errorBody('failed', err instanceof Error ? err.message : String(err)) };
    }
  }

  private answer(replyTo: ReplyTo, body: Record<string, unknown>): Publication {
    return { topic: replyTo.topic, payload: JSON.stringify({ ...body, box: this.deps.topics.box, at: new Date().toISOString() }), retain: false, kind: 'answer', correlation: replyTo.correlation };
  }

  /** Commands a previous run took and never answered: it stopped while working on them, so the outcome is not known here. */
  answerInterrupted(): void {
    for (const command of this.deps.store.unfinished()) {
      this.deps.log.warn({ id: command.id, request: command.what }, 'MQTT command interrupted by a restart');
      const body = errorBody('interrupted', 'the box stopped while this command ran: it may or may not have been carried out (a recharge says what became of it in the box\'s recharges)');
      this.deps.publisher.finishCommand(command.id, this.answer({ topic: command.replyTopic, correlation: command.correlation }, { id: command.id, ...body }));
    }
  }

  /** At start and then at most daily, as commands come: the ids a broker will not deliver again. */
  forgetOldCommands(): void {
    this.forgottenAt = Date.now();
    this.deps.store.forgetCommandsBefore(new Date(this.forgottenAt - KEEP_COMMAND_IDS_MS).toISOString());
  }

  private track(work: Promise<void>): void {
    this.running.add(work);
    void work.finally(() => {
      this.running.delete(work);
      this.capacity.shift()?.();
    });
  }

  private resolveLine(name: string | null): string | null {
    const lines = usableLines(this.deps.port.lines());
    if (name === null) return lines[0] ?? null;
    return lines.includes(name) ? name : null;
  }

  /** Lets the broker's waiting messages in and waits (at most `ms`) for the commands in flight: their answers are queued. */
  async stop(ms: number): Promise<void> {
    for (const done of this.capacity.splice(0)) done();
    let patience: NodeJS.Timeout | undefined;
    await Promise.race([Promise.allSettled([...this.running]), new Promise((resolve) => (patience = setTimeout(resolve, ms)))]);
    clearTimeout(patience);
  }
}
