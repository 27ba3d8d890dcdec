// Who is logged in: the user from GET /me (or login/signup), null when logged out. A flag in
// localStorage remembers that a session may exist, so a first visit does not ask /me for
// nothing.
import { get, setCsrf } from './api.js';

const FLAG = 'judge.session';
let user = null;
const listeners = [];

export function currentUser() {
  return user;
}

export function onSessionChange(fn) {
  listeners.push(fn);
}

export function setUser(u) {
  user = u ? { id: u.id, name: u.name, admin: !!u.admin } : null;
  setCsrf(u ? u.csrf : null);
  try {
    if (u) localStorage.setItem(FLAG, '1');
    else localStorage.removeItem(FLAG);
  } catch {
    /* storage disabled: only the extra /me request on the next visit */
  }
  for (const fn of listeners) fn(user);
}

// Ask the server who we are (the cookie is HttpOnly). A 401 means logged out.
export async function loadSession() {
  let maybe = true;
  try {
    maybe = localStorage.getItem(FLAG) === '1';
  } catch {
    maybe = true;
  }
  if (!maybe) {
    setUser(null);
    return null;
  }
  try {
    setUser(await get('/me'));
  } catch (e) {
    if (e.status === 401 || e.status === 403) setUser(null);
    else throw e;
  }
  return user;
}
