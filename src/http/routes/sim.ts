import type { FastifyInstance } from 'fastify';
import { ApiError } from '../errors.js';
import type { SimControl } from '../../sim/control.js';


/** A simulated line's name, as a request names it. */
export const LINE = { type: 'string', pattern: '^[a-z][a-z0-9-]{0,19}$' } as const;

/** The simulator a request names by `line`, or the first; an unknown line is a 404. */
export function simOf(sim: SimControl, line: string | undefined): SimControl {
  if (line === undefined) return sim;
  const one = sim.forLine?.(line);
  if (!one) throw new ApiError(404, 'not_found', `no simulated line "${line}"`);
  return one;
}

const PHONE = '^\\+?[0-9]{3,20}$';

/** Endpoints to play the phones and the carrier's shop of the simulated network. */
export function simRoutes(app: FastifyInstance, sim: SimControl): void {
  app.post<{ Body: { from: string; text: string; line?: string } }>(
    '/api/v1/sim/sms',
    {
      schema: {
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['from', 'text'],
          properties: { from: { type: 'string', pattern: PHONE }, text: { type: 'string', minLength: 1, maxLength: 1530 }, line: LINE },
        },
      },
    },
    async (request, reply) => {
      // A phone texts one line's SIM (`line`), else the first line's.
      const stored = simOf(sim, request.body.line).sendSmsFromPhone(request.body.from, request.body.text);
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

  app.post<{ Body: { from: string; withheld?: boolean; line?: string } }>(
    '/api/v1/sim/calls',
    {
      schema: {
        body: { type: 'object', additionalProperties: false, required: ['from'], properties: { from: { type: 'string', pattern: PHONE }, withheld: { type: 'boolean' }, line: LINE } },
      },
    },
    async (request, reply) => {
      // A phone calls one line's SIM (`line`), else the first line's.
      const target = simOf(sim, request.body.line);
      if (!target.callFromPhone) throw new ApiError(404, 'not_found', 'this simulator takes no calls');
      const ringing = target.callFromPhone(request.body.from, { withheld: request.body.withheld ?? false });
      reply.code(ringing ? 202 : 409);
      return ringing ? { ringing } : { error: { code: 'busy', message: 'the line is busy with another call, or off the network' } };
    },
  );

  app.get<{ Querystring: { number?: string } }>(
    '/api/v1/sim/calls',
    { schema: { querystring: { type: 'object', additionalProperties: false, properties: { number: { type: 'string', pattern: PHONE } } } } },
    async (request) => ({ calls: sim.calls?.(request.query.number) ?? [] }),
  );

  app.post<{ Params: { number: string }; Body: { on: boolean } }>(
    '/api/v1/sim/phones/:number/power',
    {
      schema: {
        params: { type: 'object', properties: { number: { type: 'string', pattern: PHONE } } },
        body: { type: 'object', additionalProperties: false, required: ['on'], properties: { on: { type: 'boolean' } } },
      },
    },
    async (request) => {
      sim.setPhoneReachable(request.params.number, request.body.on);
      return { number: request.params.number, on: request.body.on };
    },
  );

  app.get<{ Querystring: { line?: string } }>('/api/v1/sim/stats', { schema: { querystring: { type: 'object', additionalProperties: false, properties: { line: LINE } } } }, async (request) =>
    simOf(sim, request.query.line).stats());
  app.get('/api/v1/sim/lines', async () => ({ lines: sim.lines?.() ?? [] }));

  app.get<{ Querystring: { line?: string } }>('/api/v1/sim/faults', { schema: { querystring: { type: 'object', additionalProperties: false, properties: { line: LINE } } } }, async (request) => ({
    active: simOf(sim, request.query.line).activeFaults(),
  }));
  app.post<{ Body: { fault: string; on?: boolean; line?: string } }>(
    '/api/v1/sim/faults',
    {
      schema: {
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['fault'],
          properties: { fault: { type: 'string', pattern: '^[a-z-]{2,20}$' }, on: { type: 'boolean' }, line: LINE },
        },
      },
    },
    async (request) => {
      const target = simOf(sim, request.body.line);
      if (!target.fault(request.body.fault, request.body.on ?? true)) throw new ApiError(400, 'bad_request', `unknown fault "${request.body.fault}"`);
      return { active: target.activeFaults() };
    },
  );

  app.get<{ Querystring: { line?: string } }>('/api/v1/sim/vouchers', { schema: { querystring: { type: 'object', additionalProperties: false, properties: { line: LINE } } } }, async (request) => ({
    vouchers: simOf(sim, request.query.line).unusedVouchers().map((v) => ({ serial: v.serial, pin: v.pin, amount: (v.amountCents / 100).toFixed(2), currency: v.currency, expiresOn: v.expiresOn })),
  }));
}
