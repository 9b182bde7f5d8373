import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/load.js';
import { closestKey, editDistance } from '../../src/config/problems.js';
import { DEFAULT_CONFIG } from '../../src/config/schema.js';
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
