import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { api, TOKEN } from '../helpers/daemon.js';
import { spawnCli, type Spawned } from '../helpers/processes.js';
import { tmpDir } from '../helpers/tmp.js';
import { waitFor } from '../helpers/wait.js';
import { BARE, startStrictModem, textsTo, type StrictModem, type StrictModemOptions } from '../fakes/strict-modem.js';

// The box's daemon, as its own process, against test/fakes/strict_modem.py: a SIM800-like modem on
// a real pty written from the SIM800 manual and TS 27.005/27.007, sharing no code with src/sim.

const VOUCHER = '123456789012345';
const OWNER = '+359888000111';
const PHONE = '0888123456';

const started: Array<Spawned | StrictModem> = [];
const modems: StrictModem[] = [];
afterEach(async () => {
  try {
    // Whatever the scenario, the box never wrote a command before the last one's final result.
    for (const modem of modems.splice(0)) expect((await modem.state()).violations).toEqual([]);
  } finally {
    await Promise.all(started.splice(0).map((p) => p.stop()));
  }
});

async function strictModem(dir: string, options: StrictModemOptions): Promise<StrictModem> {
  const modem = await startStrictModem(dir, options);
  started.push(modem);
  modems.push(modem);
  return modem;
}

/** The config a box on this modem needs: its balance code, and the pty's lock in the test's folder. */
function writeConfig(dir: string): string {
  const file = path.join(dir, 'gsmkeeper.yml');
  fs.writeFileSync(file, `modem:\n  lockDir: ${dir}\ncredit:\n  balanceUssd: "*102#"\n`);
  return file;
}

/** The box's daemon on the modem's pty, its HTTP address once it is up. */
async function startBox(dir: string, modem: StrictModem): Promise<{ daemon: Spawned; baseUrl: string }> {
  const daemon = spawnCli(['run', '--config', writeConfig(dir), '--port', modem.link, '--baud', '115200', '--data-dir', path.join(dir, 'data'), '--http', '127.0.0.1:0', '--log-level', 'warn'], { GSMKEEPER_TOKEN: TOKEN });
  started.push(daemon);
  const [, baseUrl] = await daemon.waitForOutput(/HTTP relay: (http:\/\/\S+)\/api\/v1\/commands/, 30_000);
  // Up once the modem is initialised: its new-message indications are set.
  await waitFor(async () => (await modem.state()).settings.cnmi[1] === 1, 20_000, 'the box to set AT+CNMI');
  return { daemon, baseUrl: baseUrl! };
}

/** The fate of the reply to the command whose text has `words`, as the box's message log says it. */
async function replyFate(baseUrl: string, words: string): Promise<string | undefined> {
  const { json } = await api(baseUrl, 'GET', '/api/v1/messages');
  return json.messages.find((m: { text: string }) => m.text.includes(words))?.replyFate?.status;
}

const rechargeDials = async (modem: StrictModem) => (await modem.state()).ussd.filter((code) => code.startsWith('*101#'));

