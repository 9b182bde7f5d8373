import { encodeUssdRequest, parseCusd, type UssdStatus } from '../codec/ussd.js';
import { decodeUssdText, type Cscs } from '../codec/ussd-text.js';
import { CodecError } from '../codec/errors.js';
import { maskSecrets, registerSecret } from '../log/secrets.js';
import type { AtEngine } from '../at/engine.js';
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
  let got: UssdAnswer | null = null;
  let notice: UssdAnswer | null = null;
  let grace: NodeJS.Timeout | undefined;
  const unsubscribe = engine.onUrc('+CUSD:', ([line]) => {
    if (got || !line) return;
    try {
      const parsed = parseCusd(line);
      const text = parsed.raw === null ? null : decodeUssdText(parsed.raw, parsed.dcs, { cscs: settings.cscs, packed: settings.encoding === 'packed' });
      const answer: UssdAnswer = { status: parsed.status, text, dcs: parsed.dcs };
      // Some networks announce the end first (`+CUSD: 2` bare, or "Initiating Release") and send the
      // answer after it: such a notice is held for a moment in case the real answer follows.
      if (!notice && answer.status === 'terminated' && (text === null || RELEASE_NOTICE.test(text))) {
        notice = answer;
        grace = setTimeout(() => {
          got = notice;
          onAnswer(notice!);
        }, RELEASE_GRACE_MS);
        return;
      }
      clearTimeout(grace);
      got = answer;
      onAnswer(answer);
    } catch {
      // A garbled +CUSD line is not an answer; keep waiting until the timeout.
    }
  });
  let timer: NodeJS.Timeout | undefined;
  try {
    await engine.execute(command, { logAs: maskSecrets(command), ...(beforeWrite ? { beforeWrite } : {}) });
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
