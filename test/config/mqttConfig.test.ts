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

  it('aMissingOrUnreadablePemFileIsAConfigErrorNamingItsKeyAndPath', () => {
    const dir = tmpDir();
    const yaml = `mqtt:\n  url: mqtts://broker.example:8883\n  ca: ${dir}/ca.pem\n  cert: ${dir}\n`;
    const config = file(yaml);
    expect(() => loadConfig(config)).toThrow(ConfigError);
    expect(() => loadConfig(config)).toThrow(`${config}: mqtt.ca: ${dir}/ca.pem: no such file; mqtt.cert: ${dir}: not a file`);
  });

  it('pemFilesAreCheckedOnlyWithABrokerToUseThemAndTheFlagsBrokerCounts', () => {
    const dir = tmpDir();
    const config = file(`mqtt:\n  ca: ${dir}/ca.pem\n`);
    // No broker: the files are not used, so nothing is wrong yet.
    expect(loadConfig(config).mqtt.ca).toBe(`${dir}/ca.pem`);
    expect(() => configFromFlags({ config, dataDir: dir, mqtt: 'mqtts://broker.example:8883' })).toThrow(`${config}: mqtt.ca: ${dir}/ca.pem: no such file`);
    fs.writeFileSync(path.join(dir, 'ca.pem'), '-----BEGIN CERTIFICATE-----\n');
    expect(configFromFlags({ config, dataDir: dir, mqtt: 'mqtts://broker.example:8883' }).mqtt.ca).toBe(`${dir}/ca.pem`);
  });

  it('runRefusesToStartWithAMissingCaNamingTheKeyAndPath', async () => {
    const dir = tmpDir();
    const config = file(`mqtt:\n  url: mqtts://127.0.0.1:1\n  ca: ${dir}/missing-ca.pem\n`);
    const cli = spawnCli(['run', '--config', config, '--data-dir', path.join(dir, 'data'), '--http', '']);
    expect(await cli.exited).toBe(2);
    expect(cli.output()).toBe(`gsmkeeper: config: ${config}: mqtt.ca: ${dir}/missing-ca.pem: no such file\n`);
    // Refused before anything was made.
    expect(fs.existsSync(path.join(dir, 'data'))).toBe(false);
  });

  it('fleetNamesAPemFileItCannotReadBeforeDialling', async () => {
    const dir = tmpDir();
    const cli = spawnCli(['fleet', '--broker', 'mqtts://127.0.0.1:1', '--ca', `${dir}/ca.pem`, 'status']);
    expect(await cli.exited).toBe(2);
    expect(cli.output()).toBe(`gsmkeeper: --ca: ${dir}/ca.pem: no such file\n`);
  });

  it('aConsoleWithoutABrokerIsRefusedAtStart', async () => {
    const dir = tmpDir();
    const cli = spawnCli(['run', '--config', file('fleet:\n  console: true\n'), '--data-dir', dir]);
    expect(await cli.exited).toBe(2);
    expect(cli.output()).toBe('gsmkeeper: fleet.console needs the broker: mqtt.url in the config file, or --mqtt\n');
  });
});
