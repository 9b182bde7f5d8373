// The box's HTTP API as the panel's pages call it: the token on every request, JSON both ways,
// the API's error message as the error. `refused` runs when the box turns the token down.
'use strict';

async function boxApi(token, method, url, body, refused) {
  const response = await fetch(url, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  const json = text ? JSON.parse(text) : null;
  if (response.status === 401) {
    refused();
    throw new Error('the token was refused');
  }
  if (!response.ok) throw new Error(json && json.error ? json.error.message : `HTTP ${response.status}`);
  return json;
}
