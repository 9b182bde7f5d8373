import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, startDaemon, TOKEN, type RunningDaemon } from '../helpers/daemon.js';
import { manyCards, pinOf } from '../helpers/cards-setup.js';

let running: RunningDaemon;
beforeAll(async () => {
  running = await startDaemon();
});
afterAll(async () => {
  await running?.stop();
});

async function csv(method: string, url: string, body?: string) {
  const response = await fetch(`${running.baseUrl}${url}`, {
    method,
    headers: { authorization: `Bearer ${TOKEN}`, ...(body !== undefined ? { 'content-type': 'text/csv' } : {}) },
    ...(body !== undefined ? { body } : {}),
  });
  const text = await response.text();
  return { status: response.status, type: response.headers.get('content-type'), text, json: response.headers.get('content-type')?.startsWith('application/json') ? JSON.parse(text) : null };
}

describe('the cards over HTTP', () => {
  it('bulkAddTakesEveryCardOrNoneAndNamesEachBadOne', async () => {
    const cards = manyCards(250).map(({ card }) => card);
    const bad = await api(running.baseUrl, 'POST', '/api/v1/vouchers/bulk', { cards: [...cards.slice(0, 3), { pin: '12ab' }, cards[0]] });
    expect(bad).toEqual({ status: 400, json: { error: { code: 'bad_request', message: expect.stringMatching(/^nothing imported: 2 bad cards/), problems: [{ line: 4, message: 'a card PIN is 5 to 20 digits' }, { line: 5, message: 'the same PIN as card 1' }] } } });
    const good = await api(running.baseUrl, 'POST', '/api/v1/vouchers/bulk', { cards });
    expect(good).toMatchObject({ status: 201, json: { added: 250 } });
    expect(JSON.stringify(good.json)).not.toContain(pinOf(1));
  });

  it('theSearchTakesEveryFieldAsQueryParametersAndPages', async () => {
    const page = await api(running.baseUrl, 'GET', '/api/v1/vouchers?reseller=Reseller%20B&sort=serial&order=desc&perPage=20&page=2');
    expect(page.json).toMatchObject({ total: 84, page: 2, pages: 5, from: 21, to: 40, rows: 'Rows 21 – 40 of 84', pageOf: 'Page 2 of 5' });
    expect(page.json.vouchers.every((c: { reseller: string }) => c.reseller === 'Reseller B')).toBe(true);
    const ranged = await api(running.baseUrl, 'GET', '/api/v1/vouchers?serialFrom=101-1&serialTo=101-5&amountFrom=10&amountTo=10&sort=serial');
    expect(ranged.json.vouchers.map((c: { serial: string }) => c.serial)).toEqual(['101-1', '101-4']);
    // A PIN is better sent in a body than in a URL: the same search over POST.
    const byPin = await api(running.baseUrl, 'POST', '/api/v1/vouchers/search', { pin: pinOf(42) });
    expect(byPin.json).toMatchObject({ total: 1, vouchers: [{ serial: '101-42' }], rows: 'Rows 1 – 1 of 1' });
    expect((await api(running.baseUrl, 'GET', `/api/v1/vouchers?pin=${pinOf(42)}`)).json.total).toBe(1);
    expect((await api(running.baseUrl, 'GET', '/api/v1/vouchers/resellers')).json).toEqual({ resellers: ['Reseller A', 'Reseller B', 'Reseller C'] });
  });

  it.each([
    ['/api/v1/vouchers?status=used', /^status is one or more of new, activated/],
    ['/api/v1/vouchers?perPage=0', /^perPage is a whole number from 1 to 500$/],
    ['/api/v1/vouchers?expiresFrom=2027-13-01', /^expiry from is YYYY-MM-DD/],
    ['/api/v1/vouchers?colour=red', /colour|additional/],
  ])('%s is refused with a JSON error', async (url, message) => {
    expect(await api(running.baseUrl, 'GET', url)).toMatchObject({ status: 400, json: { error: { code: 'bad_request', message: expect.stringMatching(message) } } });
  });

  it('massEditAndDeleteActOnTheSelectedOrAllFound', async () => {
    const edit = await api(running.baseUrl, 'POST', '/api/v1/vouchers/mass-edit', { filter: { reseller: 'Reseller C' }, expires: { setTo: '2028-01-31' }, reseller: 'preserve' });
    expect(edit).toEqual({ status: 200, json: { found: 83, changed: 83, kept: 0 } });
    expect((await api(running.baseUrl, 'GET', '/api/v1/vouchers?expiresFrom=2028-01-31&expiresTo=2028-01-31')).json.total).toBe(83);
    const ids = (await api(running.baseUrl, 'GET', '/api/v1/vouchers?sort=created&perPage=3')).json.vouchers.map((c: { id: number }) => c.id);
    expect((await api(running.baseUrl, 'POST', '/api/v1/vouchers/mass-edit', { ids, expires: 'preserve', reseller: { setTo: 'Kiosk 1' } })).json).toEqual({ found: 3, changed: 3, kept: 0 });
    expect((await api(running.baseUrl, 'POST', '/api/v1/vouchers/delete', { ids: [ids[0]] })).json).toEqual({ found: 1, deleted: 1, kept: 0 });
    const unconfirmed = await api(running.baseUrl, 'POST', '/api/v1/vouchers/delete', { filter: { reseller: 'Reseller A' } });
    expect(unconfirmed).toEqual({ status: 400, json: { error: { code: 'bad_request', message: 'deleting every card found needs the confirmation "delete all"' } } });
    // The third card ticked above was Reseller A's; it is Kiosk 1's now.
    expect((await api(running.baseUrl, 'POST', '/api/v1/vouchers/delete', { filter: { reseller: 'Reseller A' }, confirm: 'delete all' })).json).toEqual({ found: 82, deleted: 82, kept: 0 });
    expect((await api(running.baseUrl, 'POST', '/api/v1/vouchers/mass-edit', { expires: 'preserve', reseller: 'preserve' })).status).toBe(400);
  });

  it('importTakesACsvWholeOrNamesItsBadLinesAndExportMasksThePins', async () => {
    const header = 'serial,pin,amount,currency,reseller,expiry,carrier';
    const refused = await csv('POST', '/api/v1/vouchers/import', `${header}\n900-1,${pinOf(9001)},5,EUR,Shop,2027-01-01,\n900-2,${pinOf(9002)},5,EUR,Shop,2020-01-01,\n`);
    expect(refused).toMatchObject({ status: 400, json: { error: { problems: [{ line: 3, message: 'the card expired on 01.01.2020' }] } } });
    expect((await api(running.baseUrl, 'GET', '/api/v1/vouchers?serial=900-1')).json.total).toBe(0);
    const taken = await csv('POST', '/api/v1/vouchers/import', `${header}\n900-1,${pinOf(9001)},5,EUR,Shop,2027-01-01,\n`);
    expect(taken).toMatchObject({ status: 201, json: { added: 1, vouchers: [{ serial: '900-1', reseller: 'Shop' }] } });
    const exported = await csv('GET', '/api/v1/vouchers/export?reseller=Shop');
    expect(exported.type).toBe('text/csv; charset=utf-8');
    expect(exported.text.split('\n')[1]).toMatch(new RegExp(`^900-1,\\*{11}${pinOf(9001).slice(-4)},5\\.00,EUR,Shop,2027-01-01,,new,,,,`));
    expect(exported.text).not.toContain(pinOf(9001));
    expect(await csv('GET', '/api/v1/vouchers/export?pins=full')).toMatchObject({ status: 400, json: { error: { message: expect.stringMatching(/only at the box/) } } });
    expect((await csv('POST', '/api/v1/vouchers/import', 'x'.repeat(2 * 1024 * 1024))).status).toBe(413);
  });
});
