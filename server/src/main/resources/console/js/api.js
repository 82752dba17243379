// The management API as the signed-in caller: the same endpoints, and the same authorisation, as any client.
import { token, signOut } from './session.js';

const ROOT = '/api/v1';

export class ApiError extends Error {
  constructor(status, message, code) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
  }
}

function url(path, query) {
  const target = new URL(path, location.origin);
  for (const [name, value] of Object.entries(query || {})) {
    if (value !== undefined && value !== null && value !== '') target.searchParams.set(name, value);
  }
  return target.pathname + target.search;
}

function headers(body) {
  const out = { Accept: 'application/json', Authorization: `Bearer ${token()}` };
  if (body !== undefined) out['Content-Type'] = 'application/json';
  return out;
}

/** The error in `{"error":{message,type,code}}`, or the status alone; a 401 also signs out. */
async function failure(res) {
  let message = `The gateway answered ${res.status}.`;
  let code = null;
  try {
    const error = (await res.json()).error || {};
    message = error.message || message;
    code = error.code || error.type || null;
  } catch { /* not JSON: keep the status */ }
  if (res.status === 401) signOut();
  return new ApiError(res.status, message, code);
}

async function call(method, path, body, query, root = ROOT) {
  const res = await fetch(url(root + path, query), {
    method,
    headers: headers(body),
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: 'omit',
    cache: 'no-store',
  });
  if (!res.ok) throw await failure(res);
  if (res.status === 204) return null;
  const text = await res.text();
  return text ? JSON.parse(text) : null;
}

/** Reads an SSE body, calling `onEvent` with each `data:` line's JSON (`[DONE]` ends nothing: the body does). */
async function readEvents(body, onEvent) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffered = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffered += value;
    let end;
    while ((end = buffered.indexOf('\n')) >= 0) {
      const line = buffered.slice(0, end).replace(/\r$/, '');
      buffered = buffered.slice(end + 1);
      if (!line.startsWith('data:')) continue;
      const data = line.slice(5).trim();
      if (data && data !== '[DONE]') onEvent(JSON.parse(data));
    }
  }
}

export const api = {
  get: (path, query) => call('GET', path, undefined, query),
  post: (path, body = {}) => call('POST', path, body),
  put: (path, body = {}) => call('PUT', path, body),
  patch: (path, body = {}) => call('PATCH', path, body),
  del: path => call('DELETE', path),
  /** GETs an inference path (absolute, e.g. `/v1/models`): what the signed-in key may call. */
  getInference: (path, query) => call('GET', path, undefined, query, ''),

  /** POSTs `body` to an inference path (absolute, e.g. `/v1/chat/completions`) and streams its events; resolves with the headers. */
  async stream(path, body, onEvent) {
    const res = await fetch(path, {
      method: 'POST',
      headers: { ...headers(body), Accept: 'text/event-stream' },
      body: JSON.stringify(body),
      credentials: 'omit',
      cache: 'no-store',
    });
    if (!res.ok) throw await failure(res);
    await readEvents(res.body, onEvent);
    return res.headers;
  },
};
