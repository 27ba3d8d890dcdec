// The problem list: title, difficulty, tags and the caller's solved mark, filtered by
// difficulty, tag and a text search.
import { h, field, clear } from '../dom.js';
import { get } from '../api.js';

const ORDER = ['easy', 'medium', 'hard'];

const rank = (d) => {
  const i = ORDER.indexOf(d.toLowerCase());
  return i < 0 ? ORDER.length : i;
};

export function difficultyLabel(d) {
  return d ? d[0].toUpperCase() + d.slice(1) : '—';
}

export async function problemsPage(ctx) {
  ctx.title('Problems');
  const heading = h('h1', { text: 'Problems' });
  ctx.put(heading, h('p', { role: 'status', text: 'Loading problems…' }));
  const { problems } = await get('/problems');
  clear(ctx.main);

  // the three usual levels always (an empty choice is a valid answer), then any others
  const diffs = [...new Set([...ORDER, ...problems.map((p) => p.difficulty).filter(Boolean)])].sort(
    (a, b) => rank(a) - rank(b) || a.localeCompare(b),
  );
  const tags = [...new Set(problems.flatMap((p) => p.tags || []))].sort((a, b) => a.localeCompare(b));
  const opt = (value, text) => h('option', { value, text });
  const diffSel = h('select', null, opt('', 'All'), diffs.map((d) => opt(d, difficultyLabel(d))));
  const tagSel = h('select', null, opt('', 'All'), tags.map((t) => opt(t, t)));
  const search = h('input', { type: 'search', placeholder: 'Title or tag', autocomplete: 'off' });
  const count = h('p.count', { role: 'status' });
  const tbody = h('tbody');
  const table = h(
    'table.problems',
    null,
    h('caption.visually-hidden', { text: 'Problems' }),
    h('thead', null, h('tr', null, ['Title', 'Difficulty', 'Tags', 'Status'].map((t) => h('th', { scope: 'col', text: t })))),
    tbody,
  );

  const draw = () => {
    const d = diffSel.value;
    const t = tagSel.value;
    const q = search.value.trim().toLowerCase();
    const rows = problems.filter(
      (p) =>
        (!d || String(p.difficulty || '').toLowerCase() === d.toLowerCase()) &&
        (!t || (p.tags || []).includes(t)) &&
        (!q || p.title.toLowerCase().includes(q) || p.slug.includes(q) || (p.tags || []).some((x) => x.toLowerCase().includes(q))),
    );
    clear(tbody);
    for (const p of rows) {
      tbody.append(
        h(
          'tr',
          { class: p.solved ? 'solved' : null },
          h('td', null, h('a', { href: `#/problems/${encodeURIComponent(p.slug)}`, text: p.title })),
          h('td', null, h('span', { class: `difficulty ${String(p.difficulty || '').toLowerCase()}`, text: difficultyLabel(p.difficulty) })),
          h('td.tags', null, (p.tags || []).map((x) => h('span.tag', { text: x }))),
          h('td', null, p.solved ? h('span.solved-mark', null, h('span', { 'aria-hidden': 'true', text: '✓ ' }), 'Solved') : ''),
        ),
      );
    }
    count.textContent = rows.length === problems.length ? `${rows.length} problems` : `${rows.length} of ${problems.length} problems`;
  };
  for (const c of [diffSel, tagSel]) c.addEventListener('change', draw);
  search.addEventListener('input', draw);

  ctx.put(
    heading,
    h('form.filters', { role: 'search', onsubmit: (ev) => ev.preventDefault() }, field('Difficulty', diffSel), field('Tag', tagSel), field('Search', search)),
    count,
    h('div.table-wrap', null, table),
  );
  draw();
}
