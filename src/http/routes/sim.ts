import type { FastifyInstance } from 'fastify';

/** The simulator as the HTTP layer sees it (only present when the modem is simulated). */
export interface SimControl {
  sendSmsFromPhone(from: string, text: string): boolean;
  phoneMessages(number: string): Array<{ from: string; text: string; at: string }>;
  unusedVouchers(): Array<{ serial: string; pin: string; amountCents: number; currency: string; expiresOn: string }>;
  stats(): { commands: number; bytesToModem: number; bytesToDte: number; storageUsed: number; queued: number; delivered: number };
}

const PHONE = '^\\+?[0-9]{3,20}$';

/** Endpoints to play the phones and the carrier's shop of the simulated network. */
export function simRoutes(app: FastifyInstance, sim: SimControl): void {
  app.post<{ Body: { from: string; text: string } }>(
    '/api/v1/sim/sms',
    {
      schema: {
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['from', 'text'],
          properties: { from: { type: 'string', pattern: PHONE }, text: { type: 'string', minLength: 1, maxLength: 1530 } },
        },
      },
    },
    async (request, reply) => {
      const stored = sim.sendSmsFromPhone(request.body.from, request.body.text);
      reply.code(202);
      // Not stored yet: the SIM is full and the network holds it until the box deletes a message.
      return { accepted: true, queued: !stored };
    },
  );

  app.get<{ Params: { number: string } }>(
    '/api/v1/sim/phones/:number/messages',
    { schema: { params: { type: 'object', properties: { number: { type: 'string', pattern: PHONE } } } } },
    async (request) => ({ messages: sim.phoneMessages(request.params.number) }),
  );

  app.get('/api/v1/sim/stats', async () => sim.stats());

  app.get('/api/v1/sim/vouchers', async () => ({
    vouchers: sim.unusedVouchers().map((v) => ({ serial: v.serial, pin: v.pin, amount: (v.amountCents / 100).toFixed(2), currency: v.currency, expiresOn: v.expiresOn })),
  }));
}
