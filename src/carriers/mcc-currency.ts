/**
 * The currency of the country a SIM belongs to, by its MCC (the first three digits of the IMSI;
 * ITU-T E.212). For a carrier nobody wrote a profile for, it settles what "$", "Rs" or a bare
 * figure mean. Bulgaria (284) uses the euro since 2026-01-01.
 */
const BY_MCC: Record<string, string> = {
  '202': 'EUR', '204': 'EUR', '206': 'EUR', '208': 'EUR', '212': 'EUR', '213': 'EUR', '214': 'EUR', '216': 'HUF',
  '218': 'BAM', '219': 'EUR', '220': 'RSD', '221': 'EUR', '222': 'EUR', '226': 'RON', '228': 'CHF', '230': 'CZK',
  '231': 'EUR', '232': 'EUR', '234': 'GBP', '235': 'GBP', '238': 'DKK', '240': 'SEK', '242': 'NOK', '244': 'EUR',
  '246': 'EUR', '247': 'EUR', '248': 'EUR', '250': 'RUB', '255': 'UAH', '257': 'BYN', '259': 'MDL', '260': 'PLN',
  '262': 'EUR', '266': 'GBP', '268': 'EUR', '270': 'EUR', '272': 'EUR', '274': 'ISK', '276': 'ALL', '278': 'EUR',
  '280': 'EUR', '282': 'GEL', '283': 'AMD', '284': 'EUR', '286': 'TRY', '288': 'DKK', '290': 'DKK', '292': 'EUR',
  '293': 'EUR', '294': 'MKD', '295': 'CHF', '297': 'EUR',
  '302': 'CAD', '310': 'USD', '311': 'USD', '312': 'USD', '313': 'USD', '314': 'USD', '315': 'USD', '316': 'USD',
  '330': 'USD', '334': 'MXN', '338': 'JMD', '342': 'BBD', '344': 'XCD', '352': 'XCD', '356': 'XCD', '358': 'XCD',
  '360': 'XCD', '364': 'BSD', '366': 'XCD', '368': 'CUP', '370': 'DOP', '372': 'HTG', '374': 'TTD',
  '400': 'AZN', '401': 'KZT', '404': 'INR', '405': 'INR', '406': 'INR', '410': 'PKR', '412': 'AFN', '413': 'LKR',
  '414': 'MMK', '415': 'LBP', '416': 'JOD', '417': 'SYP', '418': 'IQD', '419': 'KWD', '420': 'SAR', '421': 'YER',
  '422': 'OMR', '424': 'AED', '425': 'ILS', '426': 'BHD', '427': 'QAR', '428': 'MNT', '429': 'NPR', '430': 'AED',
  '431': 'AED', '432': 'IRR', '434': 'UZS', '436': 'TJS', '437': 'KGS', '438': 'TMT', '440': 'JPY', '441': 'JPY',
  '450': 'KRW', '452': 'VND', '454': 'HKD', '455': 'MOP', '456': 'KHR', '457': 'LAK', '460': 'CNY', '466': 'TWD',
  '470': 'BDT', '472': 'MVR', '502': 'MYR', '505': 'AUD', '510': 'IDR', '514': 'USD', '515': 'PHP', '520': 'THB',
  '525': 'SGD', '528': 'BND', '530': 'NZD', '537': 'PGK', '539': 'TOP', '540': 'SBD', '541': 'VUV', '542': 'FJD',
  '549': 'WST',
  '602': 'EGP', '603': 'DZD', '604': 'MAD', '605': 'TND', '606': 'LYD', '607': 'GMD', '608': 'XOF', '609': 'MRU',
  '610': 'XOF', '611': 'GNF', '612': 'XOF', '613': 'XOF', '614': 'XOF', '615': 'XOF', '616': 'XOF', '617': 'MUR',
  '618': 'LRD', '619': 'SLE', '620': 'GHS', '621': 'NGN', '622': 'XAF', '623': 'XAF', '624': 'XAF', '625': 'CVE',
  '627': 'XAF', '628': 'XAF', '629': 'XAF', '630': 'CDF', '631': 'AOA', '632': 'XOF', '633': 'SCR', '634': 'SDG',
  '635': 'RWF', '636': 'ETB', '637': 'SOS', '638': 'DJF', '639': 'KES', '640': 'TZS', '641': 'UGX', '642': 'BIF',
  '643': 'MZN', '645': 'ZMW', '646': 'MGA', '647': 'EUR', '649': 'NAD', '650': 'MWK', '651': 'LSL', '652': 'BWP',
  '653': 'SZL', '654': 'KMF', '655': 'ZAR', '657': 'ERN', '659': 'SSP',
  '702': 'BZD', '704': 'GTQ', '706': 'USD', '708': 'HNL', '710': 'NIO', '712': 'CRC', '714': 'USD', '716': 'PEN',
  '722': 'ARS', '724': 'BRL', '730': 'CLP', '732': 'COP', '734': 'VES', '736': 'BOB', '738': 'GYD', '740': 'USD',
  '744': 'PYG', '746': 'SRD', '748': 'UYU',
};

/** The currency of the SIM's country from its IMSI (or MCC), or null when unknown. */
export function currencyForImsi(imsi: string): string | null {
  return BY_MCC[imsi.slice(0, 3)] ?? null;
}
