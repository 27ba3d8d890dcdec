// Admin: users (list, create: the token is shown once), a new competition, a board rebuild.
import { h, field, clear, alertBox, fmtTime } from '../dom.js';
import { get, post } from '../api.js';
import { currentUser } from '../session.js';

function localInput(date) {
  const p = (n) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${p(date.getMonth() + 1)}-${p(date.getDate())}T${p(date.getHours())}:${p(date.getMinutes())}`;
}

export async function adminPage(ctx) {
  ctx.title('Admin');
  const me = currentUser();
  ctx.put(h('h1', { text: 'Admin' }));
  if (!me || !me.admin) {
    ctx.put(h('p', { role: 'alert', text: 'This page is for administrators.' }));
    return;
  }

  // users
  const usersBox = h('div');
  const loadUsers = async () => {
    clear(usersBox);
    try {
      const { users } = await get('/users');
      usersBox.append(
        h(
          'div.table-wrap',
          null,
          h(
            'table',
            null,
            h('caption', { text: 'Users' }),
            h('thead', null, h('tr', null, ['ID', 'Name', 'Admin', 'Created'].map((t) => h('th', { scope: 'col', text: t })))),
            h(
              'tbody',
              null,
              (users || []).map((u) => h('tr', null, h('td', { text: u.id }), h('th', { scope: 'row', text: u.name }), h('td', { text: u.admin ? 'yes' : 'no' }), h('td', { text: fmtTime(u.created_at) }))),
            ),
          ),
        ),
      );
    } catch (e) {
      if (e.status === 401) throw e;
      usersBox.append(h('p', { text: e.status === 404 ? 'This server does not list its users.' : `Could not load the users: ${e.message}` }));
    }
  };
  const uName = h('input', { type: 'text', required: true, autocomplete: 'off', maxlength: '64' });
  const uAdmin = h('input', { type: 'checkbox' });
  const uErr = alertBox();
  const uOut = h('div.token-out', { role: 'status' });
  const userForm = h(
    'form.card',
    null,
    h('h3', { text: 'Create a user' }),
    field('User name', uName),
    h('div.field.check', null, uAdmin, h('label', { for: (uAdmin.id = 'new-user-admin'), text: 'Administrator' })),
    uErr.el,
    h('button', { type: 'submit', text: 'Create user' }),
    uOut,
  );
  userForm.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    uErr.clear();
    clear(uOut);
    try {
      const u = await post('/users', { name: uName.value.trim(), admin: uAdmin.checked });
      uOut.append(
        h('p', null, `Created user ${u.name} (id ${u.id}). Their API token, shown only this once: `),
        h('pre.token', { text: u.token }),
      );
      uName.value = '';
      loadUsers();
    } catch (e) {
      uErr.show(e.message);
    }
  });

  // competitions
  let problems = [];
  try {
    problems = (await get('/problems')).problems || [];
  } catch (e) {
    if (e.status === 401) throw e;
  }
  const now = new Date();
  const cTitle = h('input', { type: 'text', required: true, maxlength: '200' });
  const cStart = h('input', { type: 'datetime-local', required: true, value: localInput(new Date(now.getTime() + 5 * 60000)) });
  const cEnd = h('input', { type: 'datetime-local', required: true, value: localInput(new Date(now.getTime() + 125 * 60000)) });
  const cFreeze = h('input', { type: 'number', min: '0', step: '1', value: '0', inputmode: 'numeric' });
  const cHidden = h('select', null, h('option', { value: 'input', text: 'Show the failing hidden case’s input' }), h('option', { value: 'none', text: 'Show nothing of hidden cases' }));
  const boxes = problems.map((p) => {
    const cb = h('input', { type: 'checkbox', value: p.slug, id: `cp-${p.slug}` });
    return { cb, el: h('li', null, cb, h('label', { for: cb.id, text: p.title })) };
  });
  const cErr = alertBox();
  const cOut = h('p', { role: 'status' });
  const compForm = h(
    'form.card',
    null,
    h('h3', { text: 'Create a competition' }),
    field('Title', cTitle),
    field('Starts at', cStart),
    field('Ends at', cEnd),
    field('Freeze the board this many minutes before the end', cFreeze, '0: no freeze.'),
    field('Hidden cases', cHidden),
    h('fieldset', null, h('legend', { text: 'Problems' }), h('ul.checks', null, boxes.map((b) => b.el))),
    cErr.el,
    h('button', { type: 'submit', text: 'Create competition' }),
    cOut,
  );
  compForm.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    cErr.clear();
    cOut.textContent = '';
    const chosen = boxes.filter((b) => b.cb.checked).map((b) => b.cb.value);
    if (!cTitle.value.trim() || !chosen.length) {
      cErr.show('Give a title and choose at least one problem.');
      return;
    }
    const starts = new Date(cStart.value);
    const ends = new Date(cEnd.value);
    if (Number.isNaN(starts.getTime()) || Number.isNaN(ends.getTime()) || ends <= starts) {
      cErr.show('The end must come after the start.');
      return;
    }
    try {
      const body = {
        title: cTitle.value.trim(),
        problems: chosen,
        starts_at: starts.toISOString(),
        ends_at: ends.toISOString(),
        hidden_failure: cHidden.value,
      };
      const fm = Number(cFreeze.value || 0);
      if (fm > 0) body.freeze_minutes = fm;
      const r = await post('/competitions', body);
      clear(cOut);
      cOut.append(`Created competition ${r.id}: `, h('a', { href: `#/contests/${r.id}`, text: body.title }), '.');
      loadComps();
    } catch (e) {
      cErr.show(e.message);
    }
  });

  // rebuild
  const rSel = h('select');
  const rErr = alertBox();
  const rOut = h('p', { role: 'status' });
  const loadComps = async () => {
    clear(rSel);
    try {
      const { competitions } = await get('/competitions');
      for (const c of competitions || []) rSel.append(h('option', { value: c.id, text: `${c.title} (#${c.id})` }));
    } catch (e) {
      if (e.status === 401) throw e;
    }
  };
  const rId = h('input', { type: 'number', min: '1', step: '1', inputmode: 'numeric' });
  const rebuildForm = h(
    'form.card',
    null,
    h('h3', { text: 'Rebuild a board' }),
    field('Competition', rSel),
    field('Or its id', rId),
    rErr.el,
    h('button', { type: 'submit', text: 'Rebuild board' }),
    rOut,
  );
  rebuildForm.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    rErr.clear();
    rOut.textContent = '';
    const id = rId.value || rSel.value;
    if (!id) {
      rErr.show('Choose a competition.');
      return;
    }
    try {
      const r = await post(`/competitions/${encodeURIComponent(id)}/leaderboard/rebuild`);
      rOut.textContent = `Board of competition ${id} rebuilt: ${r.participants} participants.`;
    } catch (e) {
      rErr.show(e.message);
    }
  });

  ctx.put(
    h('section', null, h('h2', { text: 'Users' }), usersBox, userForm),
    h('section', null, h('h2', { text: 'Competitions' }), compForm, rebuildForm),
  );
  await Promise.all([loadUsers(), loadComps()]);
}
