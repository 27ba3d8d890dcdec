// Contests: the list, and one contest's page with Join, a countdown, its problems and the live
// board (paged; the caller's row marked aria-current; the frozen state when the board is frozen).
import { h, clear, field, alertBox, fmtTime, fmtSpan } from '../dom.js';
import { get, post, api } from '../api.js';
import { currentUser } from '../session.js';
import { followBoard } from '../live.js';

const PAGE = 25;

function phase(c, now) {
  if (now < c.starts_at) return 'upcoming';
  if (now < c.ends_at) return 'running';
  return 'ended';
}

function countdownText(c, now) {
  const ph = phase(c, now);
  if (ph === 'upcoming') return `Starts in ${fmtSpan(c.starts_at - now)}`;
  if (ph === 'running') return `Ends in ${fmtSpan(c.ends_at - now)}`;
  return 'Ended';
}

const nowS = () => Date.now() / 1000;

// A countdown that updates itself every second while the page is shown.
function countdown(ctx, c, onPhase) {
  const el = h('span.countdown', { role: 'timer', 'aria-live': 'off' });
  let last = phase(c, nowS());
  const tick = () => {
    const now = nowS();
    el.textContent = countdownText(c, now);
    const ph = phase(c, now);
    if (ph !== last) {
      last = ph;
      if (onPhase) onPhase(ph);
    }
  };
  tick();
  const t = setInterval(tick, 1000);
  ctx.onLeave(() => clearInterval(t));
  return el;
}

export async function contestsPage(ctx) {
  ctx.title('Contests');
  ctx.put(h('h1', { text: 'Contests' }));
  let list;
  try {
    list = (await get('/competitions')).competitions || [];
  } catch (e) {
    if (e.status === 401) throw e;
    ctx.put(h('p', { text: e.status === 404 ? 'This server does not list its contests yet.' : `Could not load the contests: ${e.message}` }));
    // a contest can still be opened by its number
    const num = h('input', { type: 'number', min: '1', step: '1', inputmode: 'numeric', required: true });
    const form = h('form.card.narrow', null, field('Contest number', num), h('button', { type: 'submit', text: 'Open contest' }));
    form.addEventListener('submit', (ev) => {
      ev.preventDefault();
      if (num.value) ctx.go(`#/contests/${encodeURIComponent(num.value)}`);
    });
    ctx.put(form);
    return;
  }
  if (!ctx.alive()) return;
  if (!list.length) {
    ctx.put(h('p', { text: 'No contests yet.' }));
    return;
  }
  const now = nowS();
  const order = { running: 0, upcoming: 1, ended: 2 };
  list.sort((a, b) => order[phase(a, now)] - order[phase(b, now)] || a.starts_at - b.starts_at);
  ctx.put(
    h(
      'ul.contests',
      null,
      list.map((c) =>
        h(
          'li.card',
          null,
          h('h2', null, h('a', { href: `#/contests/${c.id}`, text: c.title })),
          h('p', null, `${fmtTime(c.starts_at)} – ${fmtTime(c.ends_at)} · `, countdown(ctx, c)),
          h('p.meta', {
            text: [
              `${c.participants ?? 0} participant${c.participants === 1 ? '' : 's'}`,
              c.joined ? 'joined' : null,
              c.frozen ? 'board frozen' : null,
            ]
              .filter(Boolean)
              .join(' · '),
          }),
        ),
      ),
    ),
  );
}

