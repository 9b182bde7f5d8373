import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { WalletBatchError } from '../../src/wallet/wallet.js';
import { pinOf, walletOnFile } from '../helpers/cards-setup.js';
import { tmpDir } from '../helpers/tmp.js';

const HEADER = 'serial,PIN,amount,currency,reseller,expiry,carrier';

function problemsOf(run: () => unknown): Array<{ line: number; message: string }> {
  try {
    run();
  } catch (err) {
    if (err instanceof WalletBatchError) return err.problems;
    throw err;
  }
  throw new Error('the import was taken');
}

describe('CSV import and export', () => {
  it('importsAFileWithAHeaderInAnyCaseAndItsOrder', () => {
    const { wallet } = walletOnFile();
    const csv = `\uFEFFPIN Code,Serial Number,Amount,Currency,Company,Expiry Date,Carrier\r\n${pinOf(1)},101-1,"5,00",eur,Kiosk 7,31.12.2027,vivacom\r\n${pinOf(2)},101-2,10,EUR,"Kiosk, the big one",2027-06-30,\r\n`;
    const added = wallet.importCsv(csv);
    expect(added.map((c) => [c.serial, c.amountCents, c.currency, c.reseller, c.expiresOn, c.carrier, c.status])).toEqual([
      ['101-1', 500, 'EUR', 'Kiosk 7', '2027-12-31', 'vivacom', 'new'],
      ['101-2', 1000, 'EUR', 'Kiosk, the big one', '2027-06-30', null, 'new'],
    ]);
  });

  it('badRowsAreReportedByLineNumberAndNothingIsHalfImported', () => {
    const { wallet, dial } = walletOnFile();
    dial(pinOf(9), 'success', '+359888123456');
    const lines = [
      HEADER,
      `101-1,${pinOf(1)},5.00,EUR,Kiosk 7,2027-12-31,vivacom`, // 2: good
      `101-2,12345abc,5.00,EUR,Kiosk 7,2027-12-31,vivacom`, // 3: PIN with letters
      `101-3,${pinOf(3)},five,EUR,Kiosk 7,2027-12-31,vivacom`, // 4: amount
      '', // 5: blank, skipped
      `101-4,${pinOf(4)},5.00,EUR,Kiosk 7,2020-01-01,vivacom`, // 6: expired
      `101-5,${pinOf(1)},5.00,EUR,Kiosk 7,2027-12-31,vivacom`, // 7: the PIN of line 2 again
      `"101-6","${pinOf(6)}",5.00,EUR,"Kiosk`, // 8–9: a quoted field over two lines, and a field short
      `7",2027-12-31`,
      `101-9,${pinOf(9)},5.00,EUR,Kiosk 7,2027-12-31,vivacom`, // 10: used already
      `101-10,${pinOf(10)},5.00,EUR,Kiosk 7,2027-12-31,nosuch`, // 11: unknown carrier
      `101-11,${pinOf(11)},5.00,EUR,Kiosk 7,2027-12-31,vivacom`, // 12: good
    ];
    const problems = problemsOf(() => wallet.importCsv(lines.join('\n')));
    expect(problems).toEqual([
      { line: 3, message: 'a card PIN is 5 to 20 digits' },
      { line: 4, message: 'amount is a number such as 5 or 5.00' },
      { line: 6, message: 'the card expired on 01.01.2020' },
      { line: 7, message: 'the same PIN as line 2' },
      { line: 8, message: '6 fields where the header has 7' },
      { line: 10, message: expect.stringMatching(/^card \*{11}\d{4} was used on \d\d\.\d\d\.\d{4}$/) },
      { line: 11, message: 'no carrier profile "nosuch"' },
    ]);
    expect(wallet.search({}).total).toBe(0);
    // The same file without its bad lines goes in whole.
    const good = [lines[0], lines[1], lines[11]].join('\n');
    expect(wallet.importCsv(good).map((c) => c.serial)).toEqual(['101-1', '101-11']);
    // A card of a later file that is already there refuses that file.
    expect(problemsOf(() => wallet.importCsv(good))).toEqual([
      { line: 2, message: expect.stringMatching(/is already in the wallet$/) },
      { line: 3, message: expect.stringMatching(/is already in the wallet$/) },
    ]);
    expect(wallet.search({}).total).toBe(2);
  });

  it.each([
    ['an unknown column', 'serial,pin,colour\n101-1,123456789012345,red\n', [{ line: 1, message: expect.stringMatching(/^unknown column "colour"/) }]],
    ['no pin column', 'serial,amount\n101-1,5\n', [{ line: 1, message: 'the header has no pin column' }]],
    ['nothing at all', '', [{ line: 1, message: expect.stringMatching(/^empty/) }]],
    ['an unclosed quote', 'serial,pin\n101-1,"123456789012345\n', [{ line: expect.any(Number), message: expect.stringMatching(/^not readable as CSV/) }]],
  ])('a file with %s is refused whole', (_name, csv, problems) => {
    const { wallet } = walletOnFile();
    expect(problemsOf(() => wallet.importCsv(csv))).toEqual(problems);
  });

  it('exportMasksPinsUnlessAskedAndAnExportWithFullPinsImportsIntoAnotherBox', () => {
    const { wallet, dial } = walletOnFile();
    wallet.importCsv([HEADER, `101-1,${pinOf(1)},5.00,EUR,Kiosk 7,2027-12-31,vivacom`, `101-2,${pinOf(2)},10.00,EUR,,2027-06-30,`].join('\n'));
    dial(pinOf(1), 'success', '+359888123456');
    const masked = wallet.exportCsv({ sort: 'serial' }, { revealPins: false });
    expect(masked).toBe([
      'serial,pin,amount,currency,reseller,expiry,carrier,status,activated on,activated by,line,created on',
      `101-1,***********${pinOf(1).slice(-4)},5.00,EUR,Kiosk 7,2027-12-31,vivacom,activated,2026-11-20T10:00:00.000Z,+359888123456,main,${wallet.search({ serial: '101-1' }).cards[0]!.createdAt}`,
      `101-2,***********${pinOf(2).slice(-4)},10.00,EUR,,2027-06-30,,new,,,,${wallet.search({ serial: '101-2' }).cards[0]!.createdAt}`,
      '',
    ].join('\n'));
    expect(masked).not.toContain(pinOf(2));
    const full = wallet.exportCsv({ status: 'new' }, { revealPins: true });
    expect(full).toContain(`101-2,${pinOf(2)},10.00`);
    expect(full).not.toContain(pinOf(1));
    // Another install (its own key) takes the exported file as it is.
    const other = walletOnFile({ secret: 'another-install-secret' });
    expect(other.wallet.importCsv(full)).toMatchObject([{ serial: '101-2', amountCents: 1000, status: 'new' }]);
    const file = path.join(tmpDir(), 'cards.csv');
    fs.writeFileSync(file, masked);
    // A masked export cannot pass for cards.
    expect(problemsOf(() => other.wallet.importCsv(fs.readFileSync(file, 'utf8')))).toHaveLength(2);
  });
});
