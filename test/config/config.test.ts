import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/load.js';
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
    ['an unknown key', 'modme:\n  port: x\n', /must NOT have additional properties/],
    ['a baud rate no port uses', 'modem:\n  baud: 12345\n', /baud/],
    ['YAML that does not parse', 'modem: [\n', /gsmkeeper\.yml/],
    ['a group number with letters', 'groups:\n  notify: ["0888abc123"]\n', /groups\/notify/],
  ])('%s is a clear ConfigError', (_name, yaml, message) => {
    expect(() => loadConfig(file(yaml))).toThrow(ConfigError);
    expect(() => loadConfig(file(yaml))).toThrow(message);
  });

  it('aMissingFileSaysSo', () => {
    expect(() => loadConfig('/nonexistent/gsmkeeper.yml')).toThrow(/cannot read \/nonexistent\/gsmkeeper\.yml: ENOENT/);
  });
});