export async function contestPage(ctx, id) {
  ctx.title('Contest');
  const me = currentUser();
  const c = await get(`/competitions/${encodeURIComponent(id)}`);
  if (!ctx.alive()) return;
  // "joined", "frozen" and "freeze_at" come with the list
  let entry = null;
  try {
    entry = ((await get('/competitions')).competitions || []).find((x) => String(x.id) === String(c.id)) || null;
  } catch (e) {
    if (e.status === 401) throw e;
  }
  let joined = entry ? !!entry.joined : null;
  if (joined === null) {
    try {
      await get(`/competitions/${c.id}/leaderboard/me`);
      joined = true;
    } catch (e) {
      if (e.status === 401) throw e;
      joined = false;
    }
  }
  if (!ctx.alive()) return;
  ctx.title(c.title);
  const err = alertBox();
  const joinArea = h('div.join');
  const status = h('p.notice', { role: 'status' });
  const drawJoin = () => {
    clear(joinArea);
    const ended = nowS() >= c.ends_at;
    if (joined) {
      joinArea.append(h('p.joined', { text: 'You have joined this contest.' }));
    } else if (!ended) {
      const btn = h('button.primary', { type: 'button', text: 'Join' });
      btn.addEventListener('click', async () => {
        err.clear();
        btn.disabled = true;
        try {
          await post(`/competitions/${c.id}/join`);
          joined = true;
          status.textContent = `You joined ${c.title}.`;
          drawJoin();
          drawProblems();
          board.refresh(true);
        } catch (e) {
          btn.disabled = false;
          err.show(e.message);
        }
      });
      joinArea.append(btn);
    } else {
      joinArea.append(h('p', { text: 'This contest has ended.' }));
    }
  };
  // the problems by title (the competition names their slugs)
  const titles = new Map();
  try {
    for (const p of (await get('/problems')).problems || []) titles.set(p.slug, p.title);
  } catch (e) {
    if (e.status === 401) throw e;
  }
  if (!ctx.alive()) return;
  const problemsList = h('ul.contest-problems');
  const drawProblems = () => {
    clear(problemsList);
    for (const slug of c.problems || []) {
      problemsList.append(
        h('li', null, h('a', { href: `#/problems/${encodeURIComponent(slug)}${joined ? `?competition=${c.id}` : ''}`, text: titles.get(slug) || slug })),
      );
    }
  };
  drawJoin();
  drawProblems();

  const board = boardView(ctx, c, me);
  const admin = me && me.admin;
  const adminTools = admin
    ? h(
        'div.admin-tools',
        null,
        h('button.secondary', {
          type: 'button',
          text: 'Rebuild the board',
          onclick: async () => {
            err.clear();
            try {
              const r = await post(`/competitions/${c.id}/leaderboard/rebuild`);
              status.textContent = `Board rebuilt: ${r.participants} participants.`;
              board.refresh(true);
            } catch (e) {
              err.show(e.message);
            }
          },
        }),
        entry && entry.frozen
          ? h('button.secondary', {
              type: 'button',
              text: 'Unfreeze the board',
              onclick: async () => {
                err.clear();
                try {
                  await post(`/competitions/${c.id}/unfreeze`);
                  status.textContent = 'The board is unfrozen.';
                  board.refresh(true);
                } catch (e) {
                  err.show(e.message);
                }
              },
            })
          : null,
      )
    : null;

  clear(ctx.main);
  ctx.put(
    h('h1', { text: c.title }),
    h('p', null, `${fmtTime(c.starts_at)} – ${fmtTime(c.ends_at)} · `, countdown(ctx, c, () => { drawJoin(); board.refresh(true); })),
    entry && entry.freeze_at ? h('p.meta', { text: `The board freezes at ${fmtTime(entry.freeze_at)}.` }) : null,
    joinArea,
    err.el,
    status,
    adminTools,
    h('section', null, h('h2', { text: 'Problems' }), problemsList),
    board.el,
  );
  board.refresh(true);
  ctx.onLeave(followBoard(c.id, () => board.refresh(false)));
}

