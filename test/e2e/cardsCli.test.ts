import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCliWithInput } from '../helpers/processes.js';
import { tmpDir } from '../helpers/tmp.js';

describe('cards from the command line', () => {
  it('aBatchTheSimulatorIssuesGoesIntoTheWalletAsCsvAndIsSearchedEditedDeletedAndExported', () => {
    const dir = tmpDir();
    const state = path.join(dir, 'simulator.json');
    const generated = runCliWithInput(['simulate', 'cards', 'generate', '--amount', '5', '--quantity', '6', '--series', '103', '--reseller', 'Reseller 1', '--expires', '2027-06-11', '--state', state, '--csv'], '');
    expect(generated.status).toBe(0);
    const lines = generated.stdout.trim().split('\n');
    expect(lines[0]).toBe('serial,pin,amount,currency,reseller,expiry,carrier');
    expect(lines[1]).toMatch(/^103-000001,[1-9]\d{14},5\.00,EUR,Reseller 1,2027-06-11,vivacom$/);
    const pins = lines.slice(1).map((line) => line.split(',')[1]!);
    // The batch is kept in the state file named, not in the simulator's default one.
    expect(fs.existsSync(state)).toBe(true);
    const listed = runCliWithInput(['simulate', 'cards', 'list', '--state', state, '--series', '103'], '');
    expect(listed.stdout).toMatch(/^new +103-000006 +5\.00 EUR +\d{15} +Reseller 1 +— +/m);
    expect(listed.stdout.trim().split('\n').at(-1)).toBe('Rows 1 – 6 of 6   Page 1 of 1');

    const file = path.join(dir, 'batch.csv');
    fs.writeFileSync(file, generated.stdout);
    expect(runCliWithInput(['vouchers', 'import', file, '--data-dir', dir], '')).toMatchObject({ status: 0, stdout: '6 card(s) imported.\n' });
    const search = runCliWithInput(['vouchers', 'search', '--data-dir', dir, '--serial-from', '103-2', '--serial-to', '103-4', '--per-page', '2', '--sort', 'serial'], '');
    expect(search.stdout.split('\n').slice(1, 3).map((line) => line.split(/ +/).slice(0, 2).join(' '))).toEqual(['new 103-000002', 'new 103-000003']);
    expect(search.stdout).toContain('Rows 1 – 2 of 3   Page 1 of 2');
    // The PIN is asked for (here piped in), never an argument.
    const byPin = runCliWithInput(['vouchers', 'search', '--data-dir', dir, '--pin', '--json'], `${pins[4]}\n`);
    expect(JSON.parse(byPin.stdout)).toMatchObject({ total: 1, cards: [{ serial: '103-000005' }], rows: 'Rows 1 – 1 of 1' });
    expect(runCliWithInput(['vouchers', 'edit', '--data-dir', dir, '--ids', '1,2', '--set-reseller', 'Kiosk 9', '--set-expires', '31.12.2027'], '')).toMatchObject({ status: 0, stdout: '2 of 2 card(s) changed.\n' });
    expect(runCliWithInput(['vouchers', 'delete', '--all', '--data-dir', dir, '--reseller', 'Kiosk 9'], '')).toMatchObject({ status: 2, stderr: 'gsmkeeper: deleting every card found needs the confirmation "delete all"\n' });
    expect(runCliWithInput(['vouchers', 'delete', '--all', '--data-dir', dir, '--reseller', 'Kiosk 9', '--confirm', 'delete all'], '')).toMatchObject({ status: 0, stdout: '2 of 2 card(s) deleted.\n' });
    expect(runCliWithInput(['vouchers', 'delete', '3', '--data-dir', dir], '')).toMatchObject({ status: 0, stdout: '1 of 1 card(s) deleted.\n' });

    const masked = runCliWithInput(['vouchers', 'export', '--data-dir', dir], '');
    expect(masked.stdout.trim().split('\n')).toHaveLength(4);
    for (const pin of pins) expect(masked.stdout).not.toContain(pin);
    expect(runCliWithInput(['vouchers', 'export', '--data-dir', dir, '--full-pins'], '')).toMatchObject({ status: 2, stderr: 'gsmkeeper: --full-pins writes every PIN readable: confirm with --confirm "full pins"\n' });
    const out = path.join(dir, 'full.csv');
    expect(runCliWithInput(['vouchers', 'export', '--data-dir', dir, '--full-pins', '--confirm', 'full pins', '--output', out], '')).toMatchObject({ status: 0, stderr: `Cards written to ${out} with full PINs.\n` });
    expect(fs.statSync(out).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(out, 'utf8')).toContain(pins[3]!);
  });

  it('anImportWithBadLinesNamesEachAndKeepsNothing', () => {
    const dir = tmpDir();
    const file = path.join(dir, 'cards.csv');
    fs.writeFileSync(file, 'serial,pin,amount\n101-1,123456789012345,5\n101-2,12345,5\n101-3,123456789012347,lots\n');
    const result = runCliWithInput(['vouchers', 'import', file, '--data-dir', dir], '');
    expect(result.status).toBe(2);
    expect(result.stderr.split('\n').slice(0, 2)).toEqual([
      // No SIM seen yet: some carrier must take the PIN's length.
      'Line 3: no carrier takes PINs of 5 digits (A1 Bulgaria: 14 digits; Vivacom: 15 digits).',
      'Line 4: amount is a number such as 5 or 5.00.',
    ]);
    expect(runCliWithInput(['vouchers', 'list', '--data-dir', dir], '').stdout).toMatch(/^The wallet is empty/);
  });
});
