// The API client: every request same-origin with the session cookie, JSON in and out, and the
// CSRF token (from login, signup or GET /me) on every request that is not GET or HEAD.

let csrf = null;

export function setCsrf(token) {
  csrf = token || null;
}

export class ApiError extends Error {
  constructor(status, message, body) {
    super(message);
    this.status = status;
    this.body = body;
  }
}

// api(method, path, body?, {headers, signal, raw}) -> parsed JSON (raw: {status, data, headers}).
// Throws ApiError: status 0 for a network failure, else the HTTP status with the API's "error".
export async function api(method, path, body, opts = {}) {
  const headers = { Accept: 'application/json', ...(opts.headers || {}) };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && method !== 'HEAD' && csrf) headers['X-CSRF-Token'] = csrf;
  let resp;
  try {
    resp = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      cache: 'no-store',
      signal: opts.signal,
    });
  } catch (e) {
    if (e && e.name === 'AbortError') throw e;
    throw new ApiError(0, `The server cannot be reached (${e && e.message ? e.message : e}).`);
  }
  let data = null;
  const text = resp.status === 204 || resp.status === 304 ? '' : await resp.text();
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = null;
    }
  }
  if (opts.raw) {
    if (!resp.ok && resp.status !== 304) throw fail(resp, data);
    return { status: resp.status, data, headers: resp.headers };
  }
  if (!resp.ok) throw fail(resp, data);
  return data;
}

function fail(resp, data) {
  const msg = data && typeof data.error === 'string' ? data.error : `${resp.status} ${resp.statusText}`;
  return new ApiError(resp.status, msg, data);
}

export const get = (path, opts) => api('GET', path, undefined, opts);
export const post = (path, body, opts) => api('POST', path, body === undefined ? {} : body, opts);
