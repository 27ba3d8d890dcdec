// Log in and sign up: name and password, the session cookie from the answer, then the problems.
import { h, field, alertBox } from '../dom.js';
import { post } from '../api.js';
import { setUser } from '../session.js';

export async function authPage(ctx, mode, notice) {
  const signup = mode === 'signup';
  const title = signup ? 'Sign up' : 'Log in';
  ctx.title(title);
  const name = h('input', { type: 'text', name: 'name', autocomplete: 'username', required: true, maxlength: '64', autocapitalize: 'none', spellcheck: 'false' });
  const password = h('input', {
    type: 'password',
    name: 'password',
    autocomplete: signup ? 'new-password' : 'current-password',
    required: true,
    minlength: signup ? '8' : null,
    maxlength: '256',
  });
  const err = alertBox();
  const submit = h('button', { type: 'submit', text: title });
  const form = h(
    'form.card.narrow',
    { novalidate: true },
    field('Name', name),
    field('Password', password, signup ? 'At least 8 characters.' : null),
    err.el,
    submit,
  );
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    err.clear();
    if (!name.value.trim() || !password.value) {
      err.show('Enter a name and a password.');
      (name.value.trim() ? password : name).focus();
      return;
    }
    if (signup && password.value.length < 8) {
      err.show('The password needs at least 8 characters.');
      password.focus();
      return;
    }
    submit.disabled = true;
    try {
      const u = await post(signup ? '/auth/signup' : '/auth/login', { name: name.value.trim(), password: password.value });
      setUser(u);
      ctx.go('#/problems');
    } catch (e) {
      let msg = e.message;
      if (e.status === 401) msg = 'Wrong name or password.';
      else if (e.status === 409) msg = 'That name is taken: choose another.';
      else if (e.status === 404) msg = 'This server has no password accounts (ask an admin for a token).';
      else if (e.status === 429) msg = 'Too many attempts: wait a minute and try again.';
      err.show(msg);
    } finally {
      submit.disabled = false;
    }
  });
  ctx.put(
    h('h1', { text: title }),
    notice ? h('p.notice', { role: 'status', text: notice }) : null,
    form,
    h(
      'p',
      null,
      signup ? 'Already have an account? ' : 'New here? ',
      h('a', { href: signup ? '#/login' : '#/signup', text: signup ? 'Log in to your account' : 'Create an account' }),
    ),
  );
}
