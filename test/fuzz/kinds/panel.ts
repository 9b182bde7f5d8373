/**
 * The web panel's message log, in a real browser: texts full of codes written every way (grouped,
 * other scripts' digits, inside words, in CREDIT and out of it, with PH numbers) by SMS and over
 * the relay, then the panel as a person sees it and /api/v1/messages as a program reads it. Every
 * run of 5 or more digits in a kept text is masked but its last 4, so neither may show 5 digits in
 * a row of any number a text carried (nor of the password), and neither may the database's bytes
 * hold a long one whole.
 */
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../helpers/browser.js';
import { databaseBytes } from '../../helpers/database-bytes.js';
import { TOKEN } from '../../helpers/daemon.js';
import { openPage } from '../../helpers/panel-page.js';
import { startFuzzBox, type FuzzBox } from '../box.js';
import { boxFigures, digitRuns, leakedWindow, wholeIn, windowsOf, withoutMoney, withoutTimes } from '../leaks.js';
import { caseRandom, inParallel, type Random } from '../random.js';
import { Recorder, type KindReport } from '../report.js';
import { codeForm, commandText, PASSWORD, passwordOf } from '../texts.js';

const PH_NUMBER = /\bPH:?\s+\S+/gi;
const CONFIG_WORD = /\b(PWD|CREDITCFG|PHADD|PHDEL|LANG|USSD|SETTLE)\b(?!\?)/i;
/** The panel shows the latest 30 messages. */
const BATCH = 30;
const SETTLE_BOUND_MS = 60_000;

const senderOf = (index: number): string => `+3598860${String(index).padStart(5, '0')}`;

/** A text carrying codes: a command, or someone writing a number the box was never asked to keep. */
function textWithCodes(r: Random): string {
  if (r.chance(0.6)) return commandText(r, null).text;
  const form = codeForm(r, null);
  return r.pick([
    `my card is ${form.written}`,
    `*${PASSWORD} CREDIT ${form.written} PH 0888${r.digits(6)}`,
    `Карта ${form.written}, моля зареди`,
    `${form.written}${r.pick(['', 'abc', '€', '#'])}${codeForm(r, null).written}`,
    `*${r.digits(6)} CREDIT ${form.written}`,
  ]);
}

export async function panelKind(count: number, seed: number): Promise<KindReport> {
  const rec = new Recorder('panel');
  const box = await startFuzzBox({ vouchers: 5 });
  let browser: Browser | null = null;
  try {
    browser = await launchChromium();
    const page = await browser.newPage();
    await page.goto(box.running.baseUrl);
    await page.fill('#token', TOKEN);
    await page.click('#token-form button');
    await page.waitForSelector('#panel', { state: 'visible' });
    await run(box, page, rec, count, seed);
  } finally {
    await browser?.close();
    await box.stop();
  }
  return rec.done();
}

async function run(box: FuzzBox, page: Page, rec: Recorder, count: number, seed: number): Promise<void> {
  const dates = boxFigures();
  const numbers = new Set<string>();
  const phones = new Set<string>();
  for (let first = 0; first < count; first += BATCH) {
    const batch = Array.from({ length: Math.min(BATCH, count - first) }, (_, i) => ({ index: first + i, text: textWithCodes(caseRandom(seed, 'panel', first + i)) }));
    const codes = new Set<string>([PASSWORD]);
    // A PH number is where the reply goes: kept whole, as the sender is. Every other number is masked.
    for (const { text } of batch) for (const run of digitRuns(text.replace(PH_NUMBER, ' '))) codes.add(run);
    // The page lists more rows than a batch: every sender and PH number met so far may show whole.
    for (const phone of batch.map((b) => senderOf(b.index)).concat(batch.flatMap((b) => b.text.match(PH_NUMBER) ?? []))) phones.add(phone);
    const allowed = new Set([...dates, ...windowsOf([...phones])]);
    for (const c of codes) numbers.add(c);
    // Over the relay a right password may configure the box (the token holder may): those go by SMS.
    const overRelay = (b: { index: number; text: string }): boolean => b.index % 2 === 1 && b.text.length <= 480 && !(passwordOf(b.text) === PASSWORD && CONFIG_WORD.test(b.text));
    for (const b of batch) if (!overRelay(b)) box.running.simulator.sendSmsFromPhone(senderOf(b.index), b.text);
    await inParallel(batch.filter(overRelay), 8, async ({ text }) => {
      await box.post('/api/v1/commands', { text });
    });
    rec.tried(batch.length);
    if (!(await box.settled(SETTLE_BOUND_MS))) return rec.fail(first, batch.map((b) => b.text).join(' ‖ '), `a batch not settled within ${SETTLE_BOUND_MS / 1000} s (stall): ${box.busy()}`);
    box.takeLogs();

    await page.reload();
    await page.waitForSelector('#panel', { state: 'visible' });
    await openPage(page, 'messages');
    await page.waitForSelector('#messages tbody tr', { state: 'attached' });
    // Every cell but the time (the browser's own rendering of it).
    const rendered = await page.$$eval('#messages tbody tr', (rows) => rows.map((row) => Array.from((row as unknown as { cells: ArrayLike<{ textContent: string | null }> }).cells).slice(1).map((c) => c.textContent).join(' | ')));
    const api = (await box.get(`/api/v1/messages?limit=${BATCH}`)).json.messages as unknown[];
    const shown: Array<[string, string]> = [...rendered.map((t): [string, string] => ['the panel', t]), ...api.map((m): [string, string] => ['/api/v1/messages', withoutTimes(m)])];
    for (const [where, text] of shown) {
      const leaked = leakedWindow(withoutMoney(text), codes, allowed);
      if (leaked) rec.fail(first, batch.find((b) => digitRuns(b.text).some((r) => r.includes(leaked.window)))?.text ?? text, `${where} shows ${leaked.window} of ${leaked.code}: ${text.slice(0, 300)}`);
    }
  }
  const atRest = databaseBytes(box.dbFile);
  const whole = wholeIn(atRest, numbers);
  for (const n of whole.slice(0, 3)) rec.fail(-1, n, 'a number a text carried, whole in the database bytes');
  if (atRest.includes(PASSWORD)) rec.fail(-1, PASSWORD, 'the password in the database bytes');
  rec.figure('numbers carried', numbers.size);
}
