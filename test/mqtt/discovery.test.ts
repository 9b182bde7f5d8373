import { describe, expect, it } from 'vitest';
import { boxDiscovery, lineDiscovery } from '../../src/mqtt/discovery.js';
import { lineState } from '../../src/mqtt/state.js';
import { BoxTopics } from '../../src/mqtt/topics.js';
import {
  ABBREVIATIONS, AVAILABILITY_KEYS, DEVICE_ABBREVIATIONS, DEVICE_KEYS, ENTITY_CATEGORIES, OBJECT_ID_RE, ORIGIN_ABBREVIATIONS, ORIGIN_KEYS, PLATFORMS,
  SHARED_ROOT_KEYS, TEXT_MAX, TEXT_MODES,
} from '../vectors/ha-mqtt-discovery.js';

type Json = Record<string, unknown>;

/** Home Assistant's reading of a payload: every abbreviated key replaced by its full name. */
function expand(payload: Json, table: Record<string, string>): Json {
  return Object.fromEntries(Object.entries(payload).map(([key, value]) => [table[key] ?? key, value]));
}

const topics = new BoxTopics('gsmkeeper', 'pi-7');
const snapshot = {
  line: 'main', carrier: 'Vivacom', modemUp: true, registration: 'home', network: '28403', signalDbm: -71,
  balance: { cents: 750, currency: 'EUR', validUntil: '2027-11-22', checkedAt: '2026-12-01T09:00:00.000Z' }, walletCardsReady: 3, problems: [], lastRecharge: null,
};
const payloads = [
  ['the box', boxDiscovery('homeassistant', topics)],
  ['a line with a currency', lineDiscovery('homeassistant', topics, { line: 'main', currency: 'EUR' })],
  ['a line whose currency is not known yet', lineDiscovery('homeassistant', topics, { line: 'sim2', currency: null })],
] as const;

