import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/config/schema.js';
import { Simulator } from '../../src/sim/simulator.js';
import { api, startDaemon, type RunningDaemon } from '../helpers/daemon.js';
import { tmpDir } from '../helpers/tmp.js';
import { messagesOn } from '../helpers/wait.js';

/**
 * The daemon against a simulated carrier that words its answers unlike any carrier profile (the
 * Vivacom profile has none of these phrases): the generic reading must carry the day.
 */
let running: RunningDaemon | null = null;
afterEach(async () => {
  await running?.stop();
  running = null;
});

function simulatorSaying(wording: 'english' | 'french' | 'russian' | 'unclear', dataDir = tmpDir()) {
  return { dataDir, simulator: new Simulator({ stateFile: path.join(dataDir, 'simulator.json'), timing: { ussdDelayMs: 10 }, wording }) };
}

const OPERATOR = '+359888000999';
const withOperator = { groups: { config: [OPERATOR], command: [], notify: [] } };
const withBalanceCode = { credit: { ...DEFAULT_CONFIG.credit, balanceUssd: '*102#' } };

describe('carriers that word their answers differently', () => {
  it.each(['english', 'french', 'russian'] as const)('aRechargeAnsweredIn%sWordsIsReadWithItsFigures', async (wording) => {
    running = await startDaemon(simulatorSaying(wording));
    const { simulator } = running;
    const pin = simulator.unusedVouchers()[0]!.pin;
    simulator.sendSmsFromPhone('+359888999100', `*123456 CREDIT ${pin}`);
    const [reply] = await messagesOn(() => simulator.phoneMessages('+359888999100'));
    expect(reply!.text).toMatch(/^Credit added: 5\.00 EUR\. Balance: 7\.50 EUR\. Valid until \d\d\.\d\d\.20\d\d\.$/);
  });

  it('withABalanceCodeTheFirstRechargeSaysWhatTheBalanceWas', async () => {
    running = await startDaemon({ ...simulatorSaying('english'), config: withBalanceCode });
    const { simulator } = running;
    const pin = simulator.unusedVouchers()[0]!.pin;
    simulator.sendSmsFromPhone('+359888999101', `*123456 CREDIT ${pin}`);
    const [reply] = await messagesOn(() => simulator.phoneMessages('+359888999101'));
    expect(reply!.text).toMatch(/^Credit added: 5\.00 EUR\. Balance: 7\.50 EUR \(was 2\.50 EUR\)\. Valid until/);
    // One balance read before the dial (shared by the start-up check), none after: the answer had figures.
    expect(simulator.dialLog().map((d) => d.outcome)).toEqual(['balance', 'recharged']);
  });

  it('aRejectionInOtherWordsCountsAgainstTheAttemptBudget', async () => {
    running = await startDaemon(simulatorSaying('french'));
    const { simulator } = running;
    simulator.sendSmsFromPhone('+359888999102', '*123456 CREDIT 111111111111111');
    const [reply] = await messagesOn(() => simulator.phoneMessages('+359888999102'));
    expect(reply!.text).toBe('Card ***********1111 rejected by the carrier (invalid or used). 1 attempt(s) left before recharging locks.');
  });

  it('anUnclearAnswerIsToldTruthfullyNeverRedialledAndSettledByAnOperator', async () => {
    running = await startDaemon({ ...simulatorSaying('unclear'), config: withOperator });
    const { simulator, daemon } = running;
    const pin = simulator.unusedVouchers()[0]!.pin;
    const masked = `***********${pin.slice(-4)}`;
    simulator.sendSmsFromPhone('+359888999103', `*123456 CREDIT ${pin}`);
    const [first] = await messagesOn(() => simulator.phoneMessages('+359888999103'));
    expect(first!.text).toBe(`The carrier answered for card ${masked}: "Blagodarim vi! Zayavka 4471 e obrabotena.". The outcome is unclear: the card will not be dialled again. Operator: SETTLE 1,USED or SETTLE 1,UNUSED.`);

    simulator.sendSmsFromPhone('+359888999103', `*123456 credit ${pin}`);
    const [, second] = await messagesOn(() => simulator.phoneMessages('+359888999103'), 2);
    expect(second!.text).toMatch(new RegExp(`^Card \\*{11}${pin.slice(-4)} was dialled on \\d\\d\\.\\d\\d\\.\\d{4} and its outcome is unknown \\(the carrier said: "Blagodarim vi! Zayavka 4471 e obrabotena\\."\\)\\. It will not be dialled again\\. Operator: SETTLE 1,USED or SETTLE 1,UNUSED\\.$`));
    expect(simulator.dialLog().filter((d) => d.ussd.includes(pin))).toHaveLength(1);

    // STAT? and health say something waits for an operator.
    const health = await api(running.baseUrl, 'GET', '/api/v1/health', undefined, null);
    expect(health.json).toMatchObject({ unsettledRecharges: 1 });

    // The operator checks with the carrier: the card was used.
    simulator.sendSmsFromPhone(OPERATOR, `*123456 SETTLE ${pin.slice(-4)},USED`);
    const [settled] = await messagesOn(() => simulator.phoneMessages(OPERATOR));
    expect(settled!.text).toBe(`Recharge 1 (card ${masked}) settled: the card was used.`);
    simulator.sendSmsFromPhone('+359888999103', `*123456 Credit ${pin}`);
    const [, , third] = await messagesOn(() => simulator.phoneMessages('+359888999103'), 3);
    expect(third!.text).toMatch(/was already used on/);
    expect(simulator.dialLog().filter((d) => d.ussd.includes(pin))).toHaveLength(1);
    expect(daemon.store.recharges.get(1)).toMatchObject({ state: 'success', settled_by: OPERATOR });
  });

  it('aCardSettledUnusedOverTheRelayMayBeSentAgain', async () => {
    running = await startDaemon(simulatorSaying('unclear'));
    const { simulator, baseUrl } = running;
    const pin = simulator.unusedVouchers()[0]!.pin;
    const first = await api(baseUrl, 'POST', '/api/v1/commands', { text: `*123456 CREDIT ${pin}` });
    expect(first.json.reply).toMatch(/The outcome is unclear/);
    const settle = await api(baseUrl, 'POST', '/api/v1/commands', { text: '*123456 SETTLE 1,UNUSED' });
    expect(settle.json.reply).toMatch(/settled: the card was not used and may be sent again/);
    const again = await api(baseUrl, 'POST', '/api/v1/commands', { text: `*123456 CREDIT ${pin}` });
    // Dialled again (the simulated carrier had in fact taken it, and says so just as unclearly).
    expect(again.json.reply).toMatch(/The carrier answered for card .*: "Zayavka 4471 e obrabotena\."/);
    expect(simulator.dialLog().filter((d) => d.ussd.includes(pin))).toHaveLength(2);
  });

  it('anUnclearAnswerIsSettledByTheBalanceWhenABalanceCodeIsKnown', async () => {
    running = await startDaemon({ ...simulatorSaying('unclear'), config: withBalanceCode });
    const { simulator, daemon } = running;
    const pin = simulator.unusedVouchers()[0]!.pin;
    simulator.sendSmsFromPhone('+359888999105', `*123456 CREDIT ${pin}`);
    const [reply] = await messagesOn(() => simulator.phoneMessages('+359888999105'));
    expect(reply!.text).toMatch(/^Credit added: 5\.00 EUR\. Balance: 7\.50 EUR \(was 2\.50 EUR\)\. Valid until/);
    expect(daemon.store.recharges.get(1)).toMatchObject({ state: 'success', added_cents: 500 });
    expect(daemon.store.recharges.unsettled()).toEqual([]);
  });
});

describe('a crash between the dialling commit and the AT+CUSD write', () => {
  it('releasesTheCardAndTellsTheRequester', async () => {
    running = await startDaemon();
    const { simulator, dataDir } = running;
    const pin = simulator.unusedVouchers()[0]!.pin;
    simulator.sendSmsFromPhone('+359888999104', `*123456 CREDIT ${pin}`);
    await messagesOn(() => simulator.phoneMessages('+359888999104'));
    await running.stop();

    // The power went out after the row was committed and before AT+CUSD left: no write marker,
    // and the command not yet answered.
    const db = new Database(path.join(dataDir, 'gsmkeeper.db'));
    db.prepare("UPDATE recharges SET state = 'dialling', written_at = NULL, answer = NULL").run();
    db.prepare("UPDATE commands SET state = 'executing', reply = NULL").run();
    db.close();
    running = await startDaemon({ dataDir, simulator });
    expect(running.daemon.store.recharges.get(1)).toMatchObject({ state: 'failed' });
    const notice = (await messagesOn(() => simulator.phoneMessages('+359888999104'), 2))[1]!;
    expect(notice.text).toBe(`Recharge with card ***********${pin.slice(-4)} was interrupted by a restart before it was dialled; the card was not used. Send it again to retry.`);
  });
});
