import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Store } from '../../src/store/store.js';
import { runCliWithInput, spawnCliOnPty } from '../helpers/processes.js';
import { tmpDir } from '../helpers/tmp.js';

describe('the wallet from the command line', () => {
  it('aCardPipedInIsAddedListedMaskedAndRemovedAndThePinIsInNoFile', () => {
    const dir = tmpDir();
    const add = runCliWithInput(['vouchers', 'add', '--data-dir', dir, '--amount', '5', '--currency', 'EUR', '--expires', '31.12.2027', '--carrier', 'vivacom', '--reseller', 'Kiosk 7'], '123456789012345\n');
    expect(add).toMatchObject({ status: 0, stdout: 'Card 1 added: ***********2345, 5.00 EUR, until 31.12.2027.\n' });
    const list = runCliWithInput(['vouchers', 'list', '--data-dir', dir, '--json'], '');
    expect(JSON.parse(list.stdout)).toEqual([expect.objectContaining({ id: 1, pin: '***********2345', status: 'new', carrier: 'vivacom', reseller: 'Kiosk 7' })]);
    for (const name of fs.readdirSync(dir)) expect(fs.readFileSync(path.join(dir, name)).includes('123456789012345')).toBe(false);
    expect(runCliWithInput(['vouchers', 'remove', '1', '--data-dir', dir], '')).toMatchObject({ status: 0, stdout: 'Card 1 removed from the wallet.\n' });
    expect(runCliWithInput(['vouchers', 'list', '--data-dir', dir], '').stdout).toMatch(/^The wallet is empty/);
  });

  it.each([
    ['a PIN the carrier cannot take', ['--carrier', 'vivacom'], '12345\n', /^gsmkeeper: Vivacom cards have 15 digits; this PIN has 5\n$/],
    ['a PIN no carrier takes (no SIM seen yet)', [], '12345\n', /^gsmkeeper: no carrier takes PINs of 5 digits \(A1 Bulgaria: 14 digits; Vivacom: 15 digits\)\n$/],
    ['a card past its date', ['--expires', '01.01.2020'], '123456789012345\n', /^gsmkeeper: the card expired on 01\.01\.2020\n$/],
    ['a serial with several cards', ['--serial', 'A-1'], '123456789012345\n123456789012346\n', /^gsmkeeper: --serial belongs to one card: pipe one PIN with it, or leave it out\n$/],
    ['no PIN at all', [], '', /^gsmkeeper: a card PIN is 5 to 20 digits\n$/],
    ['a date that does not exist', ['--expires', '31.04.2027'], '123456789012345\n', /^gsmkeeper: the expiry date is YYYY-MM-DD or DD\.MM\.YYYY\n$/],
  ])('%s gives one line and exit code 2', (_name, flags, input, message) => {
    const dir = tmpDir();
    const result = runCliWithInput(['vouchers', 'add', '--data-dir', dir, ...flags], input);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(runCliWithInput(['vouchers', 'list', '--data-dir', dir], '').stdout).toMatch(/^The wallet is empty/);
  });

  it('everyPipedLineIsACardAndEachIsReported', () => {
    const dir = tmpDir();
    const add = runCliWithInput(['vouchers', 'add', '--data-dir', dir, '--amount', '5', '--carrier', 'vivacom'], '111122223333444\n\n555566667777888\r\n');
    expect(add).toMatchObject({ status: 0, stdout: 'Card 1 added: ***********3444, 5.00.\nCard 2 added: ***********7888, 5.00.\n', stderr: '' });
    expect(JSON.parse(runCliWithInput(['vouchers', 'list', '--data-dir', dir, '--json'], '').stdout)).toHaveLength(2);
  });

  it('aRefusedLineIsReportedAndTheOthersAreStillAdded', () => {
    const dir = tmpDir();
    const add = runCliWithInput(['vouchers', 'add', '--data-dir', dir, '--carrier', 'vivacom'], '111122223333444\n1111-2222-3333\n111122223333444\n555566667777888\n');
    expect(add.status).toBe(2);
    expect(add.stdout).toBe('Card 1 added: ***********3444.\nCard 2 added: ***********7888.\n');
    expect(add.stderr).toBe('Line 2 not added: a card PIN is 5 to 20 digits.\nLine 3 not added: card ***********3444 is already in the wallet.\ngsmkeeper: 2 of 4 cards not added\n');
    expect(add.stdout + add.stderr).not.toMatch(/1111-2222/);
  });

  it('aCardWithoutACarrierIsCheckedAgainstTheSimTheDaemonLastSaw', () => {
    const dir = tmpDir();
    const store = Store.open(path.join(dir, 'gsmkeeper.db'));
    store.lines.note('main', { imsi: '284010000000001', carrier: 'a1', number: null });
    store.close();
    const add = runCliWithInput(['vouchers', 'add', '--data-dir', dir], '123456789012345\n');
    expect(add).toMatchObject({ status: 2, stderr: "gsmkeeper: the SIM's carrier, A1 Bulgaria, takes PINs of 14 digits; this one has 15 (name the card's carrier if it is for another)\n" });
    expect(runCliWithInput(['vouchers', 'add', '--data-dir', dir], '12345678901234\n')).toMatchObject({ status: 0, stdout: 'Card 1 added: **********1234.\n' });
  });
});

describe('the PIN prompt on a terminal', () => {
  /** `vouchers add` on a pseudo-terminal: types `keys` once the prompt shows; its exit code and screen. */
  async function typeAtPrompt(dir: string, keys: string): Promise<{ status: number | null; screen: string }> {
    const cli = spawnCliOnPty(['vouchers', 'add', '--data-dir', dir, '--carrier', 'vivacom']);
    await cli.waitForOutput(/Card PIN: /);
    cli.child.stdin!.write(keys);
    return { status: await cli.exited, screen: cli.output() };
  }

  it('showsAStarPerDigitAndNeverTheDigits', async () => {
    // One digit too many, erased with Backspace, then Enter.
    const { status, screen } = await typeAtPrompt(tmpDir(), '1234567890123456\x7f\r');
    expect(status).toBe(0);
    expect(screen).toContain(`Card PIN: ${'*'.repeat(16)}\b \b`);
    expect(screen).toContain('Card 1 added: ***********2345.');
    expect(screen).not.toMatch(/\d{5}/);
  });

  it('ctrlCAtThePromptAddsNothing', async () => {
    const dir = tmpDir();
    const { status, screen } = await typeAtPrompt(dir, '12345\x03');
    expect(status).toBe(2);
    expect(screen).toMatch(/gsmkeeper: no card added/);
    expect(runCliWithInput(['vouchers', 'list', '--data-dir', dir], '').stdout).toMatch(/^The wallet is empty/);
  });
});
