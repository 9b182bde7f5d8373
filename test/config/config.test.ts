import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/load.js';
import { closestKey, editDistance } from '../../src/config/problems.js';
import { DEFAULT_CONFIG } from '../../src/config/schema.js';
import { linesOf } from '../../src/config/lines.js';
import { tmpDir } from '../helpers/tmp.js';

function file(yaml: string): string {
  const f = path.join(tmpDir(), 'gsmkeeper.yml');
  fs.writeFileSync(f, yaml);
  return f;
}

describe('configuration', () => {
  it('theExampleFileIsValidAndSaysTheDefaults', () => {
    expect(loadConfig('gsmkeeper.example.yml')).toEqual(DEFAULT_CONFIG);
  });

  it('fileValuesOverrideDefaultsAndFlagsOverrideTheFile', () => {
    const config = loadConfig(file('modem:\n  port: /dev/ttyUSB2\nsms:\n  dailyCap: 20\n'), { modem: { port: 'tcp://127.0.0.1:7000' } });
    expect(config.modem).toMatchObject({ port: 'tcp://127.0.0.1:7000', baud: 115200 });
    expect(config.sms).toEqual({ ...DEFAULT_CONFIG.sms, dailyCap: 20 });
  });

  it.each([
    ['a password that is not 6 digits', 'password: "12ab56"\n', /password/],
    ['an unknown key', 'modme:\n  port: x\n', /unknown key "modme" \(did you mean "modem"\?\)/],
    ['an unknown key inside a section', 'modem:\n  baudrate: 9600\n', /unknown key "modem\.baudrate" \(did you mean "modem\.baud"\?\)/],
    ['an unknown key like none known', 'modem:\n  colour: red\n', /unknown key "modem\.colour" \(known here: port, baud, ussdEncoding, /],
    ['a baud rate no port uses', 'modem:\n  baud: 12345\n', /modem\.baud 12345 is not allowed; allowed: 9600, 19200, 38400, 57600, 115200, 230400, 460800, 921600/],
    ['a schedule that is not a cron expression', 'credit:\n  checkSchedule: "0 25 * * *"\n', /credit\.checkSchedule "0 25 \* \* \*" is not a cron expression/],
    ['a timezone nobody has', 'timezone: Europe/Sofa\n', /timezone "Europe\/Sofa" is not an IANA timezone/],
    ['YAML that does not parse', 'modem: [\n', /gsmkeeper\.yml/],
    ['a group number with letters', 'groups:\n  notify: ["0888abc123"]\n', /groups\.notify\.0 must match pattern/],
  ])('%s is a clear ConfigError', (_name, yaml, message) => {
    expect(() => loadConfig(file(yaml))).toThrow(ConfigError);
    expect(() => loadConfig(file(yaml))).toThrow(message);
  });

  it('aBadFlagValueNamesTheFlagAndWhatIsAllowed', () => {
    expect(() => loadConfig(null, { modem: { baud: 'fast' } }, { 'modem.baud': '--baud' })).toThrow(
      'the command line: --baud "fast" is not allowed; allowed: 9600, 19200, 38400, 57600, 115200, 230400, 460800, 921600',
    );
  });

  it('aMisspeltKeyIsMatchedToTheClosestKnownOne', () => {
    expect(closestKey('modme', ['modem', 'http', 'dataDir'])).toBe('modem');
    expect(closestKey('datadir', ['modem', 'http', 'dataDir'])).toBe('dataDir');
    expect(closestKey('lang', ['modem', 'http', 'dataDir'])).toBeNull();
    expect(editDistance('modme', 'modem')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });

  it('aMissingFileSaysSo', () => {
    expect(() => loadConfig('/nonexistent/gsmkeeper.yml')).toThrow(/cannot read \/nonexistent\/gsmkeeper\.yml: ENOENT/);
  });
});

describe('lines in the config', () => {
  it('withoutLinesTheOneLineIsMainFromModemAndTheTopLevelCarrierFacts', () => {
    const config = loadConfig(file('modem:\n  port: /dev/ttyUSB2\n  baud: 57600\ncarrier:\n  codeLengths: [14]\ncredit:\n  balanceUssd: "*100#"\n'));
    expect(linesOf(config)).toEqual([{
      name: 'main', port: '/dev/ttyUSB2', baud: 57600, ussdEncoding: 'text', number: null, notes: null, carrier: { rechargeUssd: null, codeLengths: [14] },
      balanceUssd: '*100#', resetHook: null, countryCode: null, currency: null, simulated: null,
    }]);
  });

  it('eachLineTakesWhatItDoesNotSetFromModemAndALineWithoutAPortIsSimulated', () => {
    const config = loadConfig(file([
      'modem:', '  baud: 57600', '  ussdEncoding: packed',
      'lines:',
      '  - name: main', '    port: /dev/ttyUSB0', '    number: "+359881234567"', '    carrier: { codeLengths: [15] }',
      '  - name: a1', '    simulator: { carrier: a1 }', '    countryCode: "359"',
      'routing:', '  defaultLine: a1', '',
    ].join('\n')));
    expect(linesOf(config)).toMatchObject([
      { name: 'main', port: '/dev/ttyUSB0', baud: 57600, ussdEncoding: 'packed', number: '+359881234567', carrier: { rechargeUssd: null, codeLengths: [15] }, simulated: null },
      { name: 'a1', port: null, baud: 57600, countryCode: '359', simulated: 'a1', balanceUssd: null },
    ]);
    expect(config.routing.defaultLine).toBe('a1');
  });

  it.each([
    ['two lines of one name', 'lines:\n  - name: main\n  - name: main\n', /two lines are named "main"/],
    ['two lines on one port', 'lines:\n  - name: main\n    port: /dev/ttyUSB0\n  - name: b\n    port: /dev/ttyUSB0\n', /two lines use the port \/dev\/ttyUSB0/],
    ['a port both in modem and in lines', 'modem:\n  port: /dev/ttyUSB0\nlines:\n  - name: main\n', /modem\.port and lines: give each line its own port/],
    ['carrier facts at the top with several lines', 'carrier:\n  codeLengths: [14]\nlines:\n  - name: main\n  - name: b\n', /carrier\.codeLengths: with several lines, a SIM's carrier facts go with its line/],
    ['a default line that is not there', 'lines:\n  - name: main\nrouting:\n  defaultLine: kitchen\n', /routing\.defaultLine "kitchen" names no line \(the lines are main\)/],
    ['a line name in capitals', 'lines:\n  - name: Main\n', /lines\.0\.name must match pattern/],
    ['a misspelt key in a line', 'lines:\n  - name: main\n    baudrate: 9600\n', /unknown key "lines\.0\.baudrate" \(did you mean "lines\.0\.baud"\?\)/],
    ['a simulated line with a port', 'lines:\n  - name: main\n    port: /dev/ttyUSB0\n    simulator: { carrier: a1 }\n', /line "main" has a port, so it is not simulated/],
  ])('%s is a clear ConfigError', (_name, yaml, message) => {
    expect(() => loadConfig(file(yaml))).toThrow(ConfigError);
    expect(() => loadConfig(file(yaml))).toThrow(message);
  });
});
