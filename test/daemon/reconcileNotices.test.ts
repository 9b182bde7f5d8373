import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type Config } from '../../src/config/schema.js';
import { reconcileOnLine, tellReleased } from '../../src/daemon/reconcile-notices.js';
import { RuntimeSettings } from '../../src/daemon/settings.js';
import { silentLogger } from '../../src/log/logger.js';
import { Store } from '../../src/store/store.js';
import { carriers, IMSI } from '../helpers/recharge-setup.js';
import { tmpDir } from '../helpers/tmp.js';

const MASKED = '***********8127';
const ROUTE = { line: 'main', countryCode: '359' };
/** A phone that chose Bulgarian (kept by its canonical number) and one that chose nothing. */
const CHOSE_BG = '0888123456';
const CHOSE_NOTHING = '0888654321';

let store: Store | null = null;
afterEach(() => {
  store?.close();
  store = null;
});

/** A box whose own language is `language`, with one recharge per requester cut short by a restart (its code sent or not). */
function restarted(language: Config['language'], script: Config['bulgarianScript'], written: boolean) {
  store = Store.open(path.join(tmpDir(), 'gsmkeeper.db'));
  const settings = new RuntimeSettings(store, { ...DEFAULT_CONFIG, language, bulgarianScript: script });
  settings.setLanguageOf('+359888123456', 'bg');
  const commands = [CHOSE_BG, CHOSE_NOTHING].map((sender) => {
    const command = store!.commands.recordSms('main', { sender, sentAt: null, text: `*123456 CREDIT 804079387408127 ${sender}`, pdu: null })!;
    const id = store!.recharges.begin({ line: 'main', imsi: IMSI, carrier: 'vivacom', codeHash: `hash-${sender}`, codeMasked: MASKED, commandId: command.id, requestedBy: sender });
    if (written) store!.recharges.markWritten(id);
    return command.id;
  });
  const interrupted = store.recharges.markInterrupted();
  const told = () => commands.map((id) => store!.commands.get(id)!.reply);
  const texted = () => store!.db.prepare('SELECT recipient, text FROM outbox ORDER BY id').all();
  return { settings, interrupted, told, texted };
}

describe('a recharge cut short by a restart is told to its requester in the language it chose', () => {
  it('aReleasedCardIsToldInThePhonesOwnLanguageAndTheOthersInTheBoxs', async () => {
    const { settings, interrupted, told, texted } = restarted('en', 'latin', false);
    tellReleased(store!, interrupted.released, settings, silentLogger(), () => ROUTE);
    const [bulgarian, english] = told();
    // Texted: Bulgarian in the box's reply script (Latin letters here), the card masked.
    expect(bulgarian).toBe(`Zarezhdaneto s karta ${MASKED} beshe prekasnato ot restart predi nabiraneto; kartata ne e izpolzvana. Izpratete ya otnovo.`);
    expect(english).toBe(`Recharge with card ${MASKED} was interrupted by a restart before it was dialled; the card was not used. Send it again to retry.`);
    expect(texted()).toEqual([{ recipient: CHOSE_BG, text: bulgarian }, { recipient: CHOSE_NOTHING, text: english }]);
  });

  it('anUnknownOutcomeIsToldInThePhonesOwnLanguageInCyrillicWhenThatIsTheScript', async () => {
    const { settings, interrupted, told } = restarted('en', 'cyrillic', true);
    expect(interrupted.unknown).toHaveLength(2);
    // Vivacom publishes no balance code: the outcome stays unknown, and each requester hears so.
    const nothingDialled = async (): Promise<never> => {
      throw new Error('nothing is dialled without a balance code');
    };
    await reconcileOnLine(store!, { ussd: nothingDialled, ussdMenu: nothingDialled }, { imsi: IMSI, profile: carriers.forImsi(IMSI), balanceUssd: null }, settings, silentLogger(), ROUTE);
    const [bulgarian, english] = told();
    expect(bulgarian).toMatch(new RegExp(`^Зареждането с карта \\*{11}8127 беше прекъснато от рестарт; резултатът е неизвестен\\. Няма да бъде набрана отново\\.`));
    expect(english).toMatch(/^Recharge with card \*{11}8127 was interrupted by a restart; the outcome is unknown \(no balance code is known for this carrier\)\./);
  });

  it('aBoxInBulgarianTellsAPhoneThatChoseNothingInBulgarian', async () => {
    const { settings, interrupted, told } = restarted('bg', 'latin', false);
    tellReleased(store!, interrupted.released, settings, silentLogger(), () => ROUTE);
    for (const text of told()) expect(text).toMatch(/^Zarezhdaneto s karta \*{11}8127 beshe prekasnato ot restart/);
  });
});
