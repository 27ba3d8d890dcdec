// The web app as a person uses it, in headless Chromium (Debian's /usr/bin/chromium driven by
// playwright-core): sign up, open a problem, type an accepted Python solution into the editor,
// Run, Submit, a wrong answer and its failing case, the submission history, a contest's board,
// log out and be refused. Every page: a screenshot, axe-core (serious or critical violations
// fail), and no console error or page error. Prints one line per step, "ok - ..." or
// "not ok - ..." (browser-test.sh numbers them as TAP), details as "# ..." lines.
//
//   node browser-test.mjs  (settings in the environment, set by browser-test.sh)
//     WEB_BASE          the app's address, e.g. http://127.0.0.1:8080 (judged serves it at /)
//     WEB_SHOTS         directory for the screenshots
//     WEB_PROBLEM       problem slug (two-sum); WEB_TITLE its title
//     WEB_AC, WEB_WA    files: an accepted and a wrong-answer Python solution
//     WEB_SAMPLES       how many sample cases the problem has
//     WEB_OWN_CASE      a case of the user's own for Run, as typed into "Your test cases"
//     WEB_CONTEST_ID, WEB_CONTEST_TITLE   a running competition with that problem
//     WEB_DOCS_SHOT     if set, where to copy the problem page's screenshot (docs/)
import { chromium } from 'playwright-core';
import { readFileSync, mkdirSync, copyFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { createRequire } from 'node:module';

const env = (k) => {
        const v = process.env[k];
        if (v === undefined || v === '') throw new Error(`${k} is not set`);
        return v;
};
const BASE = env('WEB_BASE').replace(/\/$/, '');
const SHOTS = env('WEB_SHOTS');
const SLUG = env('WEB_PROBLEM');
const TITLE = env('WEB_TITLE');
const AC_CODE = readFileSync(env('WEB_AC'), 'utf8');
const WA_CODE = readFileSync(env('WEB_WA'), 'utf8');
const CONTEST_ID = env('WEB_CONTEST_ID');
const CONTEST_TITLE = env('WEB_CONTEST_TITLE');
const DOCS_SHOT = process.env.WEB_DOCS_SHOT || '';
const SAMPLES = Number(env('WEB_SAMPLES'));
const OWN_CASE = env('WEB_OWN_CASE');
const AXE_JS = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const JUDGE_TIMEOUT = 120000; // a judgement on a loaded 2-core machine: generous, not a measure
const STEP_TIMEOUT = 15000;

let failures = 0;
const ok = (d) => console.log(`ok - ${d}`);
const notOk = (d) => {
        failures++;
        console.log(`not ok - ${d}`);
};
const diag = (s) => {
        for (const line of String(s).split('\n')) console.log(`# ${line}`);
};
const check = (d, cond, detail) => {
        if (cond) ok(d);
        else {
                notOk(d);
                if (detail) diag(detail);
        }
        return cond;
};
// step DESCRIPTION FN: one TAP line; an exception is the step's failure (and its message).
async function step(d, fn) {
        const t = Date.now();
        try {
                const r = await fn();
                if (Date.now() - t > 3000) diag(`${((Date.now() - t) / 1000).toFixed(1)} s: ${d}`);
                if (r === false) notOk(d);
                else ok(d);
                return r !== false;
        } catch (e) {
                notOk(d);
                diag(String(e && e.message ? e.message : e).split('\n').slice(0, 8).join('\n'));
                return false;
        }
}

// Console errors and page errors, all pages of the context. Chromium logs every 4xx answer as a
// console error ("Failed to load resource"); three are expected, each a 401: a logged-out app
// asking GET /me, the test's own GET /me after logging out, the wrong password's POST /auth/login.
const consoleErrors = [];
function watch(page) {
        page.on('console', (msg) => {
                if (msg.type() !== 'error') return;
                const url = (msg.location() && msg.location().url) || '';
                const text = msg.text();
                if (/Failed to load resource: the server responded with a status of 401/.test(text) &&
                    ['/me', '/auth/login'].includes(new URL(url || BASE, BASE).pathname))
                        return;
                consoleErrors.push(`console error on ${page.url()}: ${text}${url ? ` (${url})` : ''}`);
        });
        page.on('pageerror', (err) => consoleErrors.push(`page error on ${page.url()}: ${err.message}`));
}

// The page's screenshot and axe-core's check: serious or critical violations fail the step,
// others are listed.
async function audit(page, name) {
        const file = join(SHOTS, `${name}.png`);
        await page.screenshot({ path: file, fullPage: true });
        await page.addScriptTag({ path: AXE_JS });
        const res = await page.evaluate(async () => {
                const r = await window.axe.run(document, { resultTypes: ['violations'] });
                return r.violations.map((v) => ({
                        id: v.id,
                        impact: v.impact,
                        help: v.help,
                        nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')),
                }));
        });
        const bad = res.filter((v) => v.impact === 'serious' || v.impact === 'critical');
        for (const v of res)
                diag(`axe ${name}: ${v.impact} ${v.id}: ${v.help} [${v.nodes.join(' | ')}]`);
        check(`${name}: screenshot ${name}.png; axe-core finds no serious or critical violation` +
                (bad.length ? ` (${bad.map((v) => v.id).join(', ')})` : ''), bad.length === 0);
}

// Options of a <select> labelled LABEL whose text or value matches RE (a RegExp, or a function
// of {value, text}): selects the first one.
async function chooseOption(page, label, re) {
        const match = typeof re === 'function' ? re : (x) => re.test(x.text) || re.test(x.value);
        const sel = page.getByLabel(label, { exact: true });
        await sel.waitFor({ timeout: STEP_TIMEOUT });
        const opts = await sel.locator('option').evaluateAll((os) =>
                os.map((o) => ({ value: o.value, text: o.textContent.trim() })));
        const o = opts.find(match);
        if (!o) throw new Error(`select "${label}" has no option matching ${re}: ${JSON.stringify(opts)}`);
        await sel.selectOption(o.value);
        return o;
}

// The editor's content replaced by CODE: focus, select all, then insert the text as one input
// (typed key by key, the editor's auto-indent would indent each line a second time).
async function setCode(page, code) {
        const ed = page.locator('.cm-content');
        await ed.waitFor({ timeout: STEP_TIMEOUT });
        const label = await ed.getAttribute('aria-label');
        if (label !== 'Code editor') throw new Error(`.cm-content's aria-label is ${JSON.stringify(label)}, not "Code editor"`);
        await ed.click();
        await page.keyboard.press('ControlOrMeta+a');
        await page.keyboard.insertText(code);
        const text = await ed.evaluate((e) => e.innerText);
        const want = code.split('\n').map((l) => l.trim()).filter(Boolean);
        const got = text.split('\n').map((l) => l.trim()).filter(Boolean);
        if (JSON.stringify(want) !== JSON.stringify(got))
                throw new Error(`the editor holds something else than the code typed:\n${text.slice(0, 400)}`);
}

const FINAL = ['AC', 'WA', 'TLE', 'MLE', 'RE', 'CE', 'OLE', 'IE', 'PE', 'SE'];
// Clicks BUTTON and waits for the Results region to show a final verdict of this judgement, not
// the one before: the verdict elements present before the click are marked; the answer is an
// unmarked element with a final verdict, or a marked one (kept by the page's framework) that was
// seen pending, changed or gone in between (a MutationObserver on the region watches).
async function judgeAndWait(page, button) {
        const results = page.getByRole('region', { name: 'Results', exact: true });
        await results.waitFor({ state: 'attached', timeout: STEP_TIMEOUT });
        await results.evaluate((r, final) => {
                const old = [...r.querySelectorAll('[data-verdict]')];
                for (const e of old) e.setAttribute('data-test-old', e.getAttribute('data-verdict'));
                window.__oldVerdicts = old;
                window.__oldPending = old.length === 0;
                if (window.__resultsObserver) window.__resultsObserver.disconnect();
                window.__resultsObserver = new MutationObserver(() => {
                        if (window.__oldVerdicts.some((e) => !e.isConnected || !final.includes(e.getAttribute('data-verdict')) ||
                                e.getAttribute('data-verdict') !== e.getAttribute('data-test-old')))
                                window.__oldPending = true;
                });
                window.__resultsObserver.observe(r, { subtree: true, childList: true, attributes: true, characterData: true });
        }, FINAL);
        await page.getByRole('button', { name: button, exact: true }).click();
        const handle = await page.waitForFunction((final) => {
                const r = document.querySelector('[aria-label="Results"]');
                if (!r) return null;
                for (const e of r.querySelectorAll('[data-verdict]')) {
                        const v = e.getAttribute('data-verdict');
                        if (!final.includes(v)) continue;
                        if (!e.hasAttribute('data-test-old') || window.__oldPending)
                                return { verdict: v, text: e.textContent.trim() };
                }
                return null;
        }, FINAL, { timeout: JUDGE_TIMEOUT, polling: 100 });
        const v = await handle.jsonValue();
        v.region = (await results.innerText()).replace(/\s+/g, ' ').slice(0, 600);
        return v;
}

async function main() {
        mkdirSync(SHOTS, { recursive: true });
        // Playwright starts Chromium with a new empty profile (--user-data-dir) of its own.
        const browser = await chromium.launch({
                executablePath: '/usr/bin/chromium',
                headless: true,
                args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
                        '--disable-background-networking', '--disable-component-update', '--disable-sync'],
        });
        const t0 = Date.now();
        try {
                await run(browser);
        } finally {
                await browser.close().catch(() => {});
                diag(`browser steps took ${((Date.now() - t0) / 1000).toFixed(1)} s`);
        }
}

