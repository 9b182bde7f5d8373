import { describe, expect, it } from 'vitest';
import { execute } from '../../src/mqtt/executor.js';
import type { Request } from '../../src/mqtt/commands.js';
import type { BoxPort } from '../../src/mqtt/port.js';
import type { RechargeResult } from '../../src/recharge/result.js';

const CODE = '804079387408127';
const MASKED = '***********8127';
const eur = (cents: number) => ({ cents, currency: 'EUR' });
const success: RechargeResult = { kind: 'success', masked: MASKED, added: eur(500), balance: eur(750), before: eur(250), validUntil: '2027-11-22' };
const rejected: RechargeResult = { kind: 'rejected', masked: MASKED, attemptsLeft: 2, windowHours: 24 };

/** A box whose reply language is `language`, whose recharges and top-ups end in `result`. */
function box(language: 'en' | 'bg', result: RechargeResult): BoxPort {
  return {
    language: () => language,
    recharge: async () => result,
    topUp: async () => ({ kind: 'dialled', voucher: { pin: MASKED } as never, result, left: 2 }),
  } as Partial<BoxPort> as BoxPort;
}

const run = async (port: BoxPort, request: Request) => {
  const outcome = await execute(port, 'main', request, { trusted: false, requestId: 'op-1' });
  if (!('body' in outcome)) throw new Error('not answered');
  return outcome.body;
};

describe('MQTT recharge and top-up answers speak the language asked for', () => {
  it('aRechargeNamingBulgarianIsAnsweredInBulgarianInCyrillicOnAnEnglishBox', async () => {
    const body = await run(box('en', success), { kind: 'recharge', line: null, code: CODE, lang: 'bg' });
    // Read where it arrives, never texted: Cyrillic, whatever the box's SMS script.
    expect(body).toMatchObject({ ok: true, outcome: 'success', card: MASKED, reply: 'Заредени 5.00 EUR. Наличност: 7.50 EUR (преди 2.50 EUR). Валидност до 22.11.2027.' });
  });

  it('aRechargeNamingNoLanguageIsAnsweredInTheBoxs', async () => {
    expect(await run(box('bg', success), { kind: 'recharge', line: null, code: CODE, lang: null })).toMatchObject({ reply: expect.stringMatching(/^Заредени 5\.00 EUR\./) });
    expect(await run(box('en', success), { kind: 'recharge', line: null, code: CODE, lang: null })).toMatchObject({ reply: expect.stringMatching(/^Credit added: 5\.00 EUR\./) });
    expect(await run(box('bg', success), { kind: 'recharge', line: null, code: CODE, lang: 'en' })).toMatchObject({ reply: expect.stringMatching(/^Credit added: 5\.00 EUR\./) });
  });

  it('aTopUpsRechargeIsAnsweredInTheLanguageAskedForWithTheCardMasked', async () => {
    const bulgarian = await run(box('en', rejected), { kind: 'top-up', line: null, lang: 'bg' });
    expect(bulgarian).toMatchObject({ ok: true, outcome: 'dialled', cardsLeft: 2, recharge: { outcome: 'rejected', card: MASKED, reply: `Картата ${MASKED} е отказана (невалидна или използвана). Остават 2 опита до заключване.` } });
    const english = await run(box('en', rejected), { kind: 'top-up', line: null, lang: null });
    expect(english).toMatchObject({ recharge: { reply: `Card ${MASKED} rejected by the carrier (invalid or used). 2 attempt(s) left before recharging locks.` } });
  });
});
