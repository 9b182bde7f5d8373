import { afterEach, describe, expect, it } from 'vitest';
import { MockBinding } from '@serialport/binding-mock';
import { decodeDeliver } from '../../src/codec/sms-deliver.js';
import { Simulator } from '../../src/sim/simulator.js';
import { bridgeSimulator, modemOver, openMockPort } from '../helpers/mock-port.js';

async function modemOnSimulator() {
  const simulator = new Simulator({ timing: { ussdDelayMs: 5 } });
  const port = await openMockPort();
  const wire = bridgeSimulator(port, simulator);
  const modem = await modemOver(port);
  return { simulator, modem, wire };
}

afterEach(() => MockBinding.reset());

describe('modem operations against the simulated modem (binding-mock)', () => {
  it('initialisesAndReadsTheImsi', async () => {
    const { modem } = await modemOnSimulator();
    expect(await modem.init()).toEqual({ imsi: '284030000000001' });
    expect(await modem.operator()).toBe('28403');
    expect(await modem.registration()).toBe('home');
  });

  it('announcesANewSmsWithCmtiAndReadsIt', async () => {
    const { modem, simulator } = await modemOnSimulator();
    await modem.init();
    const stored = new Promise<{ index: number }>((resolve) => modem.once('sms-stored', resolve));
    simulator.sendSmsFromPhone('0888123456', '*123456 STAT?');
    const { index } = await stored;
    const message = await modem.readMessage(index);
    expect(decodeDeliver(message!.pdu)).toMatchObject({ sender: '+359888123456', text: '*123456 STAT?' });
    await modem.deleteMessage(index);
    expect(await modem.listMessages()).toEqual([]);
  });

  it('listsMessagesStoredBeforeStartUp', async () => {
    const { modem, simulator } = await modemOnSimulator();
    simulator.sendSmsFromPhone('+359888000001', 'one');
    simulator.sendSmsFromPhone('+359888000002', 'two');
    await modem.init();
    const listed = await modem.listMessages();
    expect(listed.map((m) => decodeDeliver(m.pdu).text)).toEqual(['one', 'two']);
  });

  it('sendsAnSmsThatArrivesOnThePhone', async () => {
    const { modem, simulator } = await modemOnSimulator();
    await modem.init();
    const refs = await modem.sendSms('0888123456', 'Balance 7.50 EUR [ok]');
    expect(refs).toHaveLength(1);
    expect(simulator.phoneMessages('0888123456').map((m) => m.text)).toEqual(['Balance 7.50 EUR [ok]']);
  });

  it('sendsALongCyrillicSmsInPartsThatThePhoneReassembles', async () => {
    const { modem, simulator } = await modemOnSimulator();
    await modem.init();
    const text = 'Баланс '.repeat(20);
    expect(await modem.sendSms('0888123456', text, 9)).toHaveLength(3);
    expect(simulator.phoneMessages('0888123456').map((m) => m.text)).toEqual([text]);
  });

  it('eachPartSentIsToldWithHowManyPartsTheTextWasSplitInto', async () => {
    const { modem } = await modemOnSimulator();
    await modem.init();
    const told: Array<[number, number]> = [];
    const refs = await modem.sendSms('0888123456', 'Баланс '.repeat(20), 9, { onPartSent: (part, _mr, parts) => told.push([part, parts]) });
    expect(refs).toHaveLength(3);
    expect(told).toEqual([[0, 3], [1, 3], [2, 3]]);
  });

  it('ussdAnswerArrivesAsAUrcAfterOk', async () => {
    const { modem, simulator } = await modemOnSimulator();
    await modem.init();
    const pin = simulator.unusedVouchers()[0]!.pin;
    const answer = await modem.ussd({ code: `*101#${pin}#`, timeoutMs: 2000, secrets: [pin] });
    expect(answer.status).toBe('answer');
    expect(answer.text).toMatch(/zaredihte 5\.00 EUR/);
  });

  it('ussdWithoutAnswerTimesOutAndCancelsTheSession', async () => {
    const simulator = new Simulator({ timing: { ussdDelayMs: 5_000 } });
    const port = await openMockPort();
    bridgeSimulator(port, simulator);
    const modem = await modemOver(port);
    await modem.init();
    const before = modem.traffic.commands;
    await expect(modem.ussd({ code: '*102#', timeoutMs: 100 })).rejects.toMatchObject({ code: 'ussd-timeout' });
    // AT+CSCS, AT+CUSD=1, then AT+CUSD=2
    expect(modem.traffic.commands - before).toBe(3);
  });
});

