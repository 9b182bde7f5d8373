import { encodeUssdRequest, parseCusd, type UssdStatus } from '../codec/ussd.js';
import { decodeUssdText, type Cscs } from '../codec/ussd-text.js';
import { CodecError } from '../codec/errors.js';
import { maskSecrets, registerSecret } from '../log/secrets.js';
import type { AtEngine } from '../at/engine.js';
import { LineFramer } from '../at/line-framer.js';
import { UrcCollector } from '../at/urc-collector.js';
import { UrcRegistry } from '../at/urc.js';
import { isAtError } from '../at/errors.js';
import { ModemError } from './errors.js';

export type UssdRequestEncoding = 'text' | 'packed' | 'ucs2';

export interface UssdAnswer {
  status: UssdStatus;
  /** Decoded text, or null when the network sent none. */
  text: string | null;
  dcs: number | null;
}

export interface UssdRequest {
  code: string;
  /** Answer timeout after the modem's OK; recharges use 20–30 s (reference/domain.md B1). */
  timeoutMs: number;
  /** Parts of the code that are secret (a voucher): masked in every log line and error. */
  secrets?: string[];
  /** Run at the moment AT+CUSD is written (see ExecuteOptions.beforeWrite). */
  beforeWrite?: () => void;
}

/** "Initiating Release" and the like: the network closing the session, not the answer (python-gsmmodem #14). */
const RELEASE_NOTICE = /^\s*(initiating\s+)?release/i;
const RELEASE_GRACE_MS = 1500;

export interface UssdSettings {
  encoding: UssdRequestEncoding;
  cscs: Cscs;
  /** Told once AT+CUSD is answered (or failed): the request is out, and the line free while the carrier answers. */
  requested?: () => void;
}

/** One +CUSD line read as this modem prints it: status, DCS, and the text decoded. */
export function readCusd(line: string, settings: UssdSettings): UssdAnswer {
  const parsed = parseCusd(line);
  const text = parsed.raw === null ? null : decodeUssdText(parsed.raw, parsed.dcs, { cscs: settings.cscs, packed: settings.encoding === 'packed' });
  return { status: parsed.status, text, dcs: parsed.dcs };
}

/**
 * Picks the answer of one exchange among the +CUSD lines, in the order they come. Some networks
 * announce the end first (`+CUSD: 2` bare, or "Initiating Release") and send the answer after it:
 * the first such notice is held (`notice`) in case the real answer follows; anything else is the
 * answer, and what comes after it is ignored. A garbled line is not an answer.
 */
export class UssdAnswerPicker {
  answer: UssdAnswer | null = null;
  private notice: UssdAnswer | null = null;
  /** Why the last unreadable +CUSD line was not taken. */
  unreadable: string | null = null;

  constructor(private readonly settings: UssdSettings) {}

  offer(line: string): 'answer' | 'notice' | 'ignored' {
    if (this.answer) return 'ignored';
    let answer: UssdAnswer;
    try {
      answer = readCusd(line, this.settings);
    } catch (err) {
      this.unreadable = err instanceof Error ? err.message : String(err);
      return 'ignored';
    }
    if (!this.notice && answer.status === 'terminated' && (answer.text === null || RELEASE_NOTICE.test(answer.text))) {
      this.notice = answer;
      return 'notice';
    }
    this.answer = answer;
    return 'answer';
  }

  /** The answer, or failing one the notice held (its grace ran out, or the transcript ended). */
  get result(): UssdAnswer | null {
    return this.answer ?? this.notice;
  }
}

/**
 * The answer the daemon would take from a transcript of what the modem printed: several lines,
 * with `OK`, the echo and unrelated URCs (`+CMTI`, `^RSSI`) around it, a release notice before it,
 * a text spanning lines. The transcript goes through the engine's own line framer and URC
 * collector, and its +CUSD lines through the same picker an exchange uses.
 */
export function answerFromTranscript(transcript: string, settings: UssdSettings): UssdAnswerPicker {
  const picker = new UssdAnswerPicker(settings);
  const urcs = new UrcRegistry();
  const collector = new UrcCollector(urcs, (entry, [line]) => {
    if (entry.prefix === '+CUSD:' && line) picker.offer(line);
  });
  const framer = new LineFramer((piece) => {
    if (collector.offer(piece)) return;
    const line = piece.trim();
    const entry = urcs.match(line);
    if (entry) collector.start(entry, line);
  });
  framer.push(`${transcript}\r\n`);
  collector.flush();
  collector.close();
  return picker;
}

