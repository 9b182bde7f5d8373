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
  // "Il vous reste 500 Ar a rembourser": the figure is owed, not held
  | 'debt'
  // "Transfert de 1 000 Ar pour le 034…": the figure went to another number
  | 'sentTo'
  // "increased by", "um": the figure that follows is what changed, not where it stands
  | 'by'
  // "must be less than 500 Ar", "between 500 Ar and 200 000 Ar": a condition's bound, not a figure held
  | 'bound';

export const LEXICON: Record<Concept, string[]> = {
  balance: [
    'credito*', 'credito residuo', 'saldo disponivel', 'kalan', 'bakiyen*', 'soldul', 'creditul', 'credit disponibil', 'الرصيد', 'zalishok*', 'sisa saldo', 'pulsa anda', 'ostanalo', 'nalichnostta',
    'zalyshok*', 'balance*', 'bal', 'credit', 'credits', 'unused credit', 'remaining credit', 'kredit*', 'kredyt*',
    'balans*', 'nalichnost*', 'obshta suma', 'smetka*', 'ostatok*', 'na schetu', 'na rahunku', 'rahunok', 'schet*',
    'saldo*', 'sisa', 'pulsa', 'tk chinh', 'tai khoan', 'solde', 'guthaben*', 'kontostand', 'tegoed*', 'stan konta',
    'stan', 'egyenleg*', 'pozostalo', 'remaining', 'available', 'avail', 'left', 'reste', 'restant*', 'disponible*',
    'raseed', 'رصيد*', 'رصيدك', 'restul', 'bakiye*', 'fahana', 'volanao', 'your credit is', 'credit is',
  ],
  added: [
    'pengisian pulsa', 'pengisian saldo',
    'بمبلغ', 'مبلغ', 'kwota', 'importo', 'montante', 'tutar*', 'suma', 'suma de', 'valoare',
    'ricarica', 'ricariche', 'reincarcare', 'reincarcari', 'yukleme', 'kontor yukleme', 'pengisian', 'شحن', 'تعبئة', 'prezarezhdane', 'zarezhdane', 'popovnennya rahunku', 'rechargement', 'amount of',
    'top up', 'topup', 'top ups', 'recharge', 'recharges', 'reload*', 'refill*', 'load', 'prezarejdane', 'zarejdane',
    'popolnenie', 'popovnennya', 'recarga', 'recargas', 'isi ulang', 'aufladung', 'doladowanie', 'feltoltes',
    'amount', 'montant', 'monto', 'isi ulang pulsa',
  ],
  credited: [
    'ricaricat*', 'reincarcat*', 'alimentat*', 'yuklendi', 'yuklenmistir', 'تم شحن', 'تم تعبئة', 'تمت تعبئة', 'acreditad*', 'abonad*', 'creditad*', 'recarregad*', 'prezaredena', 'prezaredeno', 'zaredena', 'zaredeno', 'popovneno', 'zarakhovano', 'doladowano', 'berhasil diisi', 'telah diisi', 'you have recharged', 'has been recharged', 'have been credited', 'has been credited',
    'recharged', 'credited', 'loaded', 'topped up', 'topped', 'has been added', 'have been added', 'added',
    'you have received', 'zaredihte', 'zareden*', 'prezareden*', 'popolnen', 'popolnen*', 'zachislen*',
    'zachisleno', 'popovnen*', 'zarahovan*', 'recargaste', 'recargado', 'recargada', 'recarregou', 'recarregado',
    'ete recharge*', 'ete credite*', 'credite', 'voafahana', 'aufgeladen', 'gutgeschrieben', 'doladowan*', 'feltoltott',
    'isi ulang berhasil', 'prezaredih*', 'zaredih*', 'popalnih*', 'popalnen*',
    'received', 'has received', 'you received', 'avez recu', 'vous avez recu', 'approvisionn*', 'venez de recharger',
    'venez de recevoir', 'transferred from', 'was transferred from', 'has recibido', 'recibiste', 'recebeu', 'recebido',
  ],
  other: [
    'bonus*', 'promo*', 'promocyj*', 'gift*', 'geschenk*', 'free', 'bezplatn*', 'besplatn*', 'extra', 'data', 'internet',
    'sms', 'minute*', 'minuti', 'min', 'mins', 'bundle*', 'kuota', 'quota', 'voice', 'onnet', 'offnet', 'points',
    'loyalty', 'loan', 'advance', 'debt', 'owe*', 'dodatkowo', 'additional', 'adicional', 'offer', 'package', 'paket*',
    'dolg', 'zadalzhenie', 'consumo', 'verbrauch', 'usage',
  ],
  main: ['main', 'principal*', 'glavn*', 'glownego', 'osnovn*', 'chinh', 'core'],
  price: [
    'frais', 'tarifa', 'ucret*', 'pret', 'costul', 'sarany', 'سعر', 'تكلفة',
    'cost*', 'charge*', 'fee', 'fees', 'price', 'per', 'tariff', 'tarif', 'renew*', 'costo', 'precio', 'harga', 'seharga',
    'tsena', 'struva', 'commission*', 'komisyon*', 'comision*', 'comissao', 'vat', 'tva', 'taxe', 'taxes',
  ],
  validity: [
    'active before', 'line active', 'activa hasta', 'vigente*', 'vigencia hasta', 'valido hasta', 'valida hasta', 'valido ate', 'valida ate', 'validade', 'valabil*', 'pana la', 'fino al', 'valido fino', 'gecerli*', 'gecerlilik', 'tarihine kadar', 'son kullanma', 'berlaku hingga', 'aktif hingga', 'masa berlaku', 'صالح حتى', 'صالحة حتى', 'ينتهي', 'تنتهي', 'تاريخ الانتهاء', 'صلاحية', 'deystvitelna', 'diysnyi do',
    'valid*', 'validity', 'validnost*', 'validen', 'validna', 'do', 'until', 'till', 'expir*', 'exp', 'expires on',
    'active until', 'aktif', 'aktif sd', 'aktif s d', 's d', 'sd', 'sampai', 'berlaku*', 'masa aktif', 'wazne*',
    'waznosc*', 'geldig*', 'gultig*', 'gueltig*', 'valable*', 'valables', 'jusqu*', 'vence*', 'vigencia', 'hasta', 'ate', 'platnost*',
    'deystvitel*', 'diysn*', 'srok*', 'الصلاحي*', 'صالح*', 'dejstvitelen', 'izticha', 'istica', 'lejar*', 'scadenza',
  ],
  success: [
    'tontosa', 'efetuad*', 'feito com sucesso', 'effettuat*', 'avvenut*', 'successo', 'succes', 'cu succes', 'basari*', 'basariyla', 'بنجاح', 'تمت العملية', 'pomyslnie', 'sikeres*', 'sikeresen',
    'successful*', 'successfully', 'success', 'succeeded', 'uspeshn*', 'uspeshen', 'uspishn*', 'uspeh', 'udachn*',
    'exitos*', 'exito', 'berhasil', 'sukses', 'erfolgreich*', 'reussi*', 'effectue*', 'realizad*', 'concluid*',
    'sucesso', 'thanh cong', 'completed', 'confirmed',
  ],
  fail: [
    'pas abouti', 'n a pas abouti', 'falhou', 'nao foi concluid*', 'non riuscit*', 'fallit*', 'esuat*', 'nereusit*', 'basarisiz', 'فشل', 'فشلت', 'لم تتم', 'tidak berhasil', 'sikertelen',
    'failed', 'fail', 'failure', 'unsuccessful', 'neuspeshn*', 'neuspeh', 'neudachn*', 'ne udalos', 'ne vdalosya',
    'gagal', 'fallid*', 'fallo', 'echou*', 'echec', 'fehlgeschlagen', 'nieudan*', 'declined', 'rejected', 'refused',
    'otkazan*', 'otklonen*', 'rechazad*', 'rejete*', 'abgelehnt', 'ditolak', 'not completed', 'could not be completed', 'no se pudo',
    'no fue posible', 'nao foi possivel',
  ],
  neg: ['not', 'no', 'ne', 'nie', 'tidak', 'nao', 'pas', 'kein*', 'nicht', 'niet', 'ni', 'non', 'nem', 'tsy', 'nu'],
  invalid: [
    'non valido', 'non valida', 'errato', 'errata', 'gecersiz', 'hatali', 'غير صحيح', 'غير صالح', 'خاطئ', 'neispravn*', 'invalid code',
    'invalid*', 'not valid', 'nevaliden', 'nevalid*', 'nevyar*', 'nevern*', 'nevirn*', 'greshen', 'greshn*',
    'wrong', 'incorrect*', 'incorect*', 'nepravil*', 'nedeystvitel*', 'nediysn*', 'invalido', 'invalida', 'invalide',
    'ungultig*', 'ungueltig*', 'falsch*', 'nieprawidlow*', 'niepoprawn*', 'tidak valid', 'salah', 'erroneo', 'errado',
    'manankery', 'neplatn*', 'hibas', 'gresit',
  ],
  already: ['gia', 'daha once', 'zaten', 'مسبقا', 'سابقا', 'already', 'veche', 'uzhe', 'vzhe', 'deja', 'ya', 'bereits', 'schon', 'sudah', 'telah', 'juz', 'efa', 'ja'],
  used: [
    'utilizzat*', 'usat*', 'folosit*', 'kullanilmis*', 'kullanildi', 'مستخدم', 'استخدام', 'تم استخدامه', 'terpakai',
    'used', 'redeemed', 'izpolzvan*', 'ispolzovan*', 'vykorystan*', 'utilis*', 'utiliz*', 'usad*', 'usada', 'usado',
    'digunakan', 'dipakai', 'verwendet', 'benutzt', 'eingelost', 'wykorzystan*', 'niasa', 'pouzit*', 'felhasznalt',
  ],
  expired: ['scadut*', 'expirat*', 'suresi dolmus', 'منتهي', 'منتهية', 'انتهت صلاحية', 'expired', 'expiree', 'istekl*', 'izteklo', 'iztekla', 'istek*', 'vencid*', 'abgelaufen', 'kadaluarsa', 'lany andro', 'prosrochen*', 'pereterminov*'],
  notexist: ['does not exist', 'not exist', 'not found', 'ne sashtestvuva', 'ne sushchestvuet', 'no existe', 'n existe pas', 'existe pas', 'tidak ditemukan', 'existiert nicht', 'nie istnieje', 'not recognized', 'not recognised', 'unknown'],
  codeNoun: [
    'code', 'codes', 'kod*', 'pin', 'pins', 'voucher*', 'vaucher*', 'card', 'cards', 'karta', 'karti', 'kartata', 'kartu',
    'karte', 'carte', 'tarjeta', 'cartao', 'kartica', 'serial', 'scratch', 'kaodi*', 'karatra', 'secret', 'number',
    'nomer', 'numer', 'numero', 'codigo', 'kodu', 'bon', 'ticket', 'coupon', 'e pin', 'epin', 'recharge',
  ],
  menuNoun: ['choice', 'option', 'options', 'selection', 'input', 'entry', 'mmi', 'command', 'menu', 'opcion', 'choix', 'izbor', 'vybor', 'auswahl', 'pilihan', 'wybor'],
  attempt: [
    'محاولات', 'محاولة', 'hakkiniz', 'proby', 'prob',
    'attempt*', 'tries', 'retries', 'retry', 'tentative*', 'intento*', 'tentativ*', 'opit*', 'opita', 'popytk*', 'popytok',
    'sprob*', 'versuch*', 'percobaan', 'essai*', 'pokus*', 'incercari', 'deneme', 'times',
  ],
  max: [
    'asildi', 'asti', 'الحد الاقصى', 'تجاوزت', 'depasit',
    'max', 'maximum', 'max*', 'maksim*', 'too many', 'exceed*', 'reached', 'limit*', 'dostign*', 'dostigna*', 'prevysh*',
    'perevyshch*', 'dosyagnut*', 'slishkom mnogo', 'zanadto bagato', 'demasiad*', 'trop', 'zu viele', 'batas', 'atteint',
    'alcanzado', 'przekroczon*', 'osiagnieto',
  ],
  blocked: [
    'bloccat*', 'blocat*', 'bloke', 'engellendi', 'محظور', 'موقوف',
    'blocked', 'blokiran*', 'blokirana', 'zablokirovan*', 'zablokovan*', 'blokovan*', 'bloque*', 'bloquead*', 'barred',
    'gesperrt', 'diblokir', 'suspendu*', 'suspended', 'suspendid*', 'zablokowan*', 'letiltva', 'nahato',
  ],
  unavailable: [
    'indisponivel', 'non disponibile', 'momentaneamente', 'indisponibil*', 'hizmet veremiyor', 'gangguan', 'غير متاح', 'غير متوفرة', 'عطل',
    'unavailable', 'not available', 'nedostap*', 'ne e dostap*', 'nedostupn*', 'nedostupen', 'nedostupna', 'ne dostupn*',
    'indisponible', 'no disponible', 'no esta disponible', 'nicht verfugbar', 'nicht verfuegbar', 'tidak tersedia',
    'niedostepn*', 'maintenance', 'wartung*', 'wartungsarbeiten', 'system error', 'system busy', 'busy', 'network error',
    'service error', 'technical error', 'technical problem*', 'tehnichesk*', 'tehnichesk* problem*', 'temporar*',
    'vremenno', 'timchasovo', 'connection problem', 'out of service', 'congestion', 'timeout', 'time out', 'error',
    'greska', 'erreur', 'fehler',
  ],
  try: ['riprova*', 'riprovare', 'deneyin', 'deneyiniz', 'حاول', 'يرجى المحاولة', 'reincercati', 'try', 'retry', 'coba', 'intente', 'intenta', 'reintente', 'opitaite', 'opitayte', 'opitaj*', 'poprobuyte', 'sprobuyte', 'versuche', 'versuchen', 'essayez', 'reessayez', 'tente', 'sprobuj', 'incercati'],
  later: [
    'piu tardi', 'mai tarziu', 'daha sonra', 'لاحقا', 'kemudian',
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
  by: ['bakiyenize', 'hesabiniza', 'by', 'um', 'increased by', 'erhoht um', 'augmente de', 'aumentado en', 'uvelichen na', 'uvelichen*', 'na summu'],
  debt: [
    'rembourser', 'a rembourser', 'repay', 'to repay', 'owe*', 'owing', 'debt', 'loan', 'dolg', 'zadalzhenie', 'zaborgovanist',
    'halohanao', 'please pay', 'payer', 'a payer', 'deuda', 'divida', 'borc*', 'datorie', 'debito residuo', 'ديون', 'دين',
  ],
  sentTo: ['pour le', 'vers le', 'vers le numero', 'ho an ny', 'al numero', 'para el numero', 'para o numero', 'envoyee au', 'envoye au', 'envoyee a', 'sent to'],
  bound: [
    'inferieur*', 'superieur*', 'less than', 'more than', 'lower than', 'higher than', 'at least', 'at most', 'entre', 'between',
    'au moins', 'moins de', 'plus de', 'weniger als', 'mehr als', 'mindestens', 'menos de', 'mas de', 'mayor que', 'menor que',
    'minimo', 'minimum', 'latsaky', 'mihoatra',
  ],
};