describe('USSD answer order on modems that differ', () => {
  it('cusdBeforeOkIsStillTheAnswer', async () => {
    const { scriptModem } = await import('../helpers/mock-port.js');
    const port = await openMockPort();
    scriptModem(port, (w) => (w.startsWith('AT+CUSD=1') ? '\r\n+CUSD: 0,"Nalichnost: 3.20 EUR. Validnost do 01.01.2027.",15\r\n\r\nOK\r\n' : w === 'AT+CSCS="GSM"\r' ? '\r\nOK\r\n' : undefined));
    const modem = await modemOver(port, { ussdEncoding: 'text' });
    await expect(modem.ussd({ code: '*102#', timeoutMs: 1000 })).resolves.toEqual({ status: 'answer', text: 'Nalichnost: 3.20 EUR. Validnost do 01.01.2027.', dcs: 15 });
  });

  it('aPackedHexModemGetsAPackedRequestAndItsAnswerDecoded', async () => {
    const { scriptModem } = await import('../helpers/mock-port.js');
    const port = await openMockPort();
    const writes = scriptModem(port, (w) => (w.startsWith('AT+CUSD=1') ? '\r\nOK\r\n\r\n+CUSD: 0,"C2303BEC9E8372AE1A0C54AC4A01",15\r\n' : '\r\nOK\r\n'));
    const modem = await modemOver(port, { ussdEncoding: 'packed' });
    const answer = await modem.ussd({ code: '*101#', timeoutMs: 1000 });
    expect(writes).toContain('AT+CUSD=1,"AA182C3602",15\r');
    expect(answer.text).toBe("Balans 9.50 EUR");
  });
});

describe('a send that may or may not have gone out', () => {
  async function modemThatSwallows(after: 'prompt' | 'nothing') {
    const { scriptModem } = await import('../helpers/mock-port.js');
    const port = await openMockPort();
    // The prompt comes (or not); after the PDU, no +CMGS and no OK.
    scriptModem(port, (w) => (w.startsWith('AT+CMGS=') ? (after === 'prompt' ? '\r\n> ' : undefined) : w.endsWith('\x1a') ? undefined : '\r\nOK\r\n'));
    return modemOver(port, { timeouts: { prompt: 150, send: 200, basic: 200 } });
  }

  it('aPduWrittenWithoutAFinalResultIsUncertainNotAFailure', async () => {
    const modem = await modemThatSwallows('prompt');
    await expect(modem.sendSms('0888123456', 'Balance 7.50 EUR')).rejects.toMatchObject({ name: 'ModemError', code: 'send-uncertain' });
  });

  it('noPromptMeansNothingWasSentAndIsAPlainFailure', async () => {
    const modem = await modemThatSwallows('nothing');
    await expect(modem.sendSms('0888123456', 'Balance 7.50 EUR')).rejects.toMatchObject({ name: 'AtError', code: 'prompt-timeout' });
  });

  it('aSendStillQueuedWhenThePortClosesIsAPlainFailureNotUncertain', async () => {
    const modem = await modemThatSwallows('prompt');
    const first = modem.sendSms('0888123456', 'first');
    await new Promise((resolve) => setTimeout(resolve, 50)); // the character set is set, the first PDU is out
    const writes = modem.traffic.commands;
    const second = modem.sendSms('0888123457', 'second'); // its AT+CMGS waits behind the first
    const closed = modem.close();
    expect(modem.traffic.commands).toBe(writes);
    await closed;
    await expect(first).rejects.toMatchObject({ code: 'send-uncertain' });
    await expect(second).rejects.toMatchObject({ name: 'AtError', code: 'closed', bodyWritten: false });
  });
});

