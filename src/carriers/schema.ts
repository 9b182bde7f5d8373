/** The shape of /carriers/*.json, validated at start-up with Ajv (JSON Schema draft-07). */
export interface CarrierProfileFile {
  id: string;
  name: string;
  country: string;
  history: string[];
  mccMnc: string[];
  /** Currency assumed when an answer prints a bare number. */
  currency: string;
  recharge: {
    /** USSD template with {code}, or null when this carrier has no known voucher recharge. */
    ussd: string | null;
    codeLengths: number[];
    answerTimeoutSeconds: number;
    /**
     * Where the outcome comes: in the USSD answer, or (also) by SMS from a short number within a
     * wait window. Absent means USSD only.
     */
    answerBySms?: { from: string[]; waitSeconds: number };
    verified: boolean;
    source: string;
  };
  balance: { ussd: string | null; menu?: string[]; verified: boolean; source: string };
  /**
   * Words and phrases of this carrier, layered over the generic reading of carrier texts
   * (src/carriers/interpret): a word ending in `*` matches any word it begins; the outcome phrases
   * win over the generic reading. Most carriers need none.
   */
  answers: {
    success: string[];
    rejected: string[];
    attemptsExceeded: string[];
    unavailable: string[];
    /** Extra labels of the main balance, the amount added and the validity date. */
    balance?: string[];
    added?: string[];
    validity?: string[];
    verified: boolean;
    source: string;
  };
  attemptLimit: {
    /** Wrong codes the carrier tolerates per window before blocking; null when unpublished. */
    carrierLimit: number | null;
    windowHours: number;
    /** How many attempts below the carrier's limit we stop. */
    margin: number;
    verified: boolean;
    source: string;
  };
  /** Whether the carrier retires SIMs without activity, and the billable USSD that counts as activity. */
  keepAlive?: { required: boolean; ussd: string | null; everyDays: number; verified: boolean; source: string };
  /** Texts this carrier sends with how they must read; a profile whose samples misread is refused. */
  samples: Array<{
    text: string;
    kind?: 'topup' | 'balance';
    expect: { outcome: string; added?: string; balance?: string; validUntil?: string };
  }>;
}

const stringList = { type: 'array', items: { type: 'string' } } as const;
/** A phrase: one to six words, letters, digits and the `*` of a stem. */
const phraseList = { type: 'array', items: { type: 'string', minLength: 1, maxLength: 120, pattern: '^\\s*\\S+(?:\\s+\\S+){0,5}\\s*$' } } as const;

export const carrierProfileSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'name', 'country', 'history', 'mccMnc', 'currency', 'recharge', 'balance', 'answers', 'attemptLimit', 'samples'],
  properties: {
    $schema: { type: 'string' },
    id: { type: 'string', pattern: '^[a-z0-9-]+$' },
    name: { type: 'string', minLength: 1 },
    country: { type: 'string' },
    history: stringList,
    mccMnc: { type: 'array', items: { type: 'string', pattern: '^[0-9]{5,6}$' } },
    currency: { type: 'string', pattern: '^[A-Z]{3}$' },
    recharge: {
      type: 'object',
      additionalProperties: false,
      required: ['ussd', 'codeLengths', 'answerTimeoutSeconds', 'verified', 'source'],
      properties: {
        ussd: { type: ['string', 'null'], pattern: '^[0-9*#]*\\{code\\}[0-9*#]*$' },
        codeLengths: { type: 'array', items: { type: 'integer', minimum: 5, maximum: 30 } },
        answerTimeoutSeconds: { type: 'number', minimum: 5, maximum: 300 },
        answerBySms: {
          type: 'object',
          additionalProperties: false,
          required: ['from', 'waitSeconds'],
          properties: {
            from: { type: 'array', minItems: 1, items: { type: 'string', minLength: 1, maxLength: 20 } },
            waitSeconds: { type: 'number', minimum: 1, maximum: 900 },
          },
        },
        verified: { type: 'boolean' },
        source: { type: 'string' },
      },
    },
    balance: {
      type: 'object',
      additionalProperties: false,
      required: ['ussd', 'verified', 'source'],
      properties: {
        ussd: { type: ['string', 'null'], pattern: '^[0-9*#]+$' },
        menu: { type: 'array', items: { type: 'string', pattern: '^[0-9*#]+$' } },
        verified: { type: 'boolean' },
        source: { type: 'string' },
      },
    },
    answers: {
      type: 'object',
      additionalProperties: false,
      required: ['success', 'rejected', 'attemptsExceeded', 'unavailable', 'verified', 'source'],
      properties: {
        success: phraseList,
        rejected: phraseList,
        attemptsExceeded: phraseList,
        unavailable: phraseList,
        balance: phraseList,
        added: phraseList,
        validity: phraseList,
        verified: { type: 'boolean' },
        source: { type: 'string' },
      },
    },
    attemptLimit: {
      type: 'object',
      additionalProperties: false,
      required: ['carrierLimit', 'windowHours', 'margin', 'verified', 'source'],
      properties: {
        carrierLimit: { type: ['integer', 'null'], minimum: 1 },
        windowHours: { type: 'number', minimum: 1 },
        margin: { type: 'integer', minimum: 0 },
        verified: { type: 'boolean' },
        source: { type: 'string' },
      },
    },
    keepAlive: {
      type: 'object',
      additionalProperties: false,
      required: ['required', 'ussd', 'everyDays', 'verified', 'source'],
      properties: {
        required: { type: 'boolean' },
        ussd: { type: ['string', 'null'], pattern: '^[0-9*#]+$' },
        everyDays: { type: 'integer', minimum: 1, maximum: 365 },
        verified: { type: 'boolean' },
        source: { type: 'string' },
      },
    },
    samples: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['text', 'expect'],
        properties: {
          text: { type: 'string' },
          kind: { enum: ['topup', 'balance'] },
          expect: {
            type: 'object',
            additionalProperties: false,
            required: ['outcome'],
            properties: {
              outcome: { enum: ['success', 'rejected', 'attempts-exceeded', 'unavailable', 'balance', 'other'] },
              added: { type: 'string' },
              balance: { type: 'string' },
              validUntil: { type: 'string' },
            },
          },
        },
      },
    },
  },
} as const;
