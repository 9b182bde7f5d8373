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
});