describe('the character set before every USSD exchange', () => {
  it('aUcs2ModemGetsCscsUcs2AndAUcs2RequestEveryTime', async () => {
    const { scriptModem } = await import('../helpers/mock-port.js');
    const port = await openMockPort();
    const writes = scriptModem(port, (w) => (w.startsWith('AT+CUSD=1') ? '\r\nOK\r\n\r\n+CUSD: 0,"0042002000310030",72\r\n' : '\r\nOK\r\n'));
    const modem = await modemOver(port, { ussdEncoding: 'ucs2' });
    await expect(modem.ussd({ code: '*102#', timeoutMs: 1000 })).resolves.toMatchObject({ text: 'B 10' });
    await modem.ussd({ code: '*102#', timeoutMs: 1000 });
    expect(writes.filter((w) => w.startsWith('AT+C'))).toEqual([
      'AT+CSCS="UCS2"\r', 'AT+CUSD=1,"002A0031003000320023",15\r',
      'AT+CSCS="UCS2"\r', 'AT+CUSD=1,"002A0031003000320023",15\r',
    ]);
  });

  it('aCharacterSetSomeoneElseChangedIsSetAgainBeforeTheNextUssd', async () => {
    const { modem, wire } = await modemOnSimulator();
    await modem.init();
    wire.line.write('AT+CSCS="HEX"\r'); // another tool on the port, as TinyGSM leaves it
    await new Promise((resolve) => setTimeout(resolve, 20));
    const before = wire.writes.length;
    await expect(modem.ussd({ code: '*102#', timeoutMs: 2000 })).resolves.toMatchObject({ status: 'answer', text: expect.stringMatching(/EUR/) });
    expect(wire.writes.slice(before, before + 2)).toEqual(['AT+CSCS="GSM"\r', 'AT+CUSD=1,"*102#",15\r']);
  });
});

describe('USSD answers that come in several URCs', () => {
  async function modemScripted(cusd: string) {
    const { scriptModem } = await import('../helpers/mock-port.js');
    const port = await openMockPort();
    scriptModem(port, (w) => (w.startsWith('AT+CUSD=1') ? `\r\nOK\r\n${cusd}` : '\r\nOK\r\n'));
    return modemOver(port);
  }

  it('initiatingReleaseThenTheBalanceGivesTheBalance (Vodacom, python-gsmmodem #14)', async () => {
    const modem = await modemScripted('\r\n+CUSD: 2,"Initiating Release",15\r\n\r\n+CUSD: 0,"Balance: R12.50",15\r\n');
    await expect(modem.ussd({ code: '*100#', timeoutMs: 3000 })).resolves.toMatchObject({ status: 'answer', text: 'Balance: R12.50' });
  });

  it('aReleaseNoticeAfterTheRealAnswerIsIgnored', async () => {
    const modem = await modemScripted('\r\n+CUSD: 0,"Balance: R12.50",15\r\n\r\n+CUSD: 2\r\n');
    await expect(modem.ussd({ code: '*100#', timeoutMs: 3000 })).resolves.toMatchObject({ status: 'answer', text: 'Balance: R12.50' });
  });

  it('terminatedWithTextIsTheAnswer (gammu #358: the balance comes with m=2)', async () => {
    const modem = await modemScripted('\r\n+CUSD: 2,"Stan konta: 5,00 PLN",15\r\n');
    await expect(modem.ussd({ code: '*101#', timeoutMs: 3000 })).resolves.toMatchObject({ status: 'terminated', text: 'Stan konta: 5,00 PLN' });
  });

  it('aCarrierTextWithAQuoteOfItsOwnIsTheAnswerAndTheLineStaysInService', async () => {
    const modem = await modemScripted('\r\n+CUSD: 0,"Bonus: 5" SMS left",15\r\n');
    await expect(modem.ussd({ code: '*101#', timeoutMs: 3000 })).resolves.toEqual({ status: 'answer', text: 'Bonus: 5" SMS left', dcs: 15 });
    await expect(modem.ping()).resolves.toBeUndefined();
  });

  it('anAnswerThatNeverClosesItsQuoteIsTakenAsItStands', async () => {
    const modem = await modemScripted('\r\n+CUSD: 0,"Zaredihte 5.00 EUR. Bonus "Nonstop\r\n');
    await expect(modem.ussd({ code: '*101#', timeoutMs: 3000 })).resolves.toEqual({ status: 'answer', text: 'Zaredihte 5.00 EUR. Bonus "Nonstop', dcs: null });
  });

  it('aBareTerminationWithNothingAfterItIsReturnedAfterTheGrace', async () => {
    const modem = await modemScripted('\r\n+CUSD: 2\r\n');
    await expect(modem.ussd({ code: '*101#', timeoutMs: 3000 })).resolves.toMatchObject({ status: 'terminated', text: null });
  });
});