/** Everything a box must do on this modem, bare or not. */
async function theBoxDoesItsJob(modem: StrictModem): Promise<void> {
  await modem.receive(OWNER, `*123456 Ph ${PHONE} Credit ${VOUCHER}`);
  const [reply] = await textsTo(modem, PHONE);
  expect(reply!.text).toMatch(/22\.34 BGN/);
  expect(reply!.text).toMatch(/01\.01\.2027/);
  expect(await rechargeDials(modem)).toEqual([`*101#${VOUCHER}#`]);

  // The same code again: refused by the box, nothing dialled.
  await modem.receive(OWNER, `*123456 Ph ${PHONE} Credit ${VOUCHER}`);
  const [, again] = await textsTo(modem, PHONE, 2);
  expect(again!.text).not.toMatch(/22\.34|32\.34/);
  expect(again!.text).not.toContain(VOUCHER);

  // A code that fails the local check.
  await modem.receive(OWNER, `*123456 Ph ${PHONE} Credit 12ab`);
  const [, , bad] = await textsTo(modem, PHONE, 3);
  expect(bad!.text).toBe('Invalid Security Code!');
  expect(await rechargeDials(modem)).toEqual([`*101#${VOUCHER}#`]);

  await modem.receive(OWNER, '*123456 STAT?');
  const [stat] = await textsTo(modem, '0888000111');
  expect(stat!.text).toMatch(/^Signal -\d+dBm \d\/5\. Vivacom 284-03 home\. Unconfirmed: 2\. Balance 22\.34 BGN valid to 01\.01\.2027/);
  // One SMS, as STAT? promises: the unconfirmed facts as their count, not a second part.
  expect(stat!.parts).toBe(1);

  const before = (await modem.state()).ussd.filter((code) => code === '*102#').length;
  await modem.receive(OWNER, '*123456 CREDIT?');
  const [, credit] = await textsTo(modem, '0888000111', 2);
  expect(credit!.text).toBe('Balance: 22.34 BGN. Valid until 01.01.2027.');
  expect((await modem.state()).ussd.filter((code) => code === '*102#').length).toBe(before + 1);
  expect(await rechargeDials(modem)).toEqual([`*101#${VOUCHER}#`]);
}

describe('the box against a strict SIM800-like modem nobody wrote for it', () => {
  it('rechargesOnceRefusesTheSameCodeAndAnswersStatAndCredit', async () => {
    const dir = tmpDir();
    const modem = await strictModem(dir, { vouchers: [VOUCHER] });
    const { baseUrl } = await startBox(dir, modem);
    await theBoxDoesItsJob(modem);
    // Replies asked for reports, which the modem stores in SR: the box reads them there.
    await waitFor(async () => (await replyFate(baseUrl, 'STAT?')) === 'delivered', 10_000, 'the STAT? reply delivered');
    const state = await modem.state();
    expect(state.storage.SM).toBe(0);
    expect(state.storage.SR).toBe(0);
    expect(state.settings.cnmi[3]).toBe(2);
    expect(state.settings.echo).toBe(false);
  }, 120_000);

  it('aBareModemStillRechargesWithoutCallerIdOrDeliveryReports', async () => {
    const dir = tmpDir();
    const modem = await strictModem(dir, { vouchers: [VOUCHER], refuse: BARE });
    const { baseUrl } = await startBox(dir, modem);
    await theBoxDoesItsJob(modem);
    expect(await replyFate(baseUrl, 'STAT?')).toBe('sent');
    const state = await modem.state();
    expect(state.storage.SM).toBe(0);
    expect(state.settings.cnmi[3]).toBe(0);
    // With no way to hand reports on, no reply asks for one.
    expect((await modem.sentTexts()).every((t) => !t.statusReport)).toBe(true);
  }, 120_000);
});

describe('texts as phones and carriers send them', () => {
  it('aCommandInUcs2IsAnsweredAndACarrierTextFromANameIsKeptUnanswered', async () => {
    const dir = tmpDir();
    const modem = await strictModem(dir, {});
    const { baseUrl } = await startBox(dir, modem);
    // A phone that chose UCS2 (a Cyrillic keyboard), then the carrier's own SMS from a name.
    await modem.receive(OWNER, '*123456 STAT?', { alphabet: 'ucs2' });
    await modem.receive('VIVACOM', 'Вашият баланс е 12.34 лв.', { alphabet: 'ucs2', alphanumericSender: true });
    const [stat] = await textsTo(modem, OWNER);
    expect(stat!.text).toMatch(/^Signal/);
    await waitFor(async () => (await modem.state()).storage.SM === 0, 10_000, 'the SIM emptied');
    expect((await modem.sentTexts()).map((t) => t.to)).toEqual([OWNER]);
    const { json } = await api(baseUrl, 'GET', '/api/v1/messages');
    expect(json.messages.map((m: { text: string }) => m.text)).toContain('Вашият баланс е 12.34 лв.');
  }, 60_000);
});

