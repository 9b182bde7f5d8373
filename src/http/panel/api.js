// The box's HTTP API as the panel's pages call it: the token on every request, JSON (or CSV) both
// ways, the API's error message as the error. `refused` runs when the box turns the token down.

/** An error the API answered: its message, its code, and the bad lines of a refused batch. */
export class ApiError extends Error {
  constructor(message, code, problems) {
    super(message);
    this.code = code;
    this.problems = problems || [];
  }
}

async function call(token, method, url, body, refused, type) {
  const headers = { authorization: `Bearer ${token}` };
  if (body !== undefined) headers['content-type'] = type;
  const response = await fetch(url, { method, headers, body: body === undefined ? undefined : type === 'application/json' ? JSON.stringify(body) : body });
  const text = await response.text();
  const json = response.headers.get('content-type')?.startsWith('application/json') && text ? JSON.parse(text) : null;
  if (response.status === 401) {
    refused();
    throw new ApiError('the token was refused', 'unauthorized');
  }
  if (!response.ok) throw new ApiError(json && json.error ? json.error.message : `HTTP ${response.status}`, json && json.error ? json.error.code : 'http', json && json.error ? json.error.problems : []);
  return json ?? text;
}

/** A JSON call: the body as JSON, the answer parsed. */
export const boxApi = (token, method, url, body, refused) => call(token, method, url, body, refused, 'application/json');

/** A CSV body (an import); the answer as the API gives it. */
export const boxCsv = (token, url, csv, refused) => call(token, 'POST', url, csv, refused, 'text/csv');
