import { EventEmitter } from 'node:events';
import type { Duplex } from 'node:stream';
import type { Logger } from '../log/logger.js';
import { AtError, errorFromFinal } from './errors.js';
import { parseFinalResult, type FinalResult } from './final-result.js';
import { routeFinal } from './final-routing.js';
import { LineFramer } from './line-framer.js';
import { resynchronise } from './resync.js';
import { PromptScanner } from './sms-prompt.js';
import { DEFAULT_TIMEOUTS, timeoutClass, type TimeoutTable } from './timeouts.js';
import { shapeOf } from './trace.js';
import { UrcCollector, URC_IDLE_MS } from './urc-collector.js';
import { UrcRegistry, type UrcEntry, type UrcHandler } from './urc.js';
import {
  addAnswerLine, answers, echoes, MAX_RESPONSE_CHARS, newTransaction, type AtResponse, type ExecuteOptions, type Transaction,
} from './transaction.js';

export interface AtEngineOptions {
  timeouts?: Partial<TimeoutTable>;
  logger: Logger;
  urcs?: UrcRegistry;
  /** How long a URC spanning lines waits for its next line before it is taken as it stands. */
  urcIdleMs?: number;
}

export interface AtEngineStats {
  commands: number;
  bytesWritten: number;
  bytesRead: number;
  timeouts: number;
  staleFinals: number;
  /** Lines longer than MAX_LINE, dropped whole. */
  overlongLines: number;
  /** URCs spanning lines that were delivered as they stood (no closing quote, cut short). */
  cutUrcs: number;
}

const CTRL_Z = '\x1a';
const ESC = '\x1b';

/**
 * One AT transaction in flight at a time, FIFO. Lines come from a bounded line framer; the `>`
 * prompt, which has no line ending, is detected on the raw bytes. URCs are routed by prefix whatever
 * is in flight; those spanning lines are collected with bounds (UrcCollector). After a timeout the
 * next command is preceded by a probe whose answer cannot be confused with a late final result of
 * the timed-out command (see resync()). Nothing the modem prints is logged as it came: PDUs and long
 * digit runs are logged by their length (shapeOf).
 */
export class AtEngine extends EventEmitter {
  readonly urcs: UrcRegistry;
  readonly stats: AtEngineStats = { commands: 0, bytesWritten: 0, bytesRead: 0, timeouts: 0, staleFinals: 0, overlongLines: 0, cutUrcs: 0 };
  private readonly timeouts: TimeoutTable;
  private readonly log: Logger;
  private readonly queue: Transaction[] = [];
  private current: Transaction | null = null;
  private readonly framer: LineFramer;
  private readonly collector: UrcCollector;
  private readonly prompt = new PromptScanner();
  private needsResync = false;
  private lastTimedOut = '';
  private closed = false;
  private draining = false;

