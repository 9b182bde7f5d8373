import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/config/schema.js';
import { api, startDaemon, type RunningDaemon } from '../helpers/daemon.js';
import { messagesOn, waitFor } from '../helpers/wait.js';

let running: RunningDaemon | null = null;
afterEach(async () => {
  await running?.stop();
  running = null;
});

const BG_PHONE = '+359888710001';
const EN_PHONE = '+359888710002';

describe('each SMS reply follows its sender\'s LANG', () => {
  it('afterLangBgOneNumberIsAnsweredInBulgarianAndAnotherNumberAndHttpStillInEnglish', async () => {
    running = await startDaemon();
    const { simulator, baseUrl, daemon } = running;
    simulator.sendSmsFromPhone(BG_PHONE, '*123456 LANG BG');
    simulator.sendSmsFromPhone(BG_PHONE, '*123456 CREDITCFG?');
    const [bg] = await messagesOn(() => simulator.phoneMessages(BG_PHONE));
    simulator.sendSmsFromPhone(EN_PHONE, '*123456 CREDITCFG?');
    const [en] = await messagesOn(() => simulator.phoneMessages(EN_PHONE));
    expect(bg!.text).toMatch(/^Kontrol na kredita VKL\./);
    expect(en!.text).toMatch(/^Credit control ON\./);

    // Over HTTP: the box's language, unless the request names one.
    const plain = await api(baseUrl, 'POST', '/api/v1/commands', { text: '*123456 CREDITCFG?' });
    const asked = await api(baseUrl, 'POST', '/api/v1/commands', { text: '*123456 CREDITCFG?', lang: 'bg' });
    expect([plain.json.reply, asked.json.reply]).toEqual([expect.stringMatching(/^Credit control ON\./), expect.stringMatching(/^Kontrol na kredita VKL\./)]);
    expect((await api(baseUrl, 'POST', '/api/v1/commands', { text: '*123456 STAT?', lang: 'fr' })).status).toBe(400);
    // Kept per number (canonical), and the box's own setting untouched.
    expect(daemon.store.languages.get(BG_PHONE)).toBe('bg');
    expect(daemon.store.settings.get('language')).toBeUndefined();
  });

  it('statAfterLangBgAnswersInBulgarianInOneSmsWhileAnotherNumberGetsEnglish', async () => {
    running = await startDaemon();
    const { simulator } = running;
    simulator.sendSmsFromPhone(BG_PHONE, '*123456 LANG BG');
    simulator.sendSmsFromPhone(BG_PHONE, '*123456 STAT?');
    const [bg] = await messagesOn(() => simulator.phoneMessages(BG_PHONE));
    simulator.sendSmsFromPhone(EN_PHONE, '*123456 STAT?');
    const [en] = await messagesOn(() => simulator.phoneMessages(EN_PHONE));
    expect(bg!.text).toMatch(/^Signal -\d+dBm \d\/5\. Vivacom 284-03 home\. Nepotvardeno: .+\. Balans neizvesten\. Izhodyashti \d+\. Raboti \d+h\d\dm\./);
    expect(en!.text).toMatch(/^Signal -\d+dBm \d\/5\. Vivacom 284-03 home\. Unconfirmed: .+\. Balance unknown\. Outbox \d+\. Up /);
    expect(bg!.text.length).toBeLessThanOrEqual(160);
  });

  it('theRechargeDialogueSpeaksTheCallersLanguage', async () => {
    running = await startDaemon({
      config: {
        dialogue: { ...DEFAULT_CONFIG.dialogue, enabled: true },
        groups: { config: [], command: [BG_PHONE], notify: [] },
        credit: { ...DEFAULT_CONFIG.credit, balanceUssd: '*102#' },
      },
    });
    const { simulator } = running;
    simulator.sendSmsFromPhone(BG_PHONE, '*123456 LANG BG');
    await waitFor(() => running!.daemon.store.languages.get(BG_PHONE) === 'bg', 5000, 'LANG BG kept');
    simulator.callFromPhone(BG_PHONE);
    const [prompt] = await messagesOn(() => simulator.phoneMessages(BG_PHONE));
    expect(prompt!.text).toMatch(/^Nalichnost: 2\.50 EUR\. Validnost do \d\d\.\d\d\.\d{4}\. Za zarezhdane otgovorete do 5 min s nomera i PIN na kupona ili s koda na vauchera\.$/);
    simulator.sendSmsFromPhone(BG_PHONE, '111111111111111');
    const [, answer] = await messagesOn(() => simulator.phoneMessages(BG_PHONE), 2);
    expect(answer!.text).toBe('Kuponat e nevaliden ili veche e izpolzvan.');
  });

  /** Two codes the carrier rejects, from a phone outside the groups: recharging locks itself and the Notify group hears. */
  async function lockRecharging(simulator: RunningDaemon['simulator']): Promise<void> {
    for (const code of ['111111111111111', '222222222222222']) simulator.sendSmsFromPhone('+359888710009', `*123456 CREDIT ${code}`);
    await messagesOn(() => simulator.phoneMessages('+359888710009'), 2);
  }

  it('eachNotifyMemberHearsANoticeInTheLanguageItChoseAndTheOthersInTheBoxs', async () => {
    running = await startDaemon({ config: { groups: { config: [], command: [], notify: [BG_PHONE, EN_PHONE] } } });
    const { simulator, daemon } = running;
    const alerts: string[] = [];
    daemon.events.on('notice', (event) => alerts.push(event.text));
    simulator.sendSmsFromPhone(BG_PHONE, '*123456 LANG BG');
    await waitFor(() => daemon.store.languages.get(BG_PHONE) === 'bg', 5000, 'LANG BG kept');
    await lockRecharging(simulator);
    const [bg] = await messagesOn(() => simulator.phoneMessages(BG_PHONE));
    const [en] = await messagesOn(() => simulator.phoneMessages(EN_PHONE));
    expect(bg!.text).toBe('gsmkeeper: 2 otkazani karti; zarezhdaneto e zaklyucheno predi blokirane na SIM. CREDITCFG RESET za otklyuchvane.');
    expect(en!.text).toBe('gsmkeeper: 2 cards rejected; recharging is locked before the carrier blocks the SIM. Unlock with CREDITCFG RESET.');
    // The box's own record of the alert is in the box's language.
    expect(alerts).toEqual([en!.text]);
  });

  it('onABulgarianBoxAMemberWhoChoseEnglishHearsEnglishAndTheOthersTheBoxsScript', async () => {
    running = await startDaemon({
      config: {
        language: 'bg',
        bulgarianScript: 'cyrillic',
        sms: { ...DEFAULT_CONFIG.sms, forward: { enabled: true, perHour: 5 } },
        groups: { config: [], command: [], notify: [BG_PHONE, EN_PHONE] },
      },
    });
    const { simulator } = running;
    simulator.sendSmsFromPhone(EN_PHONE, '*123456 LANG EN');
    await waitFor(() => running!.daemon.store.languages.get(EN_PHONE) === 'en', 5000, 'LANG EN kept');
    await lockRecharging(simulator);
    simulator.sendSmsFromPhone('+359888710008', 'Parcel waiting at the office');
    const [lockBg, forwardBg] = await messagesOn(() => simulator.phoneMessages(BG_PHONE), 2);
    const [lockEn, forwardEn] = await messagesOn(() => simulator.phoneMessages(EN_PHONE), 2);
    expect(lockBg!.text).toBe('gsmkeeper: 2 отказани карти; зареждането е заключено преди блокиране на SIM. CREDITCFG RESET за отключване.');
    expect(lockEn!.text).toBe('gsmkeeper: 2 cards rejected; recharging is locked before the carrier blocks the SIM. Unlock with CREDITCFG RESET.');
    expect(forwardBg!.text).toBe('SMS от +359888710008: Parcel waiting at the office');
    expect(forwardEn!.text).toBe('SMS from +359888710008: Parcel waiting at the office');
  });
});
