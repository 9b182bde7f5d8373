import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';

// fastify's inject (light-my-request) encodes request cookies with the `cookie` package; package.json
// pins it to 1.x, whose engines include Node 20 (cookie 2 wants Node 22) and which has the
// stringifySetCookie({ name, value }) form light-my-request calls.
describe('fastify inject with the cookie package pinned for Node 20', () => {
  it('injectSendsTheCookiesItIsGiven', async () => {
    const app = Fastify();
    app.get('/echo', async (request) => ({ cookie: request.headers.cookie ?? null }));
    try {
      const response = await app.inject({ method: 'GET', url: '/echo', cookies: { session: 'a b', lang: 'bg' } });
      expect(response.json()).toEqual({ cookie: 'session=a%20b; lang=bg' });
    } finally {
      await app.close();
    }
  });
});