  constructor(private readonly port: Duplex, options: AtEngineOptions) {
    super();
    this.timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
    this.log = options.logger.child({ channel: 'at' });
    this.urcs = options.urcs ?? new UrcRegistry();
    this.framer = new LineFramer((line) => this.onLine(line), (length) => this.onOverlong(length));
    this.collector = new UrcCollector(this.urcs, (entry, lines, complete) => this.dispatchUrc(entry, lines, complete), options.urcIdleMs ?? URC_IDLE_MS);
    port.on('data', (chunk: Buffer) => this.onData(chunk));
    port.on('close', () => this.shutdown('port-closed', 'the port closed'));
    port.on('error', (err: Error) => this.log.warn({ err: err.message }, 'port error'));
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** A command is in flight or waiting: a keep-alive would only queue behind it. */
  get busy(): boolean {
    return this.current !== null || this.queue.length > 0;
  }

  onUrc(prefix: string, handler: UrcHandler): () => void {
    return this.urcs.on(prefix, handler);
  }

  execute(command: string, options: ExecuteOptions = {}): Promise<AtResponse> {
    const origin = new Error('queued here');
    return new Promise<AtResponse>((resolve, reject) => {
      const tx = newTransaction(command, options, {
        resolve,
        reject: (err) => {
          err.stack = `${err.name}: ${err.message}\n${origin.stack?.split('\n').slice(1).join('\n') ?? ''}`;
          reject(err);
        },
      }, origin);
      if (this.closed) return tx.reject(new AtError('closed', tx.label, 'the AT engine is closed'));
      this.queue.push(tx);
      void this.drain();
    });
  }

  /**
   * Writes ESC outside any transaction. A previous process may have died with the modem at its
   * `>` prompt; there, ESC discards the half-written message instead of letting our next
   * commands become its text. Elsewhere modems ignore it.
   */
  abortPrompt(): void {
    if (!this.closed) this.write(ESC, '<ESC>');
  }

  /** Fails everything queued and stops; the port is left to its owner. */
  close(): void {
    this.shutdown('closed', 'the AT engine was closed');
  }

  private shutdown(code: 'closed' | 'port-closed', message: string): void {
    if (this.closed) return;
    this.closed = true;
    this.collector.close();
    const all = [...(this.current ? [this.current] : []), ...this.queue.splice(0)];
    this.current = null;
    for (const tx of all) this.fail(tx, new AtError(code, tx.label, message));
    this.emit('closed', code);
  }

  private async drain(): Promise<void> {
    if (this.draining) return;
    this.draining = true;
    try {
      while (!this.closed && !this.current && this.queue.length > 0) {
        if (this.needsResync && !(await this.resync())) {
          const tx = this.queue.shift()!;
          this.fail(tx, new AtError('timeout', tx.label, 'the modem does not answer (resynchronisation failed)'));
          this.emit('unresponsive');
          continue;
        }
        const tx = this.queue.shift();
        if (!tx) break;
        await this.run(tx);
      }
    } finally {
      this.draining = false;
    }
  }

  private run(tx: Transaction): Promise<void> {
    return new Promise<void>((settled) => {
      const done = { resolve: tx.resolve, reject: tx.reject };
      tx.resolve = (response) => {
        done.resolve(response);
        settled();
      };
      tx.reject = (err) => {
        done.reject(err);
        settled();
      };
      // Arm the expectation before the bytes leave: the answer can beat the write callback.
      this.current = tx;
      const prompt = tx.options.body !== undefined;
      tx.state = prompt ? 'awaiting-prompt' : 'awaiting-final';
      this.prompt.reset();
      if (tx.options.beforeWrite) {
        try {
          tx.options.beforeWrite();
        } catch (err) {
          this.finish(tx, new AtError('not-written', tx.label, `not written: ${err instanceof Error ? err.message : String(err)}`));
          return;
        }
      }
      this.armTimer(tx, prompt ? this.timeouts.prompt : (tx.options.timeoutMs ?? this.timeouts[timeoutClass(tx.command)]));
      this.stats.commands += 1;
      this.write(`${tx.command}\r`, tx.label);
    });
  }

  private write(data: string, label: string): void {
    if (this.log.isLevelEnabled('trace')) this.log.trace({ dir: '»' }, label.replace(/\r/g, '<CR>').replace(/\x1a/g, '<SUB>').replace(/\x1b/g, '<ESC>'));
    this.stats.bytesWritten += Buffer.byteLength(data, 'latin1');
    this.port.write(Buffer.from(data, 'latin1'), (err) => {
      if (err) this.log.warn({ err: err.message }, 'write failed');
    });
  }

  private armTimer(tx: Transaction, ms: number): void {
    if (tx.timer) clearTimeout(tx.timer);
    tx.timer = setTimeout(() => this.onTimeout(tx), ms);
  }

  private onTimeout(tx: Transaction): void {
    if (this.current !== tx) return;
    this.stats.timeouts += 1;
    const wasPrompt = tx.state === 'awaiting-prompt';
    // An open `>` prompt would swallow the next command as message text: ESC aborts it.
    if (wasPrompt || tx.options.body !== undefined) this.write(ESC, '<ESC>');
    this.needsResync = true;
    this.lastTimedOut = tx.command;
    this.log.warn({ command: tx.label }, wasPrompt ? 'no prompt in time' : 'no final result in time');
    this.finish(tx, new AtError(wasPrompt ? 'prompt-timeout' : 'timeout', tx.label, wasPrompt ? 'no > prompt in time' : 'no answer in time'));
  }

  /** See resynchronise(): after a timeout, a probe only its own answer completes. */
  private async resync(): Promise<boolean> {
    const probeOnce = (probe: { command: string; expect: string }) =>
      new Promise<AtResponse>((resolve, reject) => {
        void this.run(newTransaction(probe.command, { expect: probe.expect }, { resolve, reject }, new Error('resync')));
      });
    const answered = await resynchronise(probeOnce, this.lastTimedOut, this.log, () => this.closed);
    if (answered) this.needsResync = false;
    return answered;
  }

  private finish(tx: Transaction, outcome: AtResponse | AtError): void {
    if (outcome instanceof AtError) outcome.bodyWritten = tx.options.body !== undefined && tx.state === 'awaiting-final';
    if (tx.timer) clearTimeout(tx.timer);
    tx.timer = null;
    tx.state = 'done';
    if (this.current === tx) this.current = null;
    if (outcome instanceof AtError) tx.reject(outcome);
    else tx.resolve(outcome);
    if (!this.current) void this.drain();
  }

  private fail(tx: Transaction, error: AtError): void {
    if (tx.state === 'done') return;
    this.finish(tx, error);
  }

  private onData(chunk: Buffer): void {
    this.stats.bytesRead += chunk.length;
    const text = chunk.toString('latin1');
    this.framer.push(text);
    this.scanForPrompt(text);
  }

  /** At the `>` prompt the PDU goes out, and the command now waits for its final result. */
  private scanForPrompt(text: string): void {
    const tx = this.current;
    if (tx?.state !== 'awaiting-prompt') return;
    if (this.prompt.sees(text)) {
      this.log.trace({ dir: '«' }, '>');
      tx.state = 'awaiting-final';
      this.armTimer(tx, tx.options.timeoutMs ?? this.timeouts.send);
      this.write(`${tx.options.body}${CTRL_Z}`, `<PDU of ${(tx.options.body?.length ?? 0) / 2} octets><SUB>`);
    }
  }

  private onOverlong(length: number): void {
    this.stats.overlongLines += 1;
    this.log.warn({ length }, 'a line longer than any answer was dropped');
  }

  private onLine(piece: string): void {
    if (this.log.isLevelEnabled('trace')) this.log.trace({ dir: '«' }, shapeOf(piece));
    const tx = this.current;
    // A text left open by the modem does not swallow the echo or the answer of our next command.
    if (this.collector.offer(piece, (l) => tx !== null && (echoes(tx, l) || answers(tx, l)))) return;
    const line = piece.trim();
    if (line === '') return;

    if (tx && tx.state === 'awaiting-final' && tx.options.body !== undefined && line.startsWith('>')) return;
    if (tx ? echoes(tx, line) : /^AT/i.test(line)) return;

    const final = parseFinalResult(line);
    if (final) return this.onFinal(final, line);

    const entry = this.urcs.match(line);
    const solicited = tx !== null && answers(tx, line);
    if (entry && !solicited) return this.collector.start(entry, line);
    if (tx && tx.state !== 'queued') return this.addLine(tx, line, solicited);
    this.log.debug({ line: shapeOf(line) }, 'unsolicited line ignored');
  }

  private dispatchUrc(entry: UrcEntry, lines: string[], complete: boolean): void {
    if (!complete) {
      this.stats.cutUrcs += 1;
      this.log.warn({ urc: entry.prefix, lines: lines.length }, 'a URC spanning lines was cut short: taken as it stands');
    }
    if (this.urcs.dispatch(entry, lines) === 0) this.log.debug({ urc: shapeOf(lines[0] ?? '') }, 'URC without subscriber');
  }

  /**
   * An answer bigger than any real one fails its command, and the rest of it must not become the
   * next command's answer: the engine resynchronises as after a timeout.
   */
  private addLine(tx: Transaction, line: string, solicited: boolean): void {
    if (addAnswerLine(tx, line, solicited)) return;
    this.needsResync = true;
    this.lastTimedOut = tx.command;
    this.log.warn({ command: tx.label }, 'answer too long: the command fails and the line is resynchronised');
    this.finish(tx, new AtError('overflow', tx.label, `answer longer than ${MAX_RESPONSE_CHARS} characters`));
  }

  private onFinal(final: FinalResult, line: string): void {
    const tx = this.current;
    switch (routeFinal(final, tx)) {
      case 'call-event': {
        // A caller who hung up while it rang: a call ended, whatever command is in flight.
        const entry = this.urcs.match(line);
        if (entry) this.collector.start(entry, line);
        else this.log.debug({ line }, 'call result with no call command in flight ignored');
        return;
      }
      case 'nothing-in-flight':
        this.stats.staleFinals += 1;
        this.log.debug({ line: shapeOf(line) }, 'final result with nothing in flight (late answer) dropped');
        return;
      case 'before-expected':
        this.stats.staleFinals += 1;
        this.log.debug({ command: tx!.label }, 'OK before the expected information line: stale, dropped');
        return;
      case 'completes':
        if (final.kind === 'ok') this.finish(tx!, { lines: tx!.lines });
        else this.finish(tx!, errorFromFinal(tx!.label, final));
    }
  }
}
