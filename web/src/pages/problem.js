// A problem: statement, samples, the editor with starter code per language, Run (samples and
// the user's own cases), Submit, results as they arrive, and the user's submissions.
import { h, field, clear, alertBox, newId, fmtTime } from '../dom.js';
import { get, post } from '../api.js';
import { createEditor } from '../editor.js';
import { follow } from '../live.js';
import { resultsPanel, verdictBadge, json } from '../results.js';
import { difficultyLabel } from './problems.js';

const LANG_KEY = 'judge.language';
const codeKey = (slug, lang) => `judge.code.${slug}.${lang}`;

function load(key) {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}
function save(key, value) {
  try {
    localStorage.setItem(key, value);
  } catch {
    /* storage full or disabled: the code stays in the editor only */
  }
}

// One case per line, each a JSON object such as {"args":[[2,7,11,15],9]}. -> array, or throws
export function parseCases(text) {
  const cases = [];
  text.split('\n').forEach((line, i) => {
    const t = line.trim();
    if (!t) return;
    let v;
    try {
      v = JSON.parse(t);
    } catch (e) {
      throw new Error(`Your test cases, line ${i + 1}: not JSON (${e.message}).`);
    }
    if (!v || typeof v !== 'object' || Array.isArray(v) || !Array.isArray(v.args)) {
      throw new Error(`Your test cases, line ${i + 1}: each case is an object with "args": [...].`);
    }
    cases.push(v);
  });
  return cases;
}

