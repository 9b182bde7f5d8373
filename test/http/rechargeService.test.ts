import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/config/schema.js';
import { api, startDaemon, TOKEN, type RunningDaemon } from '../helpers/daemon.js';

let running: RunningDaemon;
beforeAll(async () => {
  running = await startDaemon({ config: { http: { ...DEFAULT_CONFIG.http, listen: '127.0.0.1:0', token: null, rechargeForm: true, rechargeFormAncestors: ['https://shop.example'] } } });
});
afterAll(async () => {
  await running?.stop();
});

/** A form post, as a browser sends it. */
async function form(url: string, fields: Record<string, string>, token: string | null = TOKEN, baseUrl = running.baseUrl) {
  const response = await fetch(`${baseUrl}${url}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: new URLSearchParams(fields).toString(),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, json: response.headers.get('content-type')?.startsWith('application/json') ? JSON.parse(text) : null };
}

const unused = () => running.simulator.unusedVouchers();

describe('the recharge service (POST /api/v1/recharge)', () => {
  it('aCouponRechargesTheBoxAndTheAnswerGivesBalanceBeforeAmountNewBalanceAndValidity', async () => {
    const [first, second] = unused();
    const one = await api(running.baseUrl, 'POST', '/api/v1/recharge', { destination: 'self', source_coupon: first!.pin, submit: 'Recharge' });
    expect(one).toMatchObject({ status: 200, json: { outcome: 'success', destination: 'main', source: 'coupon', card: `***********${first!.pin.slice(-4)}`, amount: '5.00 EUR' } });
    // The first recharge recorded the balance: the second knows what it was before.
    const two = await form('/api/v1/recharge', { destination: 'main', source_coupon: second!.pin, submit: 'Recharge' });
    const before = one.json.balance;
    expect(two.json).toMatchObject({ outcome: 'success', before, amount: '5.00 EUR', validUntil: expect.stringMatching(/^\d{4}-\d\d-\d\d$/) });
    expect(two.json.message).toMatch(new RegExp(`^Balance before: ${before}\\. Recharged: 5\\.00 EUR\\. New balance: \\d+\\.\\d\\d EUR, valid until \\d\\d\\.\\d\\d\\.\\d{4}\\.$`));
    expect(JSON.stringify([one.json, two.json])).not.toContain(first!.pin);
  });

  it('aWalletCardRechargesByItsSerialAndPinAndIsThenActivatedByTheClient', async () => {
    const voucher = unused()[0]!;
    await api(running.baseUrl, 'POST', '/api/v1/vouchers', { pin: voucher.pin, serial: '101-777', amount: '5.00', currency: 'EUR' });
    const wrongPin = await api(running.baseUrl, 'POST', '/api/v1/recharge', { destination: 'self', source_account: '101-777', source_pin: unused()[1]!.pin });
    expect(wrongPin.json).toMatchObject({ outcome: 'invalid-or-used', message: 'The coupon is invalid or already used.' });
    const ok = await form('/api/v1/recharge', { destination: 'self', source_account: '101-777', source_pin: voucher.pin });
    expect(ok.json).toMatchObject({ outcome: 'success', source: 'account', amount: '5.00 EUR' });
    const card = (await api(running.baseUrl, 'GET', '/api/v1/vouchers?serial=101-777')).json.vouchers[0];
    expect(card).toMatchObject({ status: 'activated', dial: { by: 'http:127.0.0.1', line: 'main' } });
    // Used now: the same one message, and nothing dialled.
    const dials = running.simulator.dialLog().length;
    expect((await api(running.baseUrl, 'POST', '/api/v1/recharge', { destination: 'self', source_account: '101-777', source_pin: voucher.pin })).json.outcome).toBe('invalid-or-used');
    expect(running.simulator.dialLog()).toHaveLength(dials);
  });

  it('aCouponThatIsInvalidOrAlreadyUsedGetsOneMessage', async () => {
    const used = running.simulator.state.carrier.vouchers.find((v) => v.status === 'activated')!.pin;
    const answers = await Promise.all([
      api(running.baseUrl, 'POST', '/api/v1/recharge', { destination: 'self', source_coupon: used }),
      api(running.baseUrl, 'POST', '/api/v1/recharge', { destination: 'self', source_coupon: '12345' }),
      api(running.baseUrl, 'POST', '/api/v1/recharge', { destination: 'self', source_account: '999-1', source_pin: '123456789012345' }),
    ]);
    expect(answers.map((a) => [a.status, a.json.outcome, a.json.message])).toEqual(Array(3).fill([200, 'invalid-or-used', 'The coupon is invalid or already used.']));
  });

  it('theCarrierRejectingACouponIsTheSameOneMessage', async () => {
    const answer = await api(running.baseUrl, 'POST', '/api/v1/recharge', { destination: 'self', source_coupon: '999999999999999' });
    expect(answer.json).toMatchObject({ outcome: 'invalid-or-used', message: 'The coupon is invalid or already used.' });
    expect(running.simulator.dialLog().at(-1)).toMatchObject({ outcome: 'rejected' });
    await api(running.baseUrl, 'POST', '/api/v1/commands', { text: '*123456 CREDITCFG RESET' });
  });

  it('theOlderFormWithACodeStillAnswersAsBefore', async () => {
    const pin = unused()[0]!.pin;
    const answer = await api(running.baseUrl, 'POST', '/api/v1/recharge', { code: pin });
    expect(answer.json).toMatchObject({ outcome: 'success', added: '5.00 EUR', reply: expect.stringMatching(/^Credit added/) });
  });

  it.each([
    ['no destination', { source_coupon: '123456789012345' }, /^destination is required/],
    ['no source', { destination: 'self', submit: 'Recharge' }, /^give one source: source_coupon, or source_account with source_pin$/],
    ['two sources', { destination: 'self', source_coupon: '123456789012345', source_account: '101-1', source_pin: '123456789012345' }, /^give one source: a coupon, or an account and its PIN, not both$/],
    ['an account without its PIN', { destination: 'self', source_account: '101-1' }, /^an account needs its PIN/],
    ['a PIN without its account', { destination: 'self', source_pin: '123456789012345' }, /^an account needs its PIN/],
    ['a stylesheet that is not https', { destination: 'self', source_coupon: '123456789012345', css: 'http://shop.example/r.css' }, /^css is the https URL of a stylesheet/],
    ['a stylesheet with a quote', { destination: 'self', source_coupon: '123456789012345', css: 'https://shop.example/r.css"onload=x' }, /^css is the https URL/],
    ['a code with a source of the new form', { code: '123456789012345', source_coupon: '123456789012345' }, /^code is the older form/],
    ['a code for a line that is not there', { code: '123456789012345', destination: 'kitchen' }, /^no line "kitchen"/],
  ])('%s is refused with 400 and nothing is dialled', async (_name, body, message) => {
    const dials = running.simulator.dialLog().length;
    for (const send of [() => api(running.baseUrl, 'POST', '/api/v1/recharge', body), () => form('/api/v1/recharge', body as Record<string, string>)]) {
      const answer = await send();
      expect(answer).toMatchObject({ status: 400, json: { error: { code: 'bad_request', message: expect.stringMatching(message) } } });
    }
    expect(running.simulator.dialLog()).toHaveLength(dials);
  });

  it('aCodeTypedAsTheDestinationIsEchoedMasked', async () => {
    const code = '987654321098765';
    const api1 = await api(running.baseUrl, 'POST', '/api/v1/recharge', { destination: code, source_coupon: '123456789012345' });
    expect(api1.json.error.message).toContain('"***********8765"');
    const commands = await api(running.baseUrl, 'POST', '/api/v1/commands', { text: '*123456 STAT?', destination: code });
    expect(JSON.stringify(commands.json)).toContain('***********8765');
    for (const answer of [api1, commands]) expect(JSON.stringify(answer.json)).not.toContain(code);
    const inBulgarian = await api(running.baseUrl, 'POST', '/api/v1/commands', { text: '*123456 STAT?', destination: 'kitchen', lang: 'bg' });
    expect(inBulgarian.json.error.message).toMatch(/^няма линия "kitchen": линиите са main/);
  });

  it('anUnknownDestinationIsRefusedWithTheLinesThereAre', async () => {
    const answer = await api(running.baseUrl, 'POST', '/api/v1/recharge', { destination: 'kitchen', source_coupon: '123456789012345' });
    expect(answer).toEqual({ status: 400, json: { error: { code: 'bad_request', message: 'no line "kitchen": the lines are main (name one, its SIM\'s number or IMSI, or self)', lines: ['main'] } } });
    const byImsi = await api(running.baseUrl, 'POST', '/api/v1/recharge', { destination: running.daemon.line('main').imsi, source_coupon: '12345' });
    expect(byImsi.json).toMatchObject({ outcome: 'invalid-or-used', destination: 'main' });
    // The older form names its line the same way.
    expect((await api(running.baseUrl, 'POST', '/api/v1/recharge', { code: '12345', destination: 'main' })).json).toMatchObject({ outcome: 'invalid-code', reply: 'Invalid Security Code!' });
  });

  it('anUnknownFieldOrNoTokenIsRefused', async () => {
    expect((await api(running.baseUrl, 'POST', '/api/v1/recharge', { destination: 'self', colour: 'red' })).status).toBe(400);
    expect((await form('/api/v1/recharge', { destination: 'self', source_coupon: '123456789012345' }, null)).status).toBe(401);
  });
});

describe('the embeddable recharge form (GET and POST /recharge)', () => {
  it('isServedWithoutTheTokenUnderAPolicyThatLetsOnlyTheShopFrameIt', async () => {
    const response = await fetch(`${running.baseUrl}/recharge?destination=self`);
    const html = await response.text();
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toBe("default-src 'none'; style-src 'self'; form-action 'self'; frame-ancestors https://shop.example; base-uri 'none'");
    expect(response.headers.get('x-frame-options')).toBeNull();
    expect(html).toContain('<form method="post" action="/recharge">');
    for (const field of ['destination', 'source_account', 'source_pin', 'source_coupon', 'submit']) expect(html).toContain(`name="${field}"`);
    expect(html).toContain('href="/recharge/form.css"');
    expect(html).not.toContain(TOKEN);
    expect((await fetch(`${running.baseUrl}/recharge/form.css`)).status).toBe(200);
  });

  it('aStylesheetIsLinkedAndIsTheOnlyOneThePolicyAllows', async () => {
    const css = 'https://shop.example/css/recharge.css?v=2';
    const response = await fetch(`${running.baseUrl}/recharge?css=${encodeURIComponent(css)}`);
    const html = await response.text();
    expect(response.headers.get('content-security-policy')).toContain(`style-src ${css};`);
    expect(html).toContain(`<link rel="stylesheet" href="${css}">`);
    expect(html).toContain(`<input type="hidden" name="css" value="${css}">`);
    for (const bad of ['javascript:alert(1)', 'https://shop.example/a b.css', "https://shop.example/a.css';script-src *", 'https://user:pw@shop.example/a.css', 'data:text/css,body{}']) {
      const refused = await fetch(`${running.baseUrl}/recharge?css=${encodeURIComponent(bad)}`);
      expect(refused.status).toBe(400);
      const body = await refused.text();
      expect(body).toContain('css is the https URL of a stylesheet');
      expect(refused.headers.get('content-security-policy')).toContain("style-src 'self'");
    }
  });

  it('aPostedCouponRechargesWithoutTheTokenAndAnswersWithAPage', async () => {
    const pin = unused()[0]!.pin;
    const css = 'https://shop.example/r.css';
    const done = await form('/recharge', { destination: 'self', source_coupon: pin, submit: 'recharge', css }, null);
    expect(done.status).toBe(200);
    expect(done.headers.get('content-security-policy')).toContain(`style-src ${css};`);
    expect(done.text).toMatch(/<p class="done" role="status">(Balance before: [\d.]+ EUR\. )?Recharged: 5\.00 EUR\. New balance: [\d.]+ EUR, valid until \d\d\.\d\d\.\d{4}\.<\/p>/);
    expect(done.text).not.toContain(pin);
    const again = await form('/recharge', { destination: 'self', source_coupon: pin }, null);
    expect(again.text).toContain('<p class="refused" role="status">The coupon is invalid or already used.</p>');
    const wrong = await form('/recharge', { destination: 'self' }, null);
    expect(wrong.status).toBe(400);
    expect(wrong.text).toContain('give one source');
  });

  it('eachClientAddressGetsAFewPostsAWindowThenIsToldToWait', async () => {
    const dials = running.simulator.dialLog().length;
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await form('/recharge', { destination: 'self' }, null)).status);
    // Three posts came before this test; ten a window are taken.
    expect(statuses).toEqual([400, 400, 400, 400, 400, 400, 400, 429, 429, 429, 429, 429]);
    const refused = await form('/recharge', { destination: 'self', source_coupon: unused()[0]!.pin }, null);
    expect(refused.status).toBe(429);
    expect(refused.text).toContain('Too many attempts from your address');
    expect(running.simulator.dialLog()).toHaveLength(dials);
  });
});

// On a daemon of its own: its posts leave the first form's per-address count alone.
describe('the refused form fills its destination in again', () => {
  let box: RunningDaemon;
  beforeAll(async () => {
    box = await startDaemon({ config: { http: { ...DEFAULT_CONFIG.http, listen: '127.0.0.1:0', token: null, rechargeForm: true } } });
  });
  afterAll(async () => {
    await box?.stop();
  });

  const destinationField = (html: string) => /<input id="destination" name="destination" required maxlength="40" value="([^"]*)">/.exec(html)?.[1];

  it('aDestinationThatNamesNoLineComesBackMasked', async () => {
    // A code typed into the wrong field is no line's name or number.
    const code = '804079387408127';
    const refused = await form('/recharge', { destination: code, source_coupon: '12345' }, null, box.baseUrl);
    expect(refused.status).toBe(400);
    expect(destinationField(refused.text)).toBe('***********8127');
    expect(refused.text).not.toContain(code);
    expect(box.simulator.dialLog()).toHaveLength(0);
  });

  it('aLinesNumberComesBackAsTypedAfterAnyOtherRefusal', async () => {
    const imsi = box.daemon.line('main').imsi!;
    const refused = await form('/recharge', { destination: imsi, source_coupon: '123456789012345', source_account: '101-1', source_pin: '123456789012345' }, null, box.baseUrl);
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('give one source: a coupon, or an account and its PIN, not both');
    expect(destinationField(refused.text)).toBe(imsi);
  });
});

describe('the recharge form when it is off (the default)', () => {
  it('isNotThereAndTheServiceStillNeedsTheToken', async () => {
    const off = await startDaemon();
    try {
      expect((await fetch(`${off.baseUrl}/recharge`)).status).toBe(401);
      expect((await api(off.baseUrl, 'GET', '/recharge')).status).toBe(404);
      expect((await fetch(`${off.baseUrl}/recharge`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'destination=self&source_coupon=123456789012345' })).status).toBe(401);
    } finally {
      await off.stop();
    }
  });
});

describe('the recharge service and form answer in the language asked for', () => {
  let bg: RunningDaemon;
  beforeAll(async () => {
    // A box whose default language is Bulgarian.
    bg = await startDaemon({ config: { language: 'bg', http: { ...DEFAULT_CONFIG.http, listen: '127.0.0.1:0', token: null, rechargeForm: true } } });
  });
  afterAll(async () => {
    await bg?.stop();
  });

  /** A request with the headers a browser or a client sends. */
  async function ask(url: string, init: { body?: Record<string, string>; form?: boolean; headers?: Record<string, string>; token?: boolean } = {}) {
    const { body, form: asForm = false, headers = {}, token = true } = init;
    const response = await fetch(`${bg.baseUrl}${url}`, {
      method: body ? 'POST' : 'GET',
      headers: { ...(token ? { authorization: `Bearer ${TOKEN}` } : {}), ...(body ? { 'content-type': asForm ? 'application/x-www-form-urlencoded' : 'application/json' } : {}), ...headers },
      ...(body ? { body: asForm ? new URLSearchParams(body).toString() : JSON.stringify(body) } : {}),
    });
    const text = await response.text();
    return { status: response.status, text, json: response.headers.get('content-type')?.startsWith('application/json') ? JSON.parse(text) : null };
  }

  const INVALID_BG = 'Купонът е невалиден или вече е използван.';
  const INVALID_EN = 'The coupon is invalid or already used.';

  it('aNamedLangComesFirstThenAcceptLanguageThenTheBoxsDefault', async () => {
    const invalid = { destination: 'self', source_coupon: '12345' };
    const messages = await Promise.all([
      ask('/api/v1/recharge', { body: invalid }),
      ask('/api/v1/recharge', { body: invalid, headers: { 'accept-language': 'en-GB,en;q=0.9,bg;q=0.5' } }),
      ask('/api/v1/recharge', { body: { ...invalid, lang: 'bg' }, headers: { 'accept-language': 'en' } }),
      ask('/api/v1/recharge', { body: { ...invalid, lang: 'en' }, headers: { 'accept-language': 'bg' } }),
      ask('/api/v1/recharge?lang=en', { body: invalid, form: true }),
      ask('/api/v1/recharge', { body: invalid, headers: { 'accept-language': 'fr-FR, de;q=0.8' } }),
      ask('/api/v1/recharge', { body: invalid, headers: { 'accept-language': 'bg;q=0, en;q=0.1' } }),
    ]);
    expect(messages.map((m) => m.json.message)).toEqual([INVALID_BG, INVALID_EN, INVALID_BG, INVALID_EN, INVALID_EN, INVALID_BG, INVALID_EN]);
    expect((await ask('/api/v1/recharge', { body: { ...invalid, lang: 'fr' } })).status).toBe(400);
    expect((await ask('/api/v1/recharge?lang=fr', { body: invalid })).status).toBe(400);
  });

  it('aSuccessARefusalAndTheOlderFormAreInBulgarianWithTheCodeMasked', async () => {
    const [first, second] = bg.simulator.unusedVouchers();
    const done = await ask('/api/v1/recharge', { body: { destination: 'self', source_coupon: first!.pin } });
    expect(done.json).toMatchObject({ outcome: 'success', card: `***********${first!.pin.slice(-4)}`, amount: '5.00 EUR' });
    expect(done.json.message).toMatch(/^(Наличност преди: [\d.]+ EUR\. )?Заредени: 5\.00 EUR\. Нова наличност: [\d.]+ EUR, валидност до \d\d\.\d\d\.\d{4}\.$/);
    // The older form's reply is the text an SMS carries: Bulgarian in the box's script (Latin by default).
    const older = await ask('/api/v1/recharge', { body: { code: second!.pin } });
    expect(older.json).toMatchObject({ outcome: 'success', reply: expect.stringMatching(/^Zaredeni 5\.00 EUR\. Nalichnost: [\d.]+ EUR \(predi [\d.]+ EUR\)\. Validnost do /) });
    expect(JSON.stringify([done.json, older.json])).not.toMatch(new RegExp(`${first!.pin}|${second!.pin}`));
    expect((await ask('/api/v1/recharge', { body: { destination: 'self' } })).json.error).toEqual({ code: 'bad_request', message: 'посочете един източник: source_coupon или source_account със source_pin' });
    expect((await ask('/api/v1/recharge', { body: { destination: 'kitchen', source_coupon: '12345' }, headers: { 'accept-language': 'bg-BG' } })).json.error).toEqual({
      code: 'bad_request', message: 'няма линия "kitchen": линиите са main (посочете една, номера или IMSI на SIM картата ѝ, или self)', lines: ['main'],
    });
    expect((await ask('/api/v1/recharge', { body: { destination: 'kitchen', source_coupon: '12345', lang: 'en' } })).json.error.message).toMatch(/^no line "kitchen": the lines are main/);
  });

  it('theWalletsTopUpRepliesInTheLanguageAskedForInCyrillicWithTheCardMasked', async () => {
    const pins = bg.simulator.unusedVouchers().slice(0, 3).map((v) => v.pin);
    for (const pin of pins) await ask('/api/v1/vouchers', { body: { pin, amount: '5.00', currency: 'EUR' } });
    const answers = [
      await ask('/api/v1/vouchers/top-up', { body: {} }),
      await ask('/api/v1/vouchers/top-up', { body: { lang: 'en' }, headers: { 'accept-language': 'bg' } }),
      await ask('/api/v1/vouchers/top-up?lang=en', { body: {} }),
    ];
    // The box's language (Bulgarian) when none is asked for: in Cyrillic, as the panel shows it.
    expect(answers[0]!.json).toMatchObject({ outcome: 'dialled', result: { outcome: 'success', reply: expect.stringMatching(/^Заредени 5\.00 EUR\. Наличност: [\d.]+ EUR/) } });
    for (const english of answers.slice(1)) expect(english.json.result.reply).toMatch(/^Credit added: 5\.00 EUR\. Balance: [\d.]+ EUR/);
    expect(answers.map((a) => a.json.result.card)).toEqual(pins.map((pin) => `***********${pin.slice(-4)}`));
    expect(JSON.stringify(answers.map((a) => a.json))).not.toMatch(new RegExp(pins.join('|')));
    // A line that is not there is refused in the language asked for, as the recharge service refuses it.
    expect((await ask('/api/v1/vouchers/top-up', { body: { line: 'kitchen' } })).json.error.message).toMatch(/^няма линия "kitchen": линиите са main/);
    expect((await ask('/api/v1/vouchers/top-up', { body: { line: 'kitchen' }, headers: { 'accept-language': 'en' } })).json.error.message).toMatch(/^no line "kitchen": the lines are main/);
    expect((await ask('/api/v1/vouchers/top-up', { body: { lang: 'fr' } })).status).toBe(400);
  });

  it('aLangTheFormDoesNotKnowIsPassedOverOnAGetAsOnAPost', async () => {
    // Accept-Language, then the box's (Bulgarian), as for a request that names none.
    for (const [headers, lang] of [[{ 'accept-language': 'en-US' }, 'en'], [{}, 'bg']] as const) {
      const shownAnyway = await ask('/recharge?lang=fr', { token: false, headers });
      expect(shownAnyway.status).toBe(200);
      expect(shownAnyway.text).toContain(`<html lang="${lang}">`);
      expect(shownAnyway.text).toContain(`<input type="hidden" name="lang" value="${lang}">`);
    }
    const postedFr = await ask('/recharge', { token: false, form: true, body: { destination: 'self', source_coupon: '12345', lang: 'fr' }, headers: { 'accept-language': 'en' } });
    expect(postedFr.status).toBe(200);
    expect(postedFr.text).toContain(`<p class="refused" role="status">${INVALID_EN}</p>`);
    expect(postedFr.text).toContain('<a href="/recharge?lang=en">Recharge again</a>');
  });

  it('theFormsLabelsFollowTheSameChoiceAndItsAnswerKeepsIt', async () => {
    const shown = await ask('/recharge', { token: false });
    expect(shown.text).toContain('<html lang="bg">');
    expect(shown.text).toContain('<h1>Зареждане</h1>');
    for (const label of ['Получател (линия или номер)', 'Номер на купона', 'Сметка (сериен номер на картата)', '>ПИН<', '>Зареди</button>']) expect(shown.text).toContain(label);
    expect(shown.text).toContain('<input type="hidden" name="lang" value="bg">');
    for (const english of [await ask('/recharge?lang=en', { token: false }), await ask('/recharge', { token: false, headers: { 'accept-language': 'en-US' } })]) {
      expect(english.text).toContain('<html lang="en">');
      expect(english.text).toContain('<label for="source_coupon">Coupon number</label>');
      expect(english.text).toContain('<input type="hidden" name="lang" value="en">');
    }

    const pin = bg.simulator.unusedVouchers()[0]!.pin;
    const done = await ask('/recharge', { token: false, form: true, body: { destination: 'self', source_coupon: pin, lang: 'en' }, headers: { 'accept-language': 'bg' } });
    expect(done.text).toMatch(/<p class="done" role="status">(Balance before: [\d.]+ EUR\. )?Recharged: 5\.00 EUR\./);
    expect(done.text).toContain('<a href="/recharge?lang=en">Recharge again</a>');
    expect(done.text).not.toContain(pin);
    const again = await ask('/recharge', { token: false, form: true, body: { destination: 'self', source_coupon: pin } });
    expect(again.text).toContain(`<p class="refused" role="status">${INVALID_BG}</p>`);
    expect(again.text).toContain('<a href="/recharge?lang=bg">Ново зареждане</a>');
    const wrong = await ask('/recharge', { token: false, form: true, body: { destination: 'self', source_account: '101-1', lang: 'bg' } });
    expect(wrong.status).toBe(400);
    expect(wrong.text).toContain('<p class="refused" role="alert">сметката иска своя ПИН, а ПИН-ът — своята сметка</p>');
  });
});
