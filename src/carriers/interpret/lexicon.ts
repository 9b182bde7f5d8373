/**
 * What words mean in carrier texts, by concept. Phrases are folded words (see fold.ts: lower case,
 * Latin, no accents; Cyrillic transliterated) separated by spaces; a word ending in `*` matches any
 * word it begins. Punctuation inside a sentence is skipped, so "top up" also matches "Top-up".
 *
 * The words come from public carrier texts (test/vectors/carrier-texts.ts) and from the languages'
 * ordinary vocabulary for the same ideas, not from one carrier's sentences.
 */
export type Concept =
  // the role of the amount or date that follows
  | 'balance' | 'added' | 'other' | 'main' | 'price' | 'validity'
  // what happened
  | 'success' | 'credited' | 'fail' | 'neg' | 'invalid' | 'already' | 'used' | 'expired' | 'notexist'
  | 'codeNoun' | 'menuNoun' | 'attempt' | 'max' | 'blocked' | 'unavailable' | 'try' | 'later'
  | 'cannot' | 'pending' | 'zero'
  // "increased by", "um": the figure that follows is what changed, not where it stands
  | 'by';

export const LEXICON: Record<Concept, string[]> = {
  balance: [
    'balance*', 'bal', 'credit', 'credits', 'unused credit', 'remaining credit', 'kredit*', 'kredyt*',
    'balans*', 'nalichnost*', 'obshta suma', 'smetka*', 'ostatok*', 'na schetu', 'na rahunku', 'rahunok', 'schet*',
    'saldo*', 'sisa', 'pulsa', 'tk chinh', 'tai khoan', 'solde', 'guthaben*', 'kontostand', 'tegoed*', 'stan konta',
    'stan', 'egyenleg*', 'pozostalo', 'remaining', 'available', 'avail', 'left', 'reste', 'restant*', 'disponible*',
    'raseed', 'رصيد*', 'رصيدك', 'restul', 'bakiye*', 'fahana', 'volanao', 'your credit is', 'credit is',
  ],
  added: [
    'top up', 'topup', 'top ups', 'recharge', 'recharges', 'reload*', 'refill*', 'load', 'prezarejdane', 'zarejdane',
    'popolnenie', 'popovnennya', 'recarga', 'recargas', 'isi ulang', 'aufladung', 'doladowanie', 'feltoltes',
    'amount', 'montant', 'monto', 'isi ulang pulsa',
  ],
  credited: [
    'recharged', 'credited', 'loaded', 'topped up', 'topped', 'has been added', 'have been added', 'added',
    'you have received', 'zaredihte', 'zareden*', 'prezareden*', 'popolnen', 'popolnen*', 'zachislen*',
    'zachisleno', 'popovnen*', 'zarahovan*', 'recargaste', 'recargado', 'recargada', 'recarregou', 'recarregado',
    'ete recharge*', 'ete credite*', 'credite', 'voafahana', 'aufgeladen', 'gutgeschrieben', 'doladowan*', 'feltoltott',
    'isi ulang berhasil', 'prezaredih*', 'zaredih*', 'popalnih*', 'popalnen*',
  ],
  other: [
    'bonus*', 'promo*', 'promocyj*', 'gift*', 'geschenk*', 'free', 'bezplatn*', 'besplatn*', 'extra', 'data', 'internet',
    'sms', 'minute*', 'minuti', 'min', 'mins', 'bundle*', 'kuota', 'quota', 'voice', 'onnet', 'offnet', 'points',
    'loyalty', 'loan', 'advance', 'debt', 'owe*', 'dodatkowo', 'additional', 'adicional', 'offer', 'package', 'paket*',
    'dolg', 'zadalzhenie', 'consumo', 'verbrauch', 'usage',
  ],
  main: ['main', 'principal*', 'glavn*', 'glownego', 'osnovn*', 'chinh', 'core'],
  price: [
    'cost*', 'charge*', 'fee', 'fees', 'price', 'per', 'tariff', 'tarif', 'renew*', 'costo', 'precio', 'harga', 'seharga',
    'tsena', 'struva',
  ],
  validity: [
    'valid*', 'validity', 'validnost*', 'validen', 'validna', 'do', 'until', 'till', 'expir*', 'exp', 'expires on',
    'active until', 'aktif', 'aktif sd', 'aktif s d', 's d', 'sd', 'sampai', 'berlaku*', 'masa aktif', 'wazne*',
    'waznosc*', 'gultig*', 'gueltig*', 'valable*', 'valables', 'jusqu*', 'vence*', 'vigencia', 'hasta', 'ate', 'platnost*',
    'deystvitel*', 'diysn*', 'srok*', 'الصلاحي*', 'صالح*', 'dejstvitelen', 'izticha', 'istica', 'lejar*', 'scadenza',
  ],
  success: [
    'successful*', 'successfully', 'success', 'succeeded', 'uspeshn*', 'uspeshen', 'uspishn*', 'uspeh', 'udachn*',
    'exitos*', 'exito', 'berhasil', 'sukses', 'erfolgreich*', 'reussi*', 'effectue*', 'realizad*', 'concluid*',
    'sucesso', 'thanh cong', 'completed', 'confirmed',
  ],
  fail: [
    'failed', 'fail', 'failure', 'unsuccessful', 'neuspeshn*', 'neuspeh', 'neudachn*', 'ne udalos', 'ne vdalosya',
    'gagal', 'fallid*', 'fallo', 'echou*', 'echec', 'fehlgeschlagen', 'nieudan*', 'declined', 'rejected', 'refused',
    'otkazan*', 'otklonen*', 'rechazad*', 'rejete*', 'abgelehnt', 'ditolak', 'not completed', 'could not be completed', 'no se pudo',
    'no fue posible', 'nao foi possivel',
  ],
  neg: ['not', 'no', 'ne', 'nie', 'tidak', 'nao', 'pas', 'kein*', 'nicht', 'niet', 'ni', 'non', 'nem', 'tsy', 'nu'],
  invalid: [
    'invalid*', 'not valid', 'nevaliden', 'nevalid*', 'nevyar*', 'nevern*', 'nevirn*', 'greshen', 'greshn*',
    'wrong', 'incorrect*', 'incorect*', 'nepravil*', 'nedeystvitel*', 'nediysn*', 'invalido', 'invalida', 'invalide',
    'ungultig*', 'ungueltig*', 'falsch*', 'nieprawidlow*', 'niepoprawn*', 'tidak valid', 'salah', 'erroneo', 'errado',
    'manankery', 'neplatn*', 'hibas', 'gresit',
  ],
  already: ['already', 'veche', 'uzhe', 'vzhe', 'deja', 'ya', 'bereits', 'schon', 'sudah', 'telah', 'juz', 'efa', 'ja'],
  used: [
    'used', 'redeemed', 'izpolzvan*', 'ispolzovan*', 'vykorystan*', 'utilis*', 'utiliz*', 'usad*', 'usada', 'usado',
    'digunakan', 'dipakai', 'verwendet', 'benutzt', 'eingelost', 'wykorzystan*', 'niasa', 'pouzit*', 'felhasznalt',
  ],
  expired: ['expired', 'expiree', 'istekl*', 'izteklo', 'iztekla', 'istek*', 'vencid*', 'abgelaufen', 'kadaluarsa', 'lany andro', 'prosrochen*', 'pereterminov*'],
  notexist: ['does not exist', 'not exist', 'not found', 'ne sashtestvuva', 'ne sushchestvuet', 'no existe', 'n existe pas', 'existe pas', 'tidak ditemukan', 'existiert nicht', 'nie istnieje', 'not recognized', 'not recognised', 'unknown'],
  codeNoun: [
    'code', 'codes', 'kod*', 'pin', 'pins', 'voucher*', 'vaucher*', 'card', 'cards', 'karta', 'karti', 'kartata', 'kartu',
    'karte', 'carte', 'tarjeta', 'cartao', 'kartica', 'serial', 'scratch', 'kaodi*', 'karatra', 'secret', 'number',
    'nomer', 'numer', 'numero', 'codigo', 'kodu', 'bon', 'ticket', 'coupon', 'e pin', 'epin', 'recharge',
  ],
  menuNoun: ['choice', 'option', 'options', 'selection', 'input', 'entry', 'mmi', 'command', 'menu', 'opcion', 'choix', 'izbor', 'vybor', 'auswahl', 'pilihan', 'wybor'],
  attempt: [
    'attempt*', 'tries', 'retries', 'retry', 'tentative*', 'intento*', 'tentativ*', 'opit*', 'opita', 'popytk*', 'popytok',
    'sprob*', 'versuch*', 'percobaan', 'essai*', 'pokus*', 'incercari', 'deneme', 'times',
  ],
  max: [
    'max', 'maximum', 'max*', 'maksim*', 'too many', 'exceed*', 'reached', 'limit*', 'dostign*', 'dostigna*', 'prevysh*',
    'perevyshch*', 'dosyagnut*', 'slishkom mnogo', 'zanadto bagato', 'demasiad*', 'trop', 'zu viele', 'batas', 'atteint',
    'alcanzado', 'przekroczon*', 'osiagnieto',
  ],
  blocked: [
    'blocked', 'blokiran*', 'blokirana', 'zablokirovan*', 'zablokovan*', 'blokovan*', 'bloque*', 'bloquead*', 'barred',
    'gesperrt', 'diblokir', 'suspendu*', 'suspended', 'suspendid*', 'zablokowan*', 'letiltva', 'nahato',
  ],
  unavailable: [
    'unavailable', 'not available', 'nedostap*', 'ne e dostap*', 'nedostupn*', 'nedostupen', 'nedostupna', 'ne dostupn*',
    'indisponible', 'no disponible', 'no esta disponible', 'nicht verfugbar', 'nicht verfuegbar', 'tidak tersedia',
    'niedostepn*', 'maintenance', 'wartung*', 'wartungsarbeiten', 'system error', 'system busy', 'busy', 'network error',
    'service error', 'technical error', 'technical problem*', 'tehnichesk*', 'tehnichesk* problem*', 'temporar*',
    'vremenno', 'timchasovo', 'connection problem', 'out of service', 'congestion', 'timeout', 'time out', 'error',
    'greska', 'erreur', 'fehler',
  ],
  try: ['try', 'retry', 'coba', 'intente', 'intenta', 'reintente', 'opitaite', 'opitayte', 'opitaj*', 'poprobuyte', 'sprobuyte', 'versuche', 'versuchen', 'essayez', 'reessayez', 'tente', 'sprobuj', 'incercati'],
  later: [
    'later', 'po kasno', 'po kusno', 'pozzhe', 'piznishe', 'mas tarde', 'plus tard', 'spater', 'spaeter', 'nanti',
    'beberapa saat lagi', 'saat lagi', 'mais tarde', 'pozniej', 'in a while', 'in a few minutes', 'shortly',
  ],
  cannot: [
    'cannot be processed', 'could not be processed', 'unable to process', 'cannot process', 'can not be processed',
    'tidak dapat', 'no puede ser tramitada', 'no puede ser procesada', 'nicht bearbeiten', 'ne mozhet byt obrabotan*',
    'ne mozhe da bade obrabotena', 'unable to complete', 'not be completed', 'not possible', 'impossible', 'nevazmozhno',
    'nevozmozhno', 'no es posible', 'nicht moglich', 'nicht moeglich',
  ],
  pending: [
    'will receive', 'you will get', 'will be notified', 'shall receive', 'shte poluchite', 'shte bade', 'poluchite',
    'otrimaete', 'being processed', 'in progress', 'en cours', 'traitement', 'procesando', 'en proceso', 'zayavkata',
    'priyeta', 'prinyat*', 'accepted', 'received the request', 'received your request', 'please wait', 'request is being',
    'wird bearbeitet', 'bearbeitung',
  ],
  zero: ['zero', 'cero', 'nula', 'nol', 'nul', 'nulya'],
  by: ['by', 'um', 'increased by', 'erhoht um', 'augmente de', 'aumentado en', 'uvelichen na', 'uvelichen*', 'na summu'],
};
