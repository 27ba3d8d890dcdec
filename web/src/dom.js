// Small DOM helpers: elements are built with text nodes, never from HTML strings (the one
// exception, a problem's statement_html, is sanitized by the server and set in problem.js).

// h('tag.class', {attr: value, onclick: fn}, child, ...): children are nodes, strings (text),
// arrays of those, or null/false (skipped). "text" sets textContent; "dataset" an object.
export function h(spec, attrs, ...children) {
  const [tag, ...classes] = spec.split('.');
  const el = document.createElement(tag || 'div');
  if (classes.length) el.className = classes.join(' ');
  if (attrs) {
    for (const [k, v] of Object.entries(attrs)) {
      if (v === undefined || v === null || v === false) continue;
      if (k === 'text') el.textContent = String(v);
      else if (k === 'dataset') Object.assign(el.dataset, v || {});
      else if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
      else if (k === 'value' || k === 'checked' || k === 'selected' || k === 'disabled') el[k] = v;
      else el.setAttribute(k, v === true ? '' : String(v));
    }
  }
  append(el, children);
  return el;
}

export function append(el, children) {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

export function clear(el) {
  while (el.firstChild) el.firstChild.remove();
  return el;
}

let uid = 0;
// A fresh id for label/for and aria-describedby pairs.
export function newId(prefix) {
  uid += 1;
  return `${prefix}-${uid}`;
}

// A labelled control: <div class="field"><label for=id>text</label>control hint?</div>.
export function field(label, control, hint) {
  if (!control.id) control.id = newId('f');
  const wrap = h('div.field', null, h('label', { for: control.id, text: label }), control);
  if (hint) {
    const hid = newId('hint');
    wrap.append(h('p.hint', { id: hid, text: hint }));
    control.setAttribute('aria-describedby', hid);
  }
  return wrap;
}

// An error message for screen readers (role=alert), empty until set.
export function alertBox() {
  const el = h('div.alert', { role: 'alert' });
  el.hidden = true;
  return {
    el,
    show(msg) {
      el.textContent = msg;
      el.hidden = !msg;
    },
    clear() {
      el.textContent = '';
      el.hidden = true;
    },
  };
}

export function fmtTime(epochSeconds) {
  if (epochSeconds === null || epochSeconds === undefined) return '';
  const d = new Date(epochSeconds * 1000);
  return d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

// "1d 02h 03m 04s" for a span of seconds (>= 0).
export function fmtSpan(s) {
  s = Math.max(0, Math.floor(s));
  const d = Math.floor(s / 86400);
  const hh = Math.floor((s % 86400) / 3600);
  const mm = Math.floor((s % 3600) / 60);
  const ss = s % 60;
  const p = (n) => String(n).padStart(2, '0');
  return (d ? `${d}d ` : '') + `${p(hh)}h ${p(mm)}m ${p(ss)}s`;
}