async function run(browser) {
        const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
        ctx.setDefaultTimeout(STEP_TIMEOUT);
        const page = await ctx.newPage();
        watch(page);
        const name = `webtest${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
        const password = `pw-${Math.random().toString(36).slice(2)}-long`;

        // 1. The front page, logged out: "Log in" and "Sign up".
        if (!await step('open /: the app loads, logged out it offers "Log in" and "Sign up"', async () => {
                const resp = await page.goto(`${BASE}/`);
                if (!resp || resp.status() !== 200) throw new Error(`GET / answered ${resp && resp.status()}`);
                await page.getByRole('link', { name: 'Sign up', exact: true }).first().waitFor();
                await page.getByRole('link', { name: 'Log in', exact: true }).first().waitFor();
        })) return;
        await audit(page, 'home');

        // 2. Sign up a fresh user.
        await page.getByRole('link', { name: 'Sign up', exact: true }).first().click();
        await page.getByLabel('Name', { exact: true }).waitFor();
        await audit(page, 'signup');
        if (!await step(`sign up as ${name}: lands on #/problems with "Log out"`, async () => {
                await page.getByLabel('Name', { exact: true }).fill(name);
                await page.getByLabel('Password', { exact: true }).fill(password);
                await page.getByRole('button', { name: 'Sign up', exact: true }).click();
                await page.waitForURL(/#\/problems$/);
                await page.getByRole('button', { name: 'Log out', exact: true }).waitFor();
        })) return;
        await step('a user who is not an admin has no "Admin" link', async () => {
                await page.getByRole('link', { name: 'Problems', exact: true }).first().waitFor();
                return await page.getByRole('link', { name: 'Admin', exact: true }).count() === 0;
        });

        // 3. The problem list: a table, the filters, the search.
        await step(`problem list: a table with a link "${TITLE}"; Search, Difficulty and Tag filter it`, async () => {
                await page.getByRole('table').first().waitFor();
                const link = page.getByRole('link', { name: TITLE, exact: true });
                await link.waitFor();
                const rows0 = await page.getByRole('row').count();
                await page.getByLabel('Search', { exact: true }).fill(TITLE);
                await link.waitFor();
                await page.waitForFunction((n) => document.querySelectorAll('tr').length < n, rows0);
                await page.getByLabel('Search', { exact: true }).fill('');
                // a difficulty the problem does not have hides it
                const own = await page.getByRole('row').filter({ has: link }).innerText();
                const other = await chooseOption(page, 'Difficulty', (o) => o.value !== '' && !/^(all|any)$/i.test(o.text) &&
                        !own.toLowerCase().includes(o.text.toLowerCase()));
                diag(`Difficulty "${other.text}" hides "${TITLE}"`);
                await link.waitFor({ state: 'detached' });
                await chooseOption(page, 'Difficulty', /^(all|any|)$/i);
                await link.waitFor();
                await chooseOption(page, 'Tag', /hash-table/i);
                await link.waitFor();
                await chooseOption(page, 'Tag', /^(all|any|)$/i);
        });
        await audit(page, 'problems');

        // 4. The problem page: Python, the accepted solution, Run, Submit.
        if (!await step(`open "${TITLE}": h1, Language, the editor, Run and Submit`, async () => {
                await page.getByRole('link', { name: TITLE, exact: true }).click();
                await page.waitForURL(new RegExp(`#/problems/${SLUG}$`));
                await page.getByRole('heading', { level: 1, name: TITLE, exact: true }).first().waitFor();
                await chooseOption(page, 'Language', /python/i);
                await page.locator('.cm-content').waitFor();
                await page.getByRole('button', { name: 'Run', exact: true }).waitFor();
                await page.getByRole('button', { name: 'Submit', exact: true }).waitFor();
                await page.getByLabel('Your test cases', { exact: true }).waitFor();
        })) return;
        await step('type the accepted Python solution into the editor', () => setCode(page, AC_CODE));
        await step(`Run with a case of the user's own (${OWN_CASE}): the ${SAMPLES} samples and it, each Accepted, and the verdict`, async () => {
                await page.getByLabel('Your test cases', { exact: true }).fill(OWN_CASE);
                const v = await judgeAndWait(page, 'Run');
                diag(`Run: ${v.verdict} "${v.text}"; results: ${v.region}`);
                // the verdict, then each case's own "Accepted"
                const n = (v.region.match(/Accepted/g) || []).length;
                return v.verdict === 'AC' && v.text.includes('Accepted') && n >= SAMPLES + 2;
        });
        await step('Submit: Accepted', async () => {
                await page.getByLabel('Your test cases', { exact: true }).fill('');
                const v = await judgeAndWait(page, 'Submit');
                diag(`Submit: ${v.verdict} "${v.text}"`);
                return v.verdict === 'AC' && v.text.includes('Accepted');
        });
        await step('type a wrong solution, Submit: Wrong Answer and a "Failing case" section', async () => {
                await setCode(page, WA_CODE);
                const v = await judgeAndWait(page, 'Submit');
                diag(`Submit: ${v.verdict} "${v.text}"; results: ${v.region}`);
                await page.getByRole('heading', { name: 'Failing case', exact: true }).waitFor({ state: 'visible' });
                return v.verdict === 'WA' && v.text.includes('Wrong Answer');
        });
        await step('the "Submissions" history lists the accepted and the wrong submission', async () => {
                const h = page.getByRole('heading', { name: 'Submissions', exact: true });
                await h.waitFor();
                await page.waitForFunction(() => {
                        const h = [...document.querySelectorAll('h1,h2,h3,h4,h5,h6')].find((e) => e.textContent.trim() === 'Submissions');
                        const s = h && (h.closest('section') || h.parentElement);
                        const t = s ? s.innerText : '';
                        return t.includes('Accepted') && t.includes('Wrong Answer');
                }, null, { timeout: 30000 });
        });
        await audit(page, 'problem');
        if (DOCS_SHOT) {
                await page.evaluate(() => window.scrollTo(0, 0));
                await page.screenshot({ path: join(SHOTS, 'problem-viewport.png') });
                mkdirSync(dirname(DOCS_SHOT), { recursive: true });
                copyFileSync(join(SHOTS, 'problem-viewport.png'), DOCS_SHOT);
                diag(`copied the problem page's screenshot to ${DOCS_SHOT}`);
        }

        // 5. Keyboard: Tab reaches Run and Submit, and the focus is visible.
        await step('keyboard: Tab reaches Run and Submit, each with a visible focus indicator', async () => {
                await page.locator('body').evaluate((b) => { document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0); });
                const seen = {};
                for (let i = 0; i < 80 && !(seen.Run && seen.Submit); i++) {
                        const inEditor = await page.evaluate(() => !!(document.activeElement && document.activeElement.closest('.cm-content')));
                        if (inEditor) await page.keyboard.press('Escape'); // CodeMirror: Escape, then Tab leaves the editor
                        await page.keyboard.press('Tab');
                        const f = await page.evaluate(() => {
                                const e = document.activeElement;
                                if (!e || e.tagName !== 'BUTTON') return null;
                                const name = e.textContent.trim();
                                const cs = getComputedStyle(e);
                                const ring = (cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) > 0) ||
                                        (cs.boxShadow && cs.boxShadow !== 'none');
                                return { name, ring, focusVisible: e.matches(':focus-visible') };
                        });
                        if (f && (f.name === 'Run' || f.name === 'Submit')) {
                                seen[f.name] = f;
                                diag(`Tab ${i + 1}: ${f.name} (focus-visible ${f.focusVisible}, outline or ring ${f.ring})`);
                        }
                }
                return !!(seen.Run && seen.Submit && seen.Run.ring && seen.Submit.ring && seen.Run.focusVisible && seen.Submit.focusVisible);
        });

        // 6. 375 px wide: the problem page needs no horizontal scroll.
        await step('375 px wide: the problem page has no horizontal scroll', async () => {
                const m = await ctx.newPage();
                watch(m);
                await m.setViewportSize({ width: 375, height: 812 });
                await m.goto(`${BASE}/#/problems/${SLUG}`);
                await m.getByRole('heading', { level: 1, name: TITLE, exact: true }).first().waitFor();
                await m.locator('.cm-content').waitFor();
                await m.waitForTimeout(300);
                const w = await m.evaluate(() => document.documentElement.scrollWidth);
                diag(`scrollWidth at 375 px: ${w}`);
                if (w > 375) {
                        // the innermost elements reaching past the right edge
                        const wide = await m.evaluate(() => [...document.querySelectorAll('body *')]
                                .filter((e) => e.getBoundingClientRect().right > 375.5 &&
                                        ![...e.children].some((c) => c.getBoundingClientRect().right > 375.5))
                                .filter((e) => { // not inside a box that scrolls or clips it
                                        for (let a = e.parentElement; a && a !== document.body; a = a.parentElement)
                                                if (getComputedStyle(a).overflowX !== 'visible') return false;
                                        return true;
                                })
                                .slice(0, 6).map((e) => `${e.tagName.toLowerCase()}${e.className && typeof e.className === 'string' ? '.' + e.className.trim().split(/\s+/).join('.') : ''} (right ${Math.round(e.getBoundingClientRect().right)})`));
                        diag(`past 375 px: ${wide.join(', ')}`);
                }
                await m.screenshot({ path: join(SHOTS, 'problem-375.png'), fullPage: true });
                await audit(m, 'problem-375');
                await m.close();
                return w <= 375;
        });

        // 7. The problem list marks the problem solved.
        await step(`the problem list marks "${TITLE}" Solved`, async () => {
                await page.getByRole('link', { name: 'Problems', exact: true }).first().click();
                await page.waitForURL(/#\/problems$/);
                const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: TITLE, exact: true }) });
                await row.waitFor();
                await page.waitForFunction((t) => [...document.querySelectorAll('tr')].some((r) =>
                        [...r.querySelectorAll('a')].some((a) => a.textContent.trim() === t) && r.innerText.includes('Solved')), TITLE);
        });

        // 8. Contests: join, (submit within it where the page links the problem), own row on the board.
        await step(`Contests: "${CONTEST_TITLE}" is listed; Join`, async () => {
                await page.getByRole('link', { name: 'Contests', exact: true }).first().click();
                await page.waitForURL(/#\/contests$/);
                const link = page.getByRole('link', { name: CONTEST_TITLE, exact: true });
                await link.waitFor();
                await audit(page, 'contests');
                await link.click();
                await page.waitForURL(new RegExp(`#/contests/${CONTEST_ID}$`));
                await page.getByRole('button', { name: 'Join', exact: true }).click();
                await page.getByRole('button', { name: 'Join', exact: true }).waitFor({ state: 'detached' });
        });
        const probLink = page.getByRole('main').getByRole('link', { name: TITLE, exact: true });
        if (await probLink.count() > 0) {
                await step(`the contest links "${TITLE}": Submit the accepted solution there, Accepted, counted on the board`, async () => {
                        await probLink.first().click();
                        await page.getByRole('heading', { level: 1, name: TITLE, exact: true }).first().waitFor();
                        await chooseOption(page, 'Language', /python/i);
                        await setCode(page, AC_CODE);
                        const v = await judgeAndWait(page, 'Submit');
                        diag(`contest Submit: ${v.verdict} "${v.text}"`);
                        const me = await page.evaluate(async (id) => {
                                const r = await fetch(`/competitions/${id}/leaderboard/me`, { credentials: 'same-origin' });
                                return { status: r.status, body: await r.text() };
                        }, CONTEST_ID);
                        diag(`GET /competitions/${CONTEST_ID}/leaderboard/me: ${me.status} ${me.body.slice(0, 300)}`);
                        await page.goto(`${BASE}/#/contests/${CONTEST_ID}`);
                        return v.verdict === 'AC' && me.status === 200 && JSON.parse(me.body).solved === 1;
                });
        } else {
                diag('the contest page links none of its problems: no submission within the contest from the UI');
        }
        await step('the board (table "Leaderboard") shows the user\'s own row, aria-current="true"', async () => {
                const board = page.getByRole('table', { name: 'Leaderboard', exact: true });
                await board.waitFor();
                const mine = board.locator('tr[aria-current="true"]');
                await mine.waitFor();
                const t = (await mine.innerText()).replace(/\s+/g, ' ');
                diag(`own row: ${t}`);
                return (await mine.count()) === 1 && t.includes(name);
        });
        await audit(page, 'contest');

        // 9. Log out: the old session is refused, the app offers "Log in"; logging in again works.
        const cookies = await ctx.cookies(BASE);
        const session = cookies.find((c) => c.name === 'judge_session');
        check('the session cookie judge_session is HttpOnly and SameSite', session && session.httpOnly && session.sameSite !== 'None',
                `cookies: ${JSON.stringify(cookies.map((c) => ({ name: c.name, httpOnly: c.httpOnly, sameSite: c.sameSite })))}`);
        await step('Log out: the app shows "Log in"; in-browser GET /me is 401; the old cookie is refused', async () => {
                await page.getByRole('button', { name: 'Log out', exact: true }).click();
                await page.getByRole('link', { name: 'Log in', exact: true }).first().waitFor();
                const st = await page.evaluate(async () => (await fetch('/me', { credentials: 'same-origin' })).status);
                let old = 'no cookie';
                if (session) {
                        const r = await fetch(`${BASE}/me`, { headers: { Cookie: `judge_session=${session.value}` } });
                        old = r.status;
                }
                diag(`after logging out: in-browser GET /me ${st}; GET /me with the old cookie ${old}`);
                return st === 401 && old === 401;
        });
        await page.getByRole('link', { name: 'Log in', exact: true }).first().click();
        await page.getByLabel('Password', { exact: true }).waitFor();
        await audit(page, 'login');
        await step('Log in with a wrong password: an alert; with the right one: #/problems and "Log out"', async () => {
                await page.getByLabel('Name', { exact: true }).fill(name);
                await page.getByLabel('Password', { exact: true }).fill(`${password}x`);
                await page.getByRole('button', { name: 'Log in', exact: true }).click();
                const alert = page.getByRole('alert');
                await alert.first().waitFor();
                diag(`alert: ${(await alert.first().innerText()).trim()}`);
                await page.getByLabel('Password', { exact: true }).fill(password);
                await page.getByRole('button', { name: 'Log in', exact: true }).click();
                await page.waitForURL(/#\/problems$/);
                await page.getByRole('button', { name: 'Log out', exact: true }).waitFor();
        });
        await ctx.close();
}

try {
        await main();
} catch (e) {
        notOk(`the browser test ran to its end: ${e && e.message ? e.message.split('\n')[0] : e}`);
        diag(String(e && e.stack ? e.stack : e).split('\n').slice(0, 10).join('\n'));
}
check(`no console error and no page error (${consoleErrors.length})`, consoleErrors.length === 0, consoleErrors.slice(0, 30).join('\n'));
process.exit(failures ? 1 : 0);
