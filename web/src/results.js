// Drawing a submission's result: progress per case while it runs, then the verdict by its full
// name (data-verdict has the code), the cases the API shows, and the failing case.
import { h, clear, newId } from './dom.js';

export const VERDICTS = {
  AC: 'Accepted',
  WA: 'Wrong Answer',
  TLE: 'Time Limit Exceeded',
  RE: 'Runtime Error',
  CE: 'Compilation Error',
  MLE: 'Memory Limit Exceeded',
  OLE: 'Output Limit Exceeded',
  IE: 'Internal Error',
};

export function verdictName(code) {
  return VERDICTS[code] || code || '';
}

const CASE_STATUS = { withheld: 'Not shown (after the failure)', skipped: 'Not run' };
const STATUS = { queued: 'Queued: waiting for a worker…', running: 'Running…' };

export function json(v) {
  try {
    return JSON.stringify(v);
  } catch {
    return String(v);
  }
}

function ms(v) {
  return typeof v === 'number' ? `${v < 10 ? v.toFixed(1) : Math.round(v)} ms` : '';
}

function kb(v) {
  return typeof v === 'number' && v > 0 ? `${(v / 1024).toFixed(1)} MB` : '';
}

// A verdict by its full name. Only a judgement's final verdict carries data-verdict (final);
// a case's or a history row's badge does not, so that one is never taken for the other.
export function verdictBadge(code, tag = 'span', final = false) {
  return h(`${tag}.verdict`, {
    dataset: final ? { verdict: code } : null,
    class: `verdict v-${String(code).toLowerCase()}`,
    text: verdictName(code),
  });
}

function caseLabel(c) {
  const n = `Case ${c.index + 1}`;
  if (c.hidden) return `${n} (hidden)`;
  return c.name ? `${n}: ${c.name}` : n;
}

// A results panel in `region` (the aria-live element); its headings are of `level`. -> {status(s), caseEvent(ev), done(sub), error(msg), reset()}
export function resultsPanel(region, level = 3) {
  const statusLine = h('p.status');
  const progress = h('ol.progress');
  const body = h('div');
  region.append(statusLine, progress, body);
  const seen = new Map();
  return {
    reset() {
      statusLine.textContent = '';
      clear(progress);
      clear(body);
      seen.clear();
    },
    status(s) {
      statusLine.textContent = STATUS[s] || s || '';
    },
    caseEvent(ev) {
      statusLine.textContent = STATUS.running;
      if (typeof ev.index !== 'number' || seen.has(ev.index)) return;
      const total = ev.total ? ` of ${ev.total}` : '';
      const li = h(
        'li',
        null,
        `Case ${ev.index + 1}${total}: `,
        ev.verdict ? verdictBadge(ev.verdict) : 'done',
        ev.runtime_ms !== undefined ? ` (${ms(ev.runtime_ms)})` : '',
      );
      seen.set(ev.index, li);
      progress.append(li);
    },
    error(msg) {
      statusLine.textContent = '';
      clear(body);
      body.append(h('p.alert', { role: 'alert', text: msg }));
    },
    done(sub) {
      statusLine.textContent = '';
      clear(progress);
      clear(body);
      body.append(renderResult(sub, level));
    },
  };
}

// The finished submission (GET /submissions/{id}).
export function renderResult(sub, level = 3) {
  const hx = `h${level}`;
  const res = sub.result || {};
  const code = sub.verdict || res.verdict || 'IE';
  const kind = sub.kind === 'run' ? 'Run' : 'Submission';
  const parts = [];
  parts.push(
    h(
      'div.summary',
      null,
      h('p.final', null, `${kind} #${sub.id}: `, verdictBadge(code, 'strong', true)),
      h(
        'p.figures',
        { text: [typeof sub.passed === 'number' ? `${sub.passed} of ${sub.total} cases passed` : '', ms(sub.runtime_ms), kb(sub.memory_kb)].filter(Boolean).join(' · ') },
      ),
      sub.message && sub.message !== verdictName(code) ? h('p.message', { text: sub.message }) : null,
    ),
  );
  if (res.compile_output) {
    parts.push(h('section', null, h(hx, { text: 'Compiler output' }), h('pre.output', { text: res.compile_output })));
  }
  const cases = Array.isArray(res.cases) ? res.cases : [];
  const failing = cases.find((c) => c.index === res.first_failed) || null;
  if (failing) parts.push(failingCase(failing, hx));
  if (cases.length) {
    const rows = cases.map((c) =>
      h(
        'tr',
        { class: c === failing ? 'failing' : null },
        h('td', { text: caseLabel(c) }),
        h('td', null, c.status && VERDICTS[c.status] ? verdictBadge(c.status) : CASE_STATUS[c.status] || c.status || ''),
        h('td', { text: ms(c.time_ms) }),
        h('td', { text: kb(c.memory_kb) }),
      ),
    );
    parts.push(
      h(
        'div.table-wrap',
        null,
        h(
          'table.cases',
          null,
          h('caption', { text: 'Cases' }),
          h('thead', null, h('tr', null, ['Case', 'Result', 'Time', 'Memory'].map((t) => h('th', { scope: 'col', text: t })))),
          h('tbody', null, rows),
        ),
      ),
    );
  }
  return h('div.result', null, parts);
}

function failingCase(c, hx) {
  const dl = h('dl.case');
  const item = (term, value, plain) => {
    if (value === undefined || value === null || value === '') return;
    const text = typeof value === 'string' ? value : json(value);
    dl.append(h('dt', { text: term }), h('dd', null, plain ? text : h('pre', { text })));
  };
  item('Case', caseLabel(c), true);
  item('Result', verdictName(c.status) || c.status, true);
  if (c.input) {
    if (c.input.calls) item('Calls', c.input.calls);
    item('Input', c.input.args !== undefined ? c.input.args : c.input);
  }
  if ('expected' in c) item('Expected', c.expected);
  if (c.actual !== undefined && c.actual !== null) item('Actual', c.actual);
  else if (c.actual_preview) item('Actual (truncated)', c.actual_preview);
  item('Error', c.error);
  item('Stdout', c.stdout);
  item('Stderr', c.stderr);
  if (c.hidden && !c.input) dl.append(h('dd.hint', { text: 'This case is hidden: its input is not shown.' }));
  const hid = newId('failing');
  return h('section.failing', { 'aria-labelledby': hid }, h(hx, { id: hid, text: 'Failing case' }), dl);
}
