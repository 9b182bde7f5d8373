import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCliWithInput } from '../helpers/processes.js';
import { tmpDir } from '../helpers/tmp.js';

describe('the wallet from the command line', () => {
  it('aCardPipedInIsAddedListedMaskedAndRemovedAndThePinIsInNoFile', () => {
    const dir = tmpDir();
    const add = runCliWithInput(['vouchers', 'add', '--data-dir', dir, '--amount', '5', '--currency', 'EUR', '--expires', '31.12.2027', '--carrier', 'vivacom', '--shop', 'Kiosk 7'], '123456789012345\n');
    expect(add).toMatchObject({ status: 0, stdout: 'Card 1 added: ***********2345, 5.00 EUR, until 31.12.2027.\n' });
    const list = runCliWithInput(['vouchers', 'list', '--data-dir', dir, '--json'], '');
    expect(JSON.parse(list.stdout)).toEqual([expect.objectContaining({ id: 1, pin: '***********2345', state: 'new', carrier: 'vivacom', shop: 'Kiosk 7' })]);
    for (const name of fs.readdirSync(dir)) expect(fs.readFileSync(path.join(dir, name)).includes('123456789012345')).toBe(false);
    expect(runCliWithInput(['vouchers', 'remove', '1', '--data-dir', dir], '')).toMatchObject({ status: 0, stdout: 'Card 1 removed from the wallet.\n' });
    expect(runCliWithInput(['vouchers', 'list', '--data-dir', dir], '').stdout).toMatch(/^The wallet is empty/);
  });

  it.each([
    ['a PIN the carrier cannot take', ['--carrier', 'vivacom'], '12345\n', /^gsmkeeper: Vivacom cards have 15 digits\n$/],
    ['no PIN at all', [], '', /^gsmkeeper: a card PIN is 5 to 20 digits\n$/],
    ['a date that does not exist', ['--expires', '31.04.2027'], '123456789012345\n', /^gsmkeeper: the expiry date is YYYY-MM-DD or DD\.MM\.YYYY\n$/],
  ])('%s gives one line and exit code 2', (_name, flags, input, message) => {
    const result = runCliWithInput(['vouchers', 'add', '--data-dir', tmpDir(), ...flags], input);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(message);
  });
});