export async function problemPage(ctx, slug, params) {
  ctx.title('Problem');
  ctx.put(h('p', { role: 'status', text: 'Loading the problem…' }));
  const p = await get(`/problems/${encodeURIComponent(slug)}`);
  if (!ctx.alive()) return;
  clear(ctx.main);
  ctx.title(p.title);
  const competition = params.get('competition');

  // statement and samples
  const statement = h('div.statement');
  statement.innerHTML = p.statement_html || ''; // sanitized by the server (lib/web/markdown)
  // the page's h1 is the title: a statement that starts with it drops its own; its other
  // headings move so that its highest level is h2 (the outline goes h1, h2, h3, ...)
  const first = statement.firstElementChild;
  if (first && first.tagName === 'H1' && first.textContent.trim() === p.title.trim()) first.remove();
  const heads = [...statement.querySelectorAll('h1, h2, h3, h4, h5, h6')];
  const top = Math.min(7, ...heads.map((e) => Number(e.tagName[1])));
  for (const e of heads) {
    const level = Math.min(6, Number(e.tagName[1]) - top + 2);
    if (`H${level}` === e.tagName) continue;
    const repl = document.createElement(`h${level}`);
    repl.append(...e.childNodes);
    e.replaceWith(repl);
  }
  const samples = (p.samples || []).map((s, i) =>
    h(
      'div.sample',
      null,
      h('p.sample-name', { text: `Sample ${i + 1}${s.name ? `: ${s.name}` : ''}` }),
      h('dl', null, s.calls ? [h('dt', { text: 'Calls' }), h('dd', null, h('pre', { text: json(s.calls) }))] : null,
        h('dt', { text: 'Input' }), h('dd', null, h('pre', { text: json(s.args) })),
        h('dt', { text: 'Expected' }), h('dd', null, h('pre', { text: json(s.expected) }))),
    ),
  );
  const limits = p.limits ? `Time limit ${p.limits.time_ms} ms · memory ${p.limits.memory_mb} MB` : '';

  // editor
  const langs = p.languages || [];
  const stored = load(LANG_KEY);
  let lang = (langs.find((l) => l.name === stored) || langs.find((l) => l.name === 'python') || langs[0] || {}).name;
  const langSel = h('select', { name: 'language' }, langs.map((l) => h('option', { value: l.name, text: l.display || l.name, selected: l.name === lang })));
  const starter = (name) => (langs.find((l) => l.name === name) || {}).starter || '';
  const hintId = newId('hint');
  const edHost = h('div.editor');
  let loading = false;
  const editor = createEditor(edHost, {
    doc: load(codeKey(slug, lang)) ?? starter(lang),
    lang,
    describedBy: hintId,
    onChange(text) {
      if (!loading) save(codeKey(slug, lang), text);
    },
  });
  ctx.onLeave(() => editor.destroy());
  const setCode = (text) => {
    loading = true;
    editor.setDoc(text);
    loading = false;
  };
  langSel.addEventListener('change', () => {
    lang = langSel.value;
    save(LANG_KEY, lang);
    editor.setLanguage(lang);
    setCode(load(codeKey(slug, lang)) ?? starter(lang));
  });
  const reset = h('button.secondary', {
    type: 'button',
    text: 'Reset to starter code',
    onclick: () => {
      if (!confirm('Replace the code in the editor with the starter code?')) return;
      setCode(starter(lang));
      save(codeKey(slug, lang), starter(lang));
    },
  });

  const casesBox = h('textarea', { rows: '3', spellcheck: 'false', placeholder: '{"args": [...]}' });
  const runBtn = h('button', { type: 'button', text: 'Run' });
  const submitBtn = h('button.primary', { type: 'button', text: 'Submit' });
  const err = alertBox();
  const region = h('section.results', { 'aria-label': 'Results', 'aria-live': 'polite', role: 'region' });
  const panel = resultsPanel(region);
  let stop = null;
  ctx.onLeave(() => stop && stop());

  const history = h('div.history');
  const historySection = h('section', { 'aria-labelledby': 'hist-h' }, h('h2', { id: 'hist-h', text: 'Submissions' }), history);

  async function start(run) {
    err.clear();
    const code = editor.getDoc();
    if (!code.trim()) {
      err.show('The editor is empty: write some code first.');
      return;
    }
    const body = { language: lang, code };
    if (run) {
      try {
        const cases = parseCases(casesBox.value);
        if (cases.length) body.cases = cases;
      } catch (e) {
        err.show(e.message);
        casesBox.focus();
        return;
      }
    } else if (competition) {
      body.competition = Number(competition);
    }
    if (stop) stop();
    panel.reset();
    panel.status('queued');
    runBtn.disabled = submitBtn.disabled = true;
    let id;
    try {
      const r = await post(`/problems/${encodeURIComponent(slug)}/${run ? 'run' : 'submissions'}`, body);
      id = r.id;
    } catch (e) {
      runBtn.disabled = submitBtn.disabled = false;
      panel.reset();
      if (e.status === 401) throw e;
      err.show(e.status === 429 ? `${e.message} (try again in a little while)` : e.message);
      return;
    }
    stop = follow(id, {
      onStatus: (s) => panel.status(s),
      onCase: (ev) => panel.caseEvent(ev),
      onDone: (sub) => {
        runBtn.disabled = submitBtn.disabled = false;
        panel.done(sub);
        loadHistory();
      },
      onError: (e) => {
        runBtn.disabled = submitBtn.disabled = false;
        panel.error(`Could not follow submission ${id}: ${e.message}`);
      },
    });
  }
  runBtn.addEventListener('click', () => start(true).catch(fail));
  submitBtn.addEventListener('click', () => start(false).catch(fail));
  function fail(e) {
    if (e.status === 401) ctx.go('#/login');
    else err.show(e.message);
  }

  const codeView = h('div.code-view');
  async function loadHistory() {
    if (!ctx.alive()) return;
    let list;
    try {
      list = (await get(`/me/submissions?problem=${encodeURIComponent(slug)}&limit=20`)).submissions || [];
    } catch (e) {
      clear(history);
      history.append(h('p', { text: e.status === 404 ? 'Submission history is not available on this server.' : `Could not load the history: ${e.message}` }));
      return;
    }
    clear(history);
    if (!list.length) {
      history.append(h('p', { text: 'No submissions yet.' }));
      return;
    }
    const rows = list.map((s) =>
      h(
        'tr',
        null,
        h('td', null, h('button.link', { type: 'button', text: `#${s.id}`, 'aria-label': `Show the code of submission ${s.id}`, onclick: () => showCode(s.id) })),
        h('td', { text: fmtTime(s.created_at) }),
        h('td', { text: s.kind === 'run' ? 'Run' : 'Submit' }),
        h('td', { text: (langs.find((l) => l.name === s.language) || {}).display || s.language }),
        h('td', null, s.status === 'done' && s.verdict ? verdictBadge(s.verdict) : s.status),
        h('td', { text: typeof s.passed === 'number' && s.total ? `${s.passed}/${s.total}` : '' }),
        h('td', { text: typeof s.runtime_ms === 'number' ? `${Math.round(s.runtime_ms)} ms` : '' }),
      ),
    );
    history.append(
      h(
        'div.table-wrap',
        null,
        h(
          'table.history',
          null,
          h('caption.visually-hidden', { text: 'Your submissions for this problem, newest first' }),
          h('thead', null, h('tr', null, ['ID', 'When', 'Kind', 'Language', 'Result', 'Passed', 'Time'].map((t) => h('th', { scope: 'col', text: t })))),
          h('tbody', null, rows),
        ),
      ),
      codeView,
    );
  }
  async function showCode(id) {
    clear(codeView);
    try {
      const s = await get(`/submissions/${id}`);
      const heading = h('h3', { text: `Code of submission #${id} (${s.language})`, tabindex: '-1' });
      codeView.append(
        heading,
        h('pre.code', { text: s.code || '' }),
        h('p', null, h('button.secondary', {
          type: 'button',
          text: 'Load into the editor',
          onclick: () => {
            if (s.language !== lang && langs.some((l) => l.name === s.language)) {
              langSel.value = s.language;
              langSel.dispatchEvent(new Event('change'));
            }
            setCode(s.code || '');
            save(codeKey(slug, lang), s.code || '');
            editor.focus();
          },
        }), ' ', h('a', { href: `#/submissions/${id}`, text: 'Open the full result' })),
      );
      heading.focus();
    } catch (e) {
      codeView.append(h('p.alert', { role: 'alert', text: e.message }));
    }
  }

  ctx.put(
    h(
      'div.problem',
      null,
      h(
        'article.statement-col',
        null,
        h('h1', { text: p.title }),
        h('p.meta', null, h('span', { class: `difficulty ${String(p.difficulty || '').toLowerCase()}`, text: difficultyLabel(p.difficulty) }), ' ', (p.tags || []).map((t) => h('span.tag', { text: t }))),
        competition ? h('p.notice', null, 'Submitting for ', h('a', { href: `#/contests/${encodeURIComponent(competition)}`, text: `contest ${competition}` }), '.') : null,
        statement,
        samples.length
          ? h('details.samples', null, h('summary', { text: `The ${samples.length} sample cases as Run judges them` }), samples)
          : null,
        limits ? h('p.hint', { text: limits }) : null,
      ),
      h(
        'section.work-col',
        { 'aria-label': 'Your solution' },
        h('div.toolbar', null, field('Language', langSel), reset),
        h('p.hint', { id: hintId, text: 'In the editor, Tab indents. To leave it from the keyboard, press Escape, then Tab.' }),
        edHost,
        field('Your test cases', casesBox, 'Optional, for Run: one case per line as JSON, e.g. {"args": [[1, 2, 3], 4]}. Run also runs the examples.'),
        err.el,
        h('div.actions', null, runBtn, submitBtn),
        region,
        historySection,
      ),
    ),
  );
  loadHistory();
}
