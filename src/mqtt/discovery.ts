import { VERSION } from '../util/version.js';
import type { LineState } from './state.js';
import type { BoxTopics } from './topics.js';

/**
 * Home Assistant's device-based discovery (`<prefix>/device/<box>/<device id>/config` with `cmps`:
 * the box id is the topic's node id, so a broker's ACL can give a box `<prefix>/device/<box>/#`
 * alone): one device for the box and one per line, the line's `via_device` the box. Keys are written in the
 * abbreviations Home Assistant documents, to keep the retained payloads small; each component
 * carries only keys its platform documents.
 */

const ORIGIN = { name: 'gsmkeeper', sw: VERSION };

/** Home Assistant's id of the box's device, and of a line's. */
export const boxDeviceId = (topics: BoxTopics): string => `gsmkeeper_${topics.box}`;
export const lineDeviceId = (topics: BoxTopics, line: string): string => `gsmkeeper_${topics.box}_${line}`;

export const discoveryTopic = (prefix: string, topics: BoxTopics, deviceId: string): string => `${prefix}/device/${topics.box}/${deviceId}/config`;

export interface Discovery {
  topic: string;
  payload: string;
}

/** The box itself: whether it is connected to the broker (its status topic, the will included). */
export function boxDiscovery(prefix: string, topics: BoxTopics): Discovery {
  const id = boxDeviceId(topics);
  const payload = {
    dev: { ids: [id], name: `gsmkeeper ${topics.box}`, mf: 'gsmkeeper', mdl: 'GSM box', sw: VERSION },
    o: ORIGIN,
    cmps: {
      online: { p: 'binary_sensor', uniq_id: `${id}_online`, name: 'Online', dev_cla: 'connectivity', ent_cat: 'diagnostic', stat_t: topics.status, pl_on: 'online', pl_off: 'offline' },
    },
    qos: 1,
  };
  return { topic: discoveryTopic(prefix, topics, id), payload: JSON.stringify(payload) };
}

/**
 * A line: its balance, validity, days left, signal and wallet as sensors, modem and problem as
 * binary sensors, buttons to check the balance, top up and restart the modem, a password-mode
 * text to recharge with a code, a notify entity that sends an SMS, and an event entity for SMS
 * that are not commands. The balance's unit is the line's currency once one is known.
 */
export function lineDiscovery(prefix: string, topics: BoxTopics, state: Pick<LineState, 'line' | 'currency'>): Discovery {
  const { line } = state;
  const id = lineDeviceId(topics, line);
  const stat_t = topics.state(line);
  const entity = (key: string, name: string) => ({ uniq_id: `${id}_${key}`, name });
  const payload = {
    dev: { ids: [id], name: `${topics.box} ${line}`, mf: 'gsmkeeper', mdl: 'GSM line', sw: VERSION, via_device: boxDeviceId(topics) },
    o: ORIGIN,
    avty_t: topics.status,
    qos: 1,
    cmps: {
      balance: {
        p: 'sensor', ...entity('balance', 'Balance'), stat_t, val_tpl: '{{ value_json.balance }}', sug_dsp_prc: 2,
        ...(state.currency ? { dev_cla: 'monetary', unit_of_meas: state.currency } : {}),
      },
      valid_until: { p: 'sensor', ...entity('valid_until', 'Valid until'), stat_t, dev_cla: 'date', val_tpl: '{{ value_json.validUntil }}' },
      days_left: { p: 'sensor', ...entity('days_left', 'Days left'), stat_t, dev_cla: 'duration', unit_of_meas: 'd', stat_cla: 'measurement', val_tpl: '{{ value_json.daysLeft }}' },
      signal: { p: 'sensor', ...entity('signal', 'Signal'), stat_t, dev_cla: 'signal_strength', unit_of_meas: 'dBm', stat_cla: 'measurement', ent_cat: 'diagnostic', val_tpl: '{{ value_json.signalDbm }}' },
      wallet: { p: 'sensor', ...entity('wallet', 'Wallet cards ready'), stat_t, stat_cla: 'measurement', ic: 'mdi:wallet', val_tpl: '{{ value_json.walletCardsReady }}' },
      modem: { p: 'binary_sensor', ...entity('modem', 'Modem'), stat_t, dev_cla: 'connectivity', ent_cat: 'diagnostic', val_tpl: "{{ 'ON' if value_json.modemUp else 'OFF' }}" },
      problem: {
        p: 'binary_sensor', ...entity('problem', 'Problem'), stat_t, dev_cla: 'problem', val_tpl: "{{ 'ON' if value_json.problems else 'OFF' }}",
        json_attr_t: stat_t, json_attr_tpl: "{{ {'problems': value_json.problems} | tojson }}",
      },
      check_balance: { p: 'button', ...entity('check_balance', 'Check balance'), cmd_t: topics.ha(line, 'check-balance') },
      top_up: { p: 'button', ...entity('top_up', 'Top up now'), cmd_t: topics.ha(line, 'top-up') },
      restart_modem: { p: 'button', ...entity('restart_modem', 'Restart modem'), dev_cla: 'restart', ent_cat: 'config', cmd_t: topics.ha(line, 'restart-modem') },
      // Its state comes from the line's state and is always empty, so Home Assistant never keeps
      // the code it sent (a text entity without a state topic would show and record it).
      recharge: { p: 'text', ...entity('recharge', 'Recharge with code'), mode: 'password', max: 30, cmd_t: topics.ha(line, 'recharge'), stat_t, val_tpl: "{{ '' }}" },
      send_sms: { p: 'notify', ...entity('send_sms', 'Send SMS'), cmd_t: topics.ha(line, 'send-sms') },
      sms: { p: 'event', ...entity('sms', 'SMS received'), evt_typ: ['sms-received'], stat_t: topics.event(line, 'sms-received') },
    },
  };
  return { topic: discoveryTopic(prefix, topics, id), payload: JSON.stringify(payload) };
}