/**
 * One USSD exchange: the answer is the +CUSD URC, which may come before or after the OK, so the
 * subscription is made before AT+CUSD is written. The session is left as the network left it.
 */
async function exchange(engine: AtEngine, settings: UssdSettings, code: string, timeoutMs: number, secrets: string[], beforeWrite?: () => void): Promise<UssdAnswer> {
  let encoded: string;
  try {
    encoded = encodeUssdRequest(code, settings.encoding);
  } catch (err) {
    throw new ModemError('ussd-bad-request', err instanceof CodecError ? err.message : String(err));
  }
  registerSecret(...secrets, encoded !== code ? encoded : '');
  const command = `AT+CUSD=1,"${encoded}",15`;

  let onAnswer: (answer: UssdAnswer) => void = () => {};
  const answered = new Promise<UssdAnswer>((resolve) => (onAnswer = resolve));
  const picker = new UssdAnswerPicker(settings);
  let grace: NodeJS.Timeout | undefined;
  const unsubscribe = engine.onUrc('+CUSD:', ([line]) => {
    const outcome = line ? picker.offer(line) : 'ignored';
    if (outcome === 'notice') grace = setTimeout(() => onAnswer(picker.result!), RELEASE_GRACE_MS);
    if (outcome === 'answer') {
      clearTimeout(grace);
      onAnswer(picker.answer!);
    }
  });
  let timer: NodeJS.Timeout | undefined;
  try {
    await engine
      .execute(command, { logAs: maskSecrets(command), ...(beforeWrite ? { beforeWrite } : {}) })
      .catch((err: unknown) => {
        throw requestFailure(err);
      })
      .finally(() => settings.requested?.());
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new ModemError('ussd-timeout', `no USSD answer within ${timeoutMs} ms`)), timeoutMs);
    });
    return await Promise.race([answered, timeout]);
  } catch (err) {
    if (err instanceof ModemError && err.code === 'ussd-timeout') await cancelUssd(engine);
    throw err;
  } finally {
    clearTimeout(timer);
    clearTimeout(grace);
    unsubscribe();
  }
}

/**
 * What went wrong with AT+CUSD itself, as the modem's own error: refused by the modem (ERROR,
 * +CME/+CMS ERROR: the request never reached the network), or failed otherwise (no answer in
 * time, the line closed), when it may have.
 */
function requestFailure(err: unknown): unknown {
  if (!isAtError(err)) return err;
  const refused = err.code === 'error' || err.code === 'cme' || err.code === 'cms';
  return new ModemError(refused ? 'ussd-refused' : 'ussd-failed', err.message);
}

/**
 * One USSD request and its answer. A network timeout or a session left open (m=1) is closed with
 * AT+CUSD=2, whose ERROR (Huawei E173 with no session) is ignored.
 */
export async function runUssd(engine: AtEngine, settings: UssdSettings, request: UssdRequest): Promise<UssdAnswer> {
  const answer = await exchange(engine, settings, request.code, request.timeoutMs, request.secrets ?? [], request.beforeWrite);
  if (answer.status === 'further-action') await cancelUssd(engine);
  return answer;
}

/**
 * A menu session: the first code opens it, each later step answers the menu the network shows
 * (`*123#` → `4`). Every answer but the last must ask for more input; the session is closed after.
 */
export async function runUssdMenu(engine: AtEngine, settings: UssdSettings, steps: string[], timeoutMs: number): Promise<UssdAnswer> {
  if (steps.length === 0) throw new ModemError('ussd-bad-request', 'a menu needs at least one step');
  let answer: UssdAnswer | null = null;
  for (let i = 0; i < steps.length; i++) {
    answer = await exchange(engine, settings, steps[i]!, timeoutMs, []);
    const last = i === steps.length - 1;
    if (!last && answer.status !== 'further-action') {
      throw new ModemError('bad-answer', `the menu ended after step ${i + 1} of ${steps.length} (${answer.status}: ${answer.text ?? 'no text'})`);
    }
  }
  if (answer!.status === 'further-action') await cancelUssd(engine);
  return answer!;
}

export async function cancelUssd(engine: AtEngine): Promise<void> {
  await engine.execute('AT+CUSD=2').catch(() => undefined);
}
