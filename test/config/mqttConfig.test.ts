import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/load.js';
import { configFromFlags } from '../../src/cli/run.js';
import { boxIdFromHostname } from '../../src/mqtt/topics.js';
import { spawnCli } from '../helpers/processes.js';
import { tmpDir } from '../helpers/tmp.js';

function file(yaml: string): string {
  const f = path.join(tmpDir(), 'gsmkeeper.yml');
  fs.writeFileSync(f, yaml);
  return f;
}

describe('the mqtt and fleet sections', () => {
  it('theBridgeIsOffByDefaultAndRunMqttTurnsItOn', () => {
    const dir = tmpDir();
    expect(configFromFlags({ config: file(''), dataDir: dir }).mqtt).toMatchObject({ url: null, baseTopic: 'gsmkeeper', boxId: null, discovery: true, discoveryPrefix: 'homeassistant', commandPassword: true });
    expect(configFromFlags({ config: file(''), dataDir: dir, mqtt: 'mqtts://broker.example:8883' }).mqtt.url).toBe('mqtts://broker.example:8883');
  });

  it('aBadBrokerUrlOnTheCommandLineNamesTheFlag', () => {
    expect(() => configFromFlags({ config: file(''), mqtt: 'http://broker' })).toThrow('the command line: --mqtt must match pattern "^mqtts?://[^\\s/]+(:[0-9]{1,5})?/?$"');
  });

  it.each([
    ['a box id with a topic separator', 'mqtt:\n  boxId: "hill/7"\n', /mqtt\.boxId must match pattern "\^\[A-Za-z0-9_-\]\{1,64\}\$"/],
    ['a base topic with a wildcard', 'mqtt:\n  baseTopic: "gsm/#"\n', /mqtt\.baseTopic must match pattern/],
    ['a broker url with a path', 'mqtt:\n  url: mqtt://broker/x\n', /mqtt\.url/],
    ['a queue too small to hold a state', 'mqtt:\n  queueLimit: 5\n', /mqtt\.queueLimit/],
    ['an unknown key of the fleet', 'fleet:\n  consol: true\n', /unknown key "fleet\.consol" \(did you mean "fleet\.console"\?\)/],
  ])('%s is a clear ConfigError', (_name, yaml, message) => {
    expect(() => loadConfig(file(yaml))).toThrow(ConfigError);
    expect(() => loadConfig(file(yaml))).toThrow(message);
  });

  it('aHostNameBecomesABoxIdTopicsAndHomeAssistantTake', () => {
    expect(boxIdFromHostname('gsm-box.lan')).toBe('gsm-box');
    expect(boxIdFromHostname('Pi 4 (hill)')).toBe('Pi-4-hill');
    expect(boxIdFromHostname('***')).toBe('gsmkeeper');
  });

  it('aConsoleWithoutABrokerIsRefusedAtStart', async () => {
    const dir = tmpDir();
    const cli = spawnCli(['run', '--config', file('fleet:\n  console: true\n'), '--data-dir', dir]);
    expect(await cli.exited).toBe(2);
    expect(cli.output()).toBe('gsmkeeper: fleet.console needs the broker: mqtt.url in the config file, or --mqtt\n');
  });
});