describe('status reports as a modem without an "SR" memory hands them on', () => {
  it.each([
    ['inline by +CDS (SIM800)', ['sr', 'ds2'] as const, 1],
    ['stored in SM with +CDSI', ['sr'] as const, 2],
  ])('aReplyIsDeliveredWhenItsReportComes %s', async (_how, refuse, ds) => {
    const dir = tmpDir();
    const modem = await strictModem(dir, { refuse: [...refuse] });
    const { baseUrl } = await startBox(dir, modem);
    expect((await modem.state()).settings.cnmi[3]).toBe(ds);
    await modem.receive(OWNER, '*123456 STAT?');
    const [stat] = await textsTo(modem, OWNER);
    expect(stat!.statusReport).toBe(true);
    await waitFor(async () => (await replyFate(baseUrl, 'STAT?')) === 'delivered', 10_000, 'the STAT? reply delivered');
    // A report kept in SM is read there and deleted, never taken for a command.
    await waitFor(async () => (await modem.state()).storage.SM === 0, 10_000, 'the SIM emptied');
    expect((await modem.sentTexts()).length).toBe(1);
  }, 60_000);
});

describe('the strict modem\'s two carriers', () => {
  it('anA1SimHasItsCodeDialledTheWayA1TakesIt', async () => {
    const dir = tmpDir();
    const code = '12345678901234';
    const modem = await strictModem(dir, { carrier: 'a1', vouchers: [code] });
    await startBox(dir, modem);
    await modem.receive(OWNER, `*123456 Ph ${PHONE} Credit ${code}`);
    const [reply] = await textsTo(modem, PHONE);
    expect(reply!.text).toMatch(/22\.34 BGN/);
    expect((await modem.state()).ussd.filter((dialled) => dialled !== '*102#')).toEqual([`*100*${code}#`]);
  }, 60_000);

  it('aCodeTheCarrierRefusesIsDialledOnceAndTheRefusalTold', async () => {
    const dir = tmpDir();
    const modem = await strictModem(dir, { vouchers: [VOUCHER] });
    await startBox(dir, modem);
    const unknown = '987654321098765';
    await modem.receive(OWNER, `*123456 Ph ${PHONE} Credit ${unknown}`);
    const [reply] = await textsTo(modem, PHONE);
    expect(reply!.text).toMatch(/^Card \*+8765 rejected by the carrier/);
    expect(reply!.text).not.toContain(unknown);
    expect(await rechargeDials(modem)).toEqual([`*101#${unknown}#`]);
  }, 60_000);
});

describe('a strict modem that restarts by itself', () => {
  it('isSetUpAgainAfterItsBannerAndTheNextCommandIsAnswered', async () => {
    const dir = tmpDir();
    const modem = await strictModem(dir, { vouchers: [VOUCHER] });
    await startBox(dir, modem);
    await modem.reboot();
    // The banner makes the box set the modem up again: echo off and new-message indications back on.
    await waitFor(async () => {
      const { settings } = await modem.state();
      return !settings.echo && settings.cmee === 1 && settings.cnmi[1] === 1;
    }, 20_000, 'the modem set up again');
    await modem.receive(OWNER, `*123456 Ph ${PHONE} Credit ${VOUCHER}`);
    const [reply] = await textsTo(modem, PHONE);
    expect(reply!.text).toMatch(/22\.34 BGN/);
    expect(await rechargeDials(modem)).toEqual([`*101#${VOUCHER}#`]);
  }, 60_000);
});

