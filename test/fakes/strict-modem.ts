import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { encodeDeliver } from '../../src/codec/sms-deliver.js';
import { decodeSubmit, type SmsSubmit } from '../../src/codec/sms-submit.js';
import { requireTool, spawnProcess, type Spawned } from '../helpers/processes.js';
import { waitFor } from '../helpers/wait.js';

const SCRIPT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'strict_modem.py');

/** What a bare modem refuses: caller ID, the SMS service, acknowledgements, the report memory, report routing. */
export const BARE = ['clip', 'csms', 'cnma', 'sr', 'ds'] as const;
/** `ds2`: reports inline only (+CDS), as SIM800 lists <ds> 0 and 1. */
export type Refusal = (typeof BARE)[number] | 'ds2';

export interface StrictModemOptions {
  vouchers?: string[];
  refuse?: readonly Refusal[];
  carrier?: 'vivacom' | 'a1';
  /** How many messages the SIM holds (50 by default). */
  slots?: number;
}

export interface StrictModemState {
  sent: Array<{ length: number; pdu: string; mr: number }>;
  ussd: string[];
  commands: string[];
  refusals: string[];
  /** Command lines written before the previous command's final result (ignored, as the manual's modem does). */
  violations: string[];
  storage: Record<string, number>;
  waiting: number;
  settings: { echo: boolean; cmee: number; cnmi: number[]; clip: number; csms: number; mem: string[] };
  balance: string;
}

/** A text the box sent, its parts joined, as the network would hand it to the phone. */
export interface SentText {
  to: string;
  text: string;
  statusReport: boolean;
  /** Every part has been sent. */
  complete: boolean;
  /** How many SMS it took. */
  parts: number;
}

export interface StrictModem {
  /** The pty's path, for `--port`. */
  link: string;
  process: Spawned;
  state(): Promise<StrictModemState>;
  /** An SMS from `sender` arrives: stored on the SIM and announced, as the network delivers it. */
  receive(sender: string, text: string, how?: { alphabet?: 'gsm7' | 'ucs2'; alphanumericSender?: boolean }): Promise<number | null>;
  /** The modem restarts by itself (a brown-out): its settings are lost and it prints its start-up banner. */
  reboot(): Promise<void>;
  /** Every text the box sent, decoded by the codec, multi-part texts joined. */
  sentTexts(): Promise<SentText[]>;
  stop(): Promise<void>;
}

function ask(socket: string, request: object): Promise<any> {
  return new Promise((resolve, reject) => {
    const client = net.connect(socket);
    let data = '';
    client.on('connect', () => client.write(`${JSON.stringify(request)}\n`));
    client.on('data', (chunk) => (data += chunk.toString()));
    client.on('end', () => {
      try {
        resolve(JSON.parse(data));
      } catch (err) {
        reject(err);
      }
    });
    client.on('error', reject);
  });
}

/** Groups the parts of concatenated texts (by recipient and reference) and joins them in order. */
export function joinParts(parts: SmsSubmit[]): SentText[] {
  const texts: SentText[] = [];
  const open = new Map<string, { text: SentText; pieces: string[] }>();
  for (const part of parts) {
    if (!part.concat) {
      texts.push({ to: part.to, text: part.text, statusReport: part.statusReport, complete: true, parts: 1 });
      continue;
    }
    const key = `${part.to}/${part.concat.ref}`;
    let entry = open.get(key);
    if (!entry) {
      entry = { text: { to: part.to, text: '', statusReport: part.statusReport, complete: false, parts: part.concat.total }, pieces: [] };
      open.set(key, entry);
      texts.push(entry.text);
    }
    entry.pieces[part.concat.seq - 1] = part.text;
    entry.text.text = entry.pieces.join('');
    entry.text.complete = entry.pieces.filter((piece) => piece !== undefined).length === part.concat.total;
  }
  return texts;
}

/** Starts test/fakes/strict_modem.py on a pty at `dir`/ttyStrict, its control socket beside it. */
export async function startStrictModem(dir: string, options: StrictModemOptions = {}): Promise<StrictModem> {
  requireTool('python3', 'to run the strict fake modem');
  const link = path.join(dir, 'ttyStrict');
  const socket = path.join(dir, 'strict-modem.sock');
  const args = [SCRIPT, '--link', link, '--control', socket, '--carrier', options.carrier ?? 'vivacom'];
  for (const voucher of options.vouchers ?? []) args.push('--voucher', voucher);
  if (options.refuse?.length) args.push('--refuse', options.refuse.join(','));
  if (options.slots !== undefined) args.push('--slots', String(options.slots));
  const spawned = spawnProcess('python3', args);
  await spawned.waitForOutput(/STRICT MODEM READY \/dev\/pts\/\d+/);
  const state = (): Promise<StrictModemState> => ask(socket, { op: 'state' });
  // The service centre stamps each SMS to the second: two with the same sender, text and stamp are one
  // SMS delivered twice (and the box rightly takes it once), so each one here is a second apart at least.
  let stamped = 0;
  return {
    link,
    process: spawned,
    state,
    receive: async (sender, text, how = {}) => {
      stamped = Math.max(Date.now(), stamped + 1000);
      const answer = await ask(socket, { op: 'inject', pdu: encodeDeliver({ sender, text, date: new Date(stamped), offsetMinutes: 120, ...how }) });
      if (!answer.ok) throw new Error(`the strict modem refused the SMS: ${answer.error}`);
      return answer.index;
    },
    reboot: async () => {
      await ask(socket, { op: 'reboot' });
    },
    sentTexts: async () => joinParts((await state()).sent.map((sent) => decodeSubmit(sent.pdu))),
    stop: () => spawned.stop(),
  };
}

/** Waits until the box has sent at least `count` texts to `to`, and returns them. */
export async function textsTo(modem: StrictModem, to: string, count = 1, timeoutMs = 30_000): Promise<SentText[]> {
  const national = (number: string) => number.replace(/^\+359/, '0');
  try {
    return await waitFor(async () => {
      const texts = (await modem.sentTexts()).filter((t) => national(t.to) === national(to) && t.complete);
      return texts.length >= count ? texts : null;
    }, timeoutMs, `${count} text(s) to ${to}`);
  } catch (err) {
    const state = await modem.state();
    throw new Error(`${(err as Error).message}; sent: ${JSON.stringify(await modem.sentTexts())}; last commands: ${state.commands.slice(-40).join(' | ')}`);
  }
}