/** Every problem a payload has against the documented schema, as sentences (none: it conforms). */
function problemsOf(topic: string, text: string): string[] {
  const problems: string[] = [];
  // <discovery_prefix>/<component>/[<node_id>/]<object_id>/config, the node id the box's.
  const match = /^homeassistant\/device\/([^/]+)\/([^/]+)\/config$/.exec(topic);
  if (!match || match[1] !== 'pi-7' || !OBJECT_ID_RE.test(match[1]!) || !OBJECT_ID_RE.test(match[2]!)) problems.push(`topic ${topic} is not <prefix>/device/<node id>/<object id>/config`);
  const root = expand(JSON.parse(text) as Json, ABBREVIATIONS);
  for (const key of ['device', 'origin', 'components']) if (!(key in root)) problems.push(`root: no ${key}`);
  for (const key of Object.keys(root)) if (!['device', 'components', ...SHARED_ROOT_KEYS].includes(key)) problems.push(`root: ${key} is not a shared option`);
  const device = expand(root.device as Json, DEVICE_ABBREVIATIONS);
  for (const key of Object.keys(device)) if (!DEVICE_KEYS.includes(key)) problems.push(`device: unknown key ${key}`);
  if (!device.identifiers && !device.connections) problems.push('device: neither identifiers nor connections');
  if (!device.name) problems.push('device: no name');
  const origin = expand(root.origin as Json, ORIGIN_ABBREVIATIONS);
  for (const key of ORIGIN_KEYS.required) if (!(key in origin)) problems.push(`origin: no ${key}`);
  for (const key of Object.keys(origin)) if (!ORIGIN_KEYS.allowed.includes(key)) problems.push(`origin: unknown key ${key}`);
  for (const entry of (root.availability as Json[] | undefined) ?? []) {
    const availability = expand(entry, ABBREVIATIONS);
    for (const key of AVAILABILITY_KEYS.required) if (!(key in availability)) problems.push(`availability: no ${key}`);
    for (const key of Object.keys(availability)) if (!AVAILABILITY_KEYS.allowed.includes(key)) problems.push(`availability: unknown key ${key}`);
  }
  for (const [id, raw] of Object.entries(root.components as Record<string, Json>)) {
    const component = expand(raw, ABBREVIATIONS);
    const platform = PLATFORMS[component.platform as string];
    if (!platform) {
      problems.push(`${id}: unknown platform ${String(component.platform)}`);
      continue;
    }
    // Device-based discovery: "Also required is a unique_id for entity-based components."
    for (const key of [...platform.required, 'unique_id']) if (!(key in component)) problems.push(`${id}: no ${key}`);
    for (const key of Object.keys(component)) if (!platform.allowed.includes(key)) problems.push(`${id}: ${key} is not a ${String(component.platform)} option`);
    if (Object.keys(component).length < 2) problems.push(`${id}: nothing but its platform`);
    if (component.entity_category !== undefined && !ENTITY_CATEGORIES.includes(component.entity_category as string)) problems.push(`${id}: entity_category ${String(component.entity_category)}`);
    if (component.mode !== undefined && !TEXT_MODES.includes(component.mode as string)) problems.push(`${id}: mode ${String(component.mode)}`);
    if (typeof component.max === 'number' && component.max > TEXT_MAX) problems.push(`${id}: max over ${TEXT_MAX}`);
    for (const [key, value] of Object.entries(component)) {
      if (key.endsWith('_topic') && (typeof value !== 'string' || /[+#]/.test(value))) problems.push(`${id}: ${key} is not a topic to publish or subscribe to`);
    }
  }
  return problems;
}

describe('Home Assistant discovery payloads, against the documented schema', () => {
  it.each(payloads)('discoveryConformsToTheDocumentedSchema (%s)', (_what, discovery) => {
    expect(problemsOf(discovery.topic, discovery.payload)).toEqual([]);
  });

  it('aPayloadWithAnUndocumentedKeyIsCaughtByTheCheck', () => {
    // The check itself can fail: an option a platform does not have, a component without unique_id.
    const broken = JSON.parse(payloads[1][1].payload);
    broken.cmps.balance.cmd_t = 'gsmkeeper/pi-7/main/ha/balance';
    delete broken.cmps.signal.uniq_id;
    broken.cmps.extra = { p: 'switch', uniq_id: 'x' };
    expect(problemsOf(payloads[1][1].topic, JSON.stringify(broken))).toEqual([
      'balance: command_topic is not a sensor option',
      'signal: no unique_id',
      'extra: unknown platform switch',
    ]);
  });

  it('oneDevicePerLineRoutedThroughTheBoxWithTheEntitiesTheIssueNames', () => {
    const box = expand(JSON.parse(payloads[0][1].payload), ABBREVIATIONS);
    const line = expand(JSON.parse(payloads[1][1].payload), ABBREVIATIONS);
    const boxIds = (expand(box.device as Json, DEVICE_ABBREVIATIONS).identifiers as string[]);
    expect(expand(line.device as Json, DEVICE_ABBREVIATIONS).via_device).toBe(boxIds[0]);
    const platforms = Object.entries(line.components as Record<string, Json>).map(([id, c]) => `${id}:${c.p}`);
    expect(platforms).toEqual([
      'balance:sensor', 'valid_until:sensor', 'days_left:sensor', 'signal:sensor', 'wallet:sensor', 'modem:binary_sensor', 'problem:binary_sensor',
      'check_balance:button', 'top_up:button', 'restart_modem:button', 'recharge:text', 'send_sms:notify', 'sms:event',
    ]);
    const components = line.components as Record<string, Json>;
    expect(components.balance).toMatchObject({ dev_cla: 'monetary', unit_of_meas: 'EUR' });
    expect(components.valid_until).toMatchObject({ dev_cla: 'date' });
    expect(components.signal).toMatchObject({ dev_cla: 'signal_strength', unit_of_meas: 'dBm' });
    expect(components.recharge).toMatchObject({ mode: 'password' });
    expect(components.sms).toMatchObject({ evt_typ: ['sms-received'], stat_t: 'gsmkeeper/pi-7/main/event/sms-received' });
    // Available while the box's status says online (its will says offline).
    expect(line.availability_topic).toBe('gsmkeeper/pi-7/status');
  });

  it('aBalanceWithoutAKnownCurrencyHasNoMonetaryClassOrUnit', () => {
    const { cmps } = JSON.parse(payloads[2][1].payload);
    expect(cmps.balance.dev_cla).toBeUndefined();
    expect(cmps.balance.unit_of_meas).toBeUndefined();
  });

  it('everyTemplateReadsAFieldTheLineStateHas', () => {
    const fields = new Set(Object.keys(lineState(snapshot)));
    const templates = Object.values(JSON.parse(payloads[1][1].payload).cmps as Record<string, Json>).flatMap((c) => [c.val_tpl, c.json_attr_tpl].filter(Boolean) as string[]);
    const read = templates.flatMap((template) => [...template.matchAll(/value_json\.(\w+)/g)].map((m) => m[1]!));
    expect(read.length).toBeGreaterThan(5);
    expect(read.filter((field) => !fields.has(field))).toEqual([]);
  });

  it('uniqueIdsAreUniqueAcrossTheBoxAndItsLines', () => {
    const ids = payloads.flatMap(([, d]) => Object.values(JSON.parse(d.payload).cmps as Record<string, Json>).map((c) => c.uniq_id));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('payloadsStaySmall', () => {
    // Retained at the broker and read by every Home Assistant start: a few KiB, not tens.
    for (const [, discovery] of payloads) expect(Buffer.byteLength(discovery.payload)).toBeLessThan(3 * 1024);
  });
});
