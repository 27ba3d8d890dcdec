// One submission: its result (followed live while it runs) and its code.
import { h, clear } from '../dom.js';
import { get } from '../api.js';
import { follow } from '../live.js';
import { resultsPanel } from '../results.js';

export async function submissionPage(ctx, id) {
  ctx.title(`Submission ${id}`);
  const sub = await get(`/submissions/${encodeURIComponent(id)}`);
  if (!ctx.alive()) return;
  clear(ctx.main);
  const region = h('section.results', { 'aria-label': 'Results', 'aria-live': 'polite', role: 'region' });
  const panel = resultsPanel(region, 2);
  ctx.put(
    h('h1', { text: `Submission #${sub.id}` }),
    h('p', null, 'Problem ', h('a', { href: `#/problems/${encodeURIComponent(sub.problem)}`, text: sub.problem }), ` · ${sub.language} · ${sub.kind === 'run' ? 'run' : 'submission'}`),
    region,
    h('section', null, h('h2', { text: 'Code' }), h('pre.code', { text: sub.code || '' })),
  );
  if (sub.status === 'done') {
    panel.done(sub);
    return;
  }
  panel.status(sub.status);
  const stop = follow(sub.id, {
    onStatus: (s) => panel.status(s),
    onCase: (ev) => panel.caseEvent(ev),
    onDone: (s) => panel.done(s),
    onError: (e) => panel.error(e.message),
  });
  ctx.onLeave(stop);
}