function boardView(ctx, c, me) {
  let offset = 0;
  let etag = null;
  let page = null;
  const frozen = h('p.frozen', { role: 'status' });
  frozen.hidden = true;
  const info = h('p.count');
  const tbody = h('tbody');
  const head = h('thead');
  const prev = h('button.secondary', { type: 'button', text: 'Previous page' });
  const next = h('button.secondary', { type: 'button', text: 'Next page' });
  const mine = h('button.secondary', { type: 'button', text: 'Find my row' });
  const msg = h('p.hint');
  const table = h('table.board', null, h('caption', { text: 'Leaderboard' }), head, tbody);
  const el = h(
    'section.board-section',
    { 'aria-label': 'Board' },
    h('h2', { text: 'Board' }),
    frozen,
    h('div.table-wrap', { tabindex: '0', role: 'group', 'aria-label': 'Leaderboard, scrolls sideways' }, table),
    h('div.pager', null, prev, next, mine, info),
    msg,
  );

  const draw = () => {
    const slugs = c.problems || [];
    clear(head);
    head.append(
      h('tr', null, h('th', { scope: 'col', text: 'Rank' }), h('th', { scope: 'col', text: 'User' }), h('th', { scope: 'col', text: 'Solved' }), h('th', { scope: 'col', text: 'Penalty' }), slugs.map((s) => h('th', { scope: 'col', text: s }))),
    );
    clear(tbody);
    const rows = (page && page.rows) || [];
    if (!rows.length) {
      tbody.append(h('tr', null, h('td', { colspan: String(4 + slugs.length), text: 'Nobody on the board yet.' })));
    }
    for (const r of rows) {
      const isMe = me && String(r.user_id) === String(me.id);
      const cells = slugs.map((s) => {
        const pc = (r.problems || []).find((x) => x.slug === s);
        if (!pc) return h('td');
        const bits = [];
        if (pc.solved) bits.push(`✓ ${pc.time_min ?? ''}${pc.time_min !== undefined ? ' min' : ''}`);
        if (pc.attempts) bits.push(pc.solved ? `(${pc.attempts} ${pc.attempts === 1 ? 'try' : 'tries'})` : `✗ ${pc.attempts}`);
        if (pc.pending) bits.push(`+${pc.pending} pending`);
        return h('td', { class: pc.solved ? 'ok' : pc.attempts ? 'bad' : null, text: bits.join(' ') });
      });
      tbody.append(
        h(
          'tr',
          { 'aria-current': isMe ? 'true' : null, class: isMe ? 'me' : null },
          h('td', { text: r.rank }),
          h('th', { scope: 'row', text: isMe ? `${r.user} (you)` : r.user }),
          h('td', { text: r.solved }),
          h('td', { text: r.penalty }),
          cells,
        ),
      );
    }
    const total = (page && page.total) || 0;
    info.textContent = total ? `Rows ${Math.min(offset + 1, total)}–${Math.min(offset + rows.length, total)} of ${total}` : '';
    prev.disabled = offset <= 0;
    next.disabled = offset + PAGE >= total;
    frozen.hidden = !(page && page.frozen);
    frozen.textContent = page && page.frozen ? 'The board is frozen: tries made after the freeze show as pending until the contest is over.' : '';
  };

  async function refresh(force) {
    if (!ctx.alive()) return;
    try {
      const r = await api('GET', `/competitions/${c.id}/leaderboard?top=${PAGE}&offset=${offset}`, undefined, {
        raw: true,
        headers: !force && etag ? { 'If-None-Match': etag } : {},
      });
      if (r.status === 304) return;
      etag = r.headers.get('ETag');
      page = r.data;
      msg.textContent = '';
    } catch (e) {
      msg.textContent = `Could not load the board: ${e.message}`;
      return;
    }
    if (ctx.alive()) draw();
  }
  prev.addEventListener('click', () => {
    offset = Math.max(0, offset - PAGE);
    refresh(true);
  });
  next.addEventListener('click', () => {
    offset += PAGE;
    refresh(true);
  });
  mine.addEventListener('click', async () => {
    try {
      const r = await get(`/competitions/${c.id}/leaderboard/me`);
      const rank = r.rank || (r.row && r.row.rank) || 1;
      offset = Math.floor((rank - 1) / PAGE) * PAGE;
      await refresh(true);
      const row = tbody.querySelector('tr[aria-current="true"]');
      if (row) row.scrollIntoView({ block: 'center' });
    } catch (e) {
      msg.textContent = e.status === 404 ? 'You are not on this board: join the contest first.' : e.message;
    }
  });
  return { el, refresh };
}
