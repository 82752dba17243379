// Who is signed in. The token lives in this page's memory and in sessionStorage (this tab only,
// gone when it closes), never in a cookie, a URL or localStorage.

const KEY = 'keyroute.token';
let current = null;
let cachedMe = null;
const signedOut = new Set();

export function token() {
  if (current === null) current = sessionStorage.getItem(KEY);
  return current;
}

/** The caller as `GET /api/v1/me` answered at sign-in: `{role, user?, workspace?, key?}`. */
export function me() {
  return cachedMe;
}

/** Checks `candidate` against `/api/v1/me`; keeps it only when the gateway accepts it. */
export async function signIn(candidate) {
  const value = String(candidate || '').trim();
  if (!value) throw new Error('Enter the admin token or a Keyroute key.');
  cachedMe = await fetchMe(value);
  current = value;
  sessionStorage.setItem(KEY, value);
  return cachedMe;
}

/** On a reload: the kept token's caller again, or signed out when the gateway no longer accepts it. */
export async function restore() {
  const kept = token();
  if (!kept) return null;
  try {
    cachedMe = await fetchMe(kept);
    return cachedMe;
  } catch (e) {
    signOut();
    throw e;
  }
}

export function signOut() {
  current = null;
  cachedMe = null;
  sessionStorage.clear();
  signedOut.forEach(listener => listener());
}

/** `listener` runs after every sign-out (the button, or a 401 from the API). */
export function onSignOut(listener) {
  signedOut.add(listener);
}

async function fetchMe(value) {
  const res = await fetch('/api/v1/me', {
    headers: { Authorization: `Bearer ${value}`, Accept: 'application/json' },
    credentials: 'omit',
    cache: 'no-store',
  });
  if (res.ok) return res.json();
  if (res.status === 401) throw new Error('The gateway did not accept this token.');
  let message = `The gateway answered ${res.status}.`;
  try {
    message = (await res.json()).error.message || message;
  } catch { /* not JSON: keep the status */ }
  throw new Error(message);
}