describe('gsmkeeper doctor against the strict modem', () => {
  async function doctor(dir: string, modem: StrictModem, extra: string[] = []): Promise<{ code: number | null; out: string }> {
    const run = spawnCli(['doctor', '--config', writeConfig(dir), '--port', modem.link, '--data-dir', path.join(dir, 'data'), ...extra]);
    started.push(run);
    const code = await run.exited;
    return { code, out: run.output() };
  }

  it('aBareModemEndsReadyWithWarningsNotAFailure', async () => {
    const dir = tmpDir();
    const modem = await strictModem(dir, { refuse: BARE });
    const { code, out } = await doctor(dir, modem, ['--ussd']);
    expect(out).toMatch(/✓ modem +answers AT \(SIMCOM_Ltd, SIMCOM_SIM800L, /);
    expect(out).toMatch(/✓ SIM +ready/);
    expect(out).toMatch(/✓ network +home, 28403/);
    expect(out).toMatch(/✓ SMS storage +SM, 0 of 50 used/);
    // SIM800 lists <ds> 0 and 1 and this one refuses 1: said as it is, not as a list without <ds>.
    expect(out).toMatch(/! reports +this modem refused the status-report routing its AT\+CNMI=\? offers: replies stay "sent"/);
    expect(out).toMatch(/✓ USSD +\*102# as text: "Your balance is 12\.34 BGN, valid until 01\.01\.2027\." — read: balance 12\.34 BGN, valid until 01\.01\.2027/);
    expect(out).not.toMatch(/✗/);
    expect(out).toMatch(/^Ready\.$/m);
    expect(code).toBe(0);
  });

  it('aFullModemHasItsReportsStoredInSr', async () => {
    const dir = tmpDir();
    const modem = await strictModem(dir, {});
    const { code, out } = await doctor(dir, modem);
    expect(out).toMatch(/✓ reports +stored and announced by \+CDSI \(read from SR\)/);
    expect(code).toBe(0);
  });
});

describe('a SIM full of commands', () => {
  const senders = Array.from({ length: 50 }, (_, i) => `+3598880${String(1000 + i)}`);

  /** Every sender's STAT? answered by exactly one reply, no part sent twice, the SIM emptied. */
  async function everyReplySentOnce(modem: StrictModem): Promise<void> {
    await waitFor(async () => ((await modem.sentTexts()).filter((t) => t.complete).length >= senders.length ? true : null), 90_000, `${senders.length} replies`);
    const texts = await modem.sentTexts();
    for (const sender of senders) {
      const replies = texts.filter((t) => t.to === sender);
      expect(replies, sender).toHaveLength(1);
      expect(replies[0]!.text).toMatch(/^Signal -\d+dBm/);
    }
    expect(texts).toHaveLength(senders.length);
    const state = await modem.state();
    expect(new Set(state.sent.map((s) => s.pdu)).size).toBe(state.sent.length);
    await waitFor(async () => (await modem.state()).storage.SM === 0, 10_000, 'the SIM emptied');
  }

  it('fiftyStoredCommandsDrainWithEveryReplySentOnce', async () => {
    const dir = tmpDir();
    const modem = await strictModem(dir, {});
    // Texted while the box was down: stored on the SIM, announced to nobody.
    for (const sender of senders) await modem.receive(sender, '*123456 STAT?');
    expect((await modem.state()).storage.SM).toBe(50);
    await startBox(dir, modem);
    await everyReplySentOnce(modem);
  }, 150_000);

  it('fiftyCommandsArrivingAtOnceOnABareModemAreEachAnsweredOnce', async () => {
    const dir = tmpDir();
    const modem = await strictModem(dir, { refuse: BARE });
    await startBox(dir, modem);
    // Fifty +CMTI while the box reads, deletes and sends.
    for (const sender of senders) await modem.receive(sender, '*123456 STAT?');
    await everyReplySentOnce(modem);
  }, 150_000);

  it('aSimOfTenSlotsTakesFiftyCommandsAsTheBoxFreesThemAndAnswersEachOnce', async () => {
    const dir = tmpDir();
    const modem = await strictModem(dir, { slots: 10 });
    // Ten fill the SIM while the box is down; the service centre holds the other forty.
    for (const sender of senders) await modem.receive(sender, '*123456 STAT?');
    expect(await modem.state()).toMatchObject({ storage: { SM: 10 }, waiting: 40 });
    await startBox(dir, modem);
    await everyReplySentOnce(modem);
    expect((await modem.state()).waiting).toBe(0);
  }, 150_000);
});
