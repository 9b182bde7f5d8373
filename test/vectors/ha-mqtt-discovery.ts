/**
 * Home Assistant's documented MQTT discovery schema, as its documentation states it (the
 * home-assistant/home-assistant.io repository, source/_integrations/):
 *
 * - mqtt.markdown @ 0a314403e71f72c2fa6fdcb51b28d4876b4ab7c2: device-based discovery (`device`
 *   and `origin` required at the root, the shared options, `platform` and `unique_id` required in
 *   each component) and the tables of supported abbreviations;
 * - sensor.mqtt.markdown @ 9e4a69ab998700a518e366a7f54551a150fccf94,
 *   binary_sensor.mqtt.markdown @ fbc3a3b3bdcce503437401c8ea500a3f72181fd8,
 *   button.mqtt.markdown @ d72255663705fa665050cd738a270e89f0ae8db3,
 *   text.mqtt.markdown @ c833583f4d6791782018d1c73bb8f8c94f5aa922,
 *   notify.mqtt.markdown @ 172bcca0686c1765904a39065d10fa31cab295a1,
 *   event.mqtt.markdown @ 172bcca0686c1765904a39065d10fa31cab295a1: each platform's
 *   configuration variables, required or not.
 *
 * Only the abbreviations of keys some documented platform here uses are listed, with the device
 * and origin tables whole.
 */

/** The abbreviations table (`'stat_t': 'state_topic'`, …), for the keys these platforms use. */
export const ABBREVIATIONS: Record<string, string> = {
  avty: 'availability',
  avty_mode: 'availability_mode',
  avty_t: 'availability_topic',
  avty_tpl: 'availability_template',
  cmd_t: 'command_topic',
  cmd_tpl: 'command_template',
  cmps: 'components',
  dev: 'device',
  dev_cla: 'device_class',
  e: 'encoding',
  en: 'enabled_by_default',
  ent_cat: 'entity_category',
  ent_pic: 'entity_picture',
  evt_typ: 'event_types',
  exp_aft: 'expire_after',
  frc_upd: 'force_update',
  ic: 'icon',
  json_attr_t: 'json_attributes_topic',
  json_attr_tpl: 'json_attributes_template',
  lrst_val_tpl: 'last_reset_value_template',
  max: 'max',
  min: 'min',
  mode: 'mode',
  name: 'name',
  o: 'origin',
  obj_id: 'object_id',
  off_dly: 'off_delay',
  ops: 'options',
  p: 'platform',
  pl_avail: 'payload_available',
  pl_not_avail: 'payload_not_available',
  pl_off: 'payload_off',
  pl_on: 'payload_on',
  pl_prs: 'payload_press',
  ptrn: 'pattern',
  ret: 'retain',
  stat_cla: 'state_class',
  stat_t: 'state_topic',
  sug_dsp_prc: 'suggested_display_precision',
  t: 'topic',
  uniq_id: 'unique_id',
  unit_of_meas: 'unit_of_measurement',
  val_tpl: 'value_template',
};

/** Supported abbreviations for device registry configuration (the whole table). */
export const DEVICE_ABBREVIATIONS: Record<string, string> = {
  cu: 'configuration_url',
  cns: 'connections',
  ids: 'identifiers',
  name: 'name',
  mf: 'manufacturer',
  mdl: 'model',
  mdl_id: 'model_id',
  hw: 'hw_version',
  sw: 'sw_version',
  sa: 'suggested_area',
  sn: 'serial_number',
};

/** Supported abbreviations for origin info (the whole table). */
export const ORIGIN_ABBREVIATIONS: Record<string, string> = { name: 'name', sw: 'sw_version', url: 'support_url' };

/** The `device` mapping's keys (every platform documents the same ones). */
export const DEVICE_KEYS = ['configuration_url', 'connections', 'hw_version', 'identifiers', 'manufacturer', 'model', 'model_id', 'name', 'serial_number', 'suggested_area', 'sw_version', 'via_device'];

/** The `origin` mapping's keys; `name` is required. */
export const ORIGIN_KEYS = { required: ['name'], allowed: ['name', 'sw_version', 'support_url'] };

/** Options a device discovery payload may share at its root (besides `device`, `origin`, `components`). */
export const SHARED_ROOT_KEYS = ['availability', 'availability_mode', 'availability_template', 'availability_topic', 'payload_available', 'payload_not_available', 'origin', 'command_topic', 'state_topic', 'qos', 'encoding'];

/** `availability` list entries. */
export const AVAILABILITY_KEYS = { required: ['topic'], allowed: ['payload_available', 'payload_not_available', 'topic', 'value_template'] };

const COMMON = [
  'availability', 'availability_mode', 'availability_template', 'availability_topic', 'device', 'enabled_by_default', 'encoding', 'entity_category', 'entity_picture',
  'json_attributes_template', 'json_attributes_topic', 'name', 'object_id', 'payload_available', 'payload_not_available', 'platform', 'qos', 'unique_id',
];

/** Per platform: the keys it requires and every key it documents (full names). */
export const PLATFORMS: Record<string, { required: string[]; allowed: string[] }> = {
  sensor: {
    required: ['platform', 'state_topic'],
    allowed: [...COMMON, 'device_class', 'expire_after', 'force_update', 'icon', 'last_reset_value_template', 'options', 'suggested_display_precision', 'state_class', 'state_topic', 'unit_of_measurement', 'value_template'],
  },
  binary_sensor: {
    required: ['platform', 'state_topic'],
    allowed: [...COMMON, 'device_class', 'expire_after', 'force_update', 'icon', 'off_delay', 'payload_off', 'payload_on', 'state_topic', 'value_template'],
  },
  button: {
    required: ['platform', 'command_topic'],
    allowed: [...COMMON, 'command_template', 'command_topic', 'device_class', 'icon', 'payload_press', 'retain'],
  },
  text: {
    required: ['platform', 'command_topic'],
    allowed: [...COMMON, 'command_template', 'command_topic', 'max', 'min', 'mode', 'pattern', 'retain', 'state_topic', 'value_template'],
  },
  notify: {
    // notify.mqtt.markdown marks command_topic optional; a notify entity without one sends nowhere.
    required: ['platform'],
    allowed: [...COMMON, 'command_template', 'command_topic', 'icon', 'retain'],
  },
  event: {
    required: ['platform', 'event_types', 'state_topic'],
    allowed: [...COMMON, 'device_class', 'event_types', 'icon', 'state_topic', 'value_template'],
  },
};

/** Values the documentation fixes. */
export const TEXT_MODES = ['text', 'password'];
/** "`text` … The maximum size of a text being set or received (maximum is 255)." */
export const TEXT_MAX = 255;
export const ENTITY_CATEGORIES = ['config', 'diagnostic'];
/** The discovery topic's node id and object id: "only consist of characters from the character class [a-zA-Z0-9_-]". */
export const OBJECT_ID_RE = /^[a-zA-Z0-9_-]+$/;
