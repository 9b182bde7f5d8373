import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MockBinding } from '@serialport/binding-mock';
import { modemOver, openMockPort, scriptModem } from '../helpers/mock-port.js';

afterEach(() => MockBinding.reset());

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    return entry.isDirectory() ? sources(file) : file.endsWith('.ts') ? [file] : [];
  });
}

describe('the modem boundary', () => {
  it('onlyTheModemLayerReachesTheAtEngine', () => {
    const leaks = sources(path.resolve('src'))
      .filter((file) => !/[/\\]src[/\\](modem|at)[/\\]/.test(file))
      .filter((file) => /from '(\.\.\/)+at\//.test(fs.readFileSync(file, 'utf8')))
      .map((file) => path.relative(process.cwd(), file));
    expect(leaks).toEqual([]);
  });

  it('aUssdRequestTheModemRefusesIsTheModemsOwnError', async () => {
    const port = await openMockPort();
    scriptModem(port, (written) => (written.startsWith('AT+CUSD=1') ? '\r\n+CME ERROR: 258\r\n' : '\r\nOK\r\n'));
    const modem = await modemOver(port);
    await expect(modem.ussd({ code: '*102#', timeoutMs: 1000 })).rejects.toMatchObject({ name: 'ModemError', code: 'ussd-refused' });
  });

  it('aUssdRequestTheModemNeverAnswersMayHaveGoneOut', async () => {
    const port = await openMockPort();
    scriptModem(port, (written) => (written.startsWith('AT+CUSD=1') ? undefined : '\r\nOK\r\n'));
    const modem = await modemOver(port, { timeouts: { ussdCommand: 100 } });
    await expect(modem.ussd({ code: '*102#', timeoutMs: 1000 })).rejects.toMatchObject({ name: 'ModemError', code: 'ussd-failed' });
  });
});
