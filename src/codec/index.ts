export { CodecError } from './errors.js';
export { hexToBytes, bytesToHex, isHex } from './hex.js';
export { canonicalNumber } from './address.js';
export { canEncodeGsm7, septetLength } from './gsm7.js';
export { decodeDeliver, encodeDeliver, type SmsDeliver } from './sms-deliver.js';
export { decodeSubmit, encodeSubmit, type SmsSubmit, type SubmitPart } from './sms-submit.js';
export { splitText } from './split.js';
export { parseCusd, decodeUssdText, encodeUssdRequest, USSD_CODE_RE, type CusdLine, type UssdStatus, type Cscs } from './ussd.js';
