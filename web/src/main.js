// The app's shell: the header (navigation, account), the hash router (the API owns the real
// paths), and each page's start and stop.
import { h, clear, append } from './dom.js';
import { post } from './api.js';
import { currentUser, loadSession, onSessionChange, setUser } from './session.js';
import { authPage } from './pages/auth.js';
import { problemsPage } from './pages/problems.js';
import { problemPage } from './pages/problem.js';
import { contestsPage, contestPage } from './pages/contests.js';
import { submissionPage } from './pages/submission.js';
import { adminPage } from './pages/admin.js';

const main = document.getElementById('main');
const nav = document.getElementById('nav');
const account = document.getElementById('account');

let cleanups = [];
let firstRoute = true;

// The context a page gets: where to draw, a way to register cleanups, and navigation.
let generation = 0;
function pageContext() {
  const root = h('div.page');
  main.append(root);
  const gen = ++generation;
  return {
    main: root,
    // append to the page (null and false children skipped)
    put: (...children) => append(root, children),
    alive: () => gen === generation,
    onLeave(fn) {
      cleanups.push(fn);
    },
    go(hash) {
      if (location.hash === hash) route();
      else location.hash = hash;
    },
    title(t) {
      document.title = t ? `${t} · judge` : 'judge';
    },
  };
}

function drawHeader() {
  const u = currentUser();
  const here = location.hash.split('/')[1] || '';
  clear(nav);
  const link = (href, text, key) =>
    h('li', null, h('a', { href, text, 'aria-current': here === key ? 'page' : null }));
  nav.append(link('#/problems', 'Problems', 'problems'), link('#/contests', 'Contests', 'contests'));
  if (u && u.admin) nav.append(link('#/admin', 'Admin', 'admin'));
  clear(account);
  if (u) {
    account.append(
      h('span.who', null, 'Signed in as ', h('strong', { text: u.name })),
      h('button.secondary', { type: 'button', text: 'Log out', onclick: logout }),
    );
  } else {
    account.append(
      h('a.button', { href: '#/login', text: 'Log in' }),
      h('a.button.secondary', { href: '#/signup', text: 'Sign up' }),
    );
  }
}

async function logout() {
  try {
    await post('/auth/logout');
  } catch (e) {
    if (e.status !== 401) console.warn('logout:', e.message);
  }
  setUser(null);
  location.hash = '#/login';
}

function parseHash() {
  const raw = location.hash.replace(/^#\/?/, '');
  const [path, query] = raw.split('?');
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  return { parts, params: new URLSearchParams(query || '') };
}

async function route() {
  for (const fn of cleanups.splice(0)) {
    try {
      fn();
    } catch (e) {
      console.warn(e);
    }
  }
  drawHeader();
  const { parts, params } = parseHash();
  clear(main);
  const ctx = pageContext();
  const u = currentUser();
  const [p0, p1] = parts;
  try {
    if (!p0) {
      ctx.go(u ? '#/problems' : '#/login');
      return;
    }
    if ((p0 === 'login' || p0 === 'signup') && !p1) {
      await authPage(ctx, p0);
    } else if (!u) {
      // everything else needs a session
      await authPage(ctx, 'login', 'Log in to continue.');
    } else if (p0 === 'problems' && !p1) {
      await problemsPage(ctx);
    } else if (p0 === 'problems' && p1) {
      await problemPage(ctx, p1, params);
    } else if (p0 === 'submissions' && p1) {
      await submissionPage(ctx, p1);
    } else if (p0 === 'contests' && !p1) {
      await contestsPage(ctx);
    } else if (p0 === 'contests' && p1) {
      await contestPage(ctx, p1);
    } else if (p0 === 'admin' && !p1) {
      await adminPage(ctx);
    } else {
      ctx.title('Not found');
      ctx.put(h('h1', { text: 'Page not found', tabindex: '-1' }), h('p', null, h('a', { href: '#/problems', text: 'Go to the problems' })));
    }
  } catch (e) {
    if (e && e.status === 401) {
      setUser(null);
      location.hash = '#/login';
      return;
    }
    if (!ctx.alive()) return;
    console.warn('page failed:', e);
    clear(ctx.main);
    ctx.put(
      h('h1', { text: 'Something went wrong', tabindex: '-1' }),
      h('p', { role: 'alert', text: e && e.message ? e.message : String(e) }),
    );
  }
  // a new page: the screen reader starts at its heading (not on the first load)
  if (!ctx.alive()) return;
  if (!firstRoute) {
    const h1 = main.querySelector('h1');
    if (h1) {
      h1.setAttribute('tabindex', '-1');
      h1.focus({ preventScroll: false });
    }
  }
  firstRoute = false;
}

document.querySelector('.skip').addEventListener('click', (ev) => {
  ev.preventDefault();
  main.focus();
});

onSessionChange(drawHeader);
window.addEventListener('hashchange', route);
loadSession()
  .catch((e) => console.warn('session:', e.message))
  .finally(route);
