// The code editor: CodeMirror 6 with highlighting for the seven languages judge runs. Tab
// indents inside the editor; Escape then Tab moves the focus out (CodeMirror's own rule), which
// the problem page says in a hint.
import { EditorView, basicSetup } from 'codemirror';
import { Compartment, EditorState } from '@codemirror/state';
import { keymap } from '@codemirror/view';
import { indentWithTab } from '@codemirror/commands';
import { python } from '@codemirror/lang-python';
import { cpp } from '@codemirror/lang-cpp';
import { java } from '@codemirror/lang-java';
import { javascript } from '@codemirror/lang-javascript';
import { rust } from '@codemirror/lang-rust';
import { go } from '@codemirror/lang-go';

const modes = {
  python: () => python(),
  cpp: () => cpp(),
  c: () => cpp(), // C highlights well with the C++ grammar
  java: () => java(),
  javascript: () => javascript(),
  rust: () => rust(),
  go: () => go(),
};

// The page's style nonce (judged puts a fresh one into index.html and its CSP header): the
// editor's <style> elements carry it, so the policy needs no 'unsafe-inline'.
function styleNonce() {
  const m = document.querySelector('meta[name="csp-nonce"]');
  const v = m ? m.getAttribute('content') : '';
  return v && !v.startsWith('{{') ? v : null;
}

function mode(lang) {
  const m = modes[lang];
  return m ? m() : [];
}

// createEditor(parent, {doc, lang, onChange}) -> {view, getDoc, setDoc, setLanguage, focus, destroy}
export function createEditor(parent, { doc, lang, onChange, label = 'Code editor', describedBy }) {
  const language = new Compartment();
  const attrs = { 'aria-label': label };
  if (describedBy) attrs['aria-describedby'] = describedBy;
  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc: doc || '',
      extensions: [
        basicSetup,
        styleNonce() ? EditorView.cspNonce.of(styleNonce()) : [],
        keymap.of([indentWithTab]),
        language.of(mode(lang)),
        // long lines wrap: the editor grows with its text and never scrolls sideways (a
        // scrolling region of its own would need a tab stop of its own)
        EditorView.lineWrapping,
        EditorView.contentAttributes.of(attrs),
        EditorView.updateListener.of((u) => {
          if (u.docChanged && onChange) onChange(u.state.doc.toString());
        }),
      ],
    }),
  });
  return {
    view,
    getDoc: () => view.state.doc.toString(),
    setDoc(text) {
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
    },
    setLanguage(l) {
      view.dispatch({ effects: language.reconfigure(mode(l)) });
    },
    focus: () => view.focus(),
    destroy: () => view.destroy(),
  };
}
