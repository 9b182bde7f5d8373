/** Who the simulated modem says it is, and which of the optional behaviours its model has. */
export interface ModemProfile {
  manufacturer: string;
  model: string;
  iccid: string;
  msisdn: string;
  operatorName: string;
  /** What AT+CNMI=? advertises (SIM800L style by default: status reports inline only, ds 0,1). */
  cnmiSupport: string;
  rssi: number;
  /** Where a status report is stored with AT+CNMI ds=2: the SIM ("SM", Telit) or a memory of its own ("SR", Huawei). */
  reportMemory: 'SM' | 'SR';
  /** What AT+CPMS=? advertises, when not what the report memory implies (a modem that keeps "SR" unlisted). */
  cpmsSupport?: string;
}

export const DEFAULT_MODEM_PROFILE: ModemProfile = {
  manufacturer: 'gsmkeeper',
  model: 'simulated GSM modem',
  iccid: '8935903000000000017',
  msisdn: '+359881000001',
  operatorName: 'Vivacom',
  cnmiSupport: '+CNMI: (0-3),(0-3),(0,2),(0,1),(0,1)',
  rssi: 21,
  reportMemory: 'SM',
};
