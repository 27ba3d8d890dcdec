'use strict';
/*
 * The JavaScript harness of the judge (docs/internals.md).
 *
 *   node harness.js --check solution.js   compile step: syntax check, message, exit 1
 *   node harness.js                       run step: cwd holds solution.js; the job's lines
 *                                         come on fd $JUDGE_JOB_FD (a header, then a case at
 *                                         a time), answers go to fd $JUDGE_CHANNEL_FD as
 *                                         S/R/E/M/X lines
 *
 * The user's file runs as a script in this realm (vm.runInThisContext, file name solution.js,
 * so stack traces carry the user's own line numbers): its top-level var, let, const, function
 * and class bindings are then looked up by the signature's name, as LeetCode's driver does.
 * ListNode and TreeNode are globals with LeetCode's definitions, and so are LeetCode's preloaded
 * libraries (`_` is lodash; PriorityQueue, MinPriorityQueue, MaxPriorityQueue, Queue and Deque
 * from datastructures-js), unpacked by the image build under /opt/judge/node_modules (lang.json's
 * "npm"); nothing else of the harness is reachable by name (this module's bindings are not
 * globals).
 *
 *   node harness.js --libraries           image build: fail unless every library loads
 */

const fs = require('fs');
const vm = require('vm');
const util = require('util');

const SOURCE = 'solution.js';
const MESSAGE_CAP = 8192;
const FRAMES_SHOWN = 64;
const MAX_NESTING = 1000;

class HarnessError extends Error {}
class AnswerError extends Error {}

// --- the predefined names (LeetCode's JavaScript definitions) ------------------------------------

function ListNode(val, next) {
    this.val = (val === undefined ? 0 : val);
    this.next = (next === undefined ? null : next);
}

function TreeNode(val, left, right) {
    this.val = (val === undefined ? 0 : val);
    this.left = (left === undefined ? null : left);
    this.right = (right === undefined ? null : right);
}

// --- LeetCode's preloaded libraries ------------------------------------------------------------

/* [global name, npm package, export (null: the module itself)] */
const LIBRARIES = [
    ['_', 'lodash', null],
    ['PriorityQueue', '@datastructures-js/priority-queue', 'PriorityQueue'],
    ['MinPriorityQueue', '@datastructures-js/priority-queue', 'MinPriorityQueue'],
    ['MaxPriorityQueue', '@datastructures-js/priority-queue', 'MaxPriorityQueue'],
    ['Queue', '@datastructures-js/queue', 'Queue'],
    ['Deque', '@datastructures-js/deque', 'Deque'],
];

/* Make the libraries globals; returns the messages of those that did not load (a harness run on
 * a host without them, in the tests, goes on without them; the image build checks them). */
function loadLibraries() {
    const missing = [];
    for (const [global, pkg, name] of LIBRARIES) {
        try {
            const m = require(pkg);
            const v = name === null ? m : m[name];
            if (typeof v !== 'function')
                throw new Error(pkg + (name === null ? '' : ' has no ' + name));
            Object.defineProperty(globalThis, global, { value: v, writable: true, configurable: true, enumerable: false });
        } catch (e) {
            missing.push(global + ' (' + pkg + '): ' + e.message.split('\n')[0]);
        }
    }
    return missing;
}

// --- types -------------------------------------------------------------------------------------

const BASE_TYPES = ['int', 'long', 'double', 'bool', 'char', 'string', 'ListNode', 'TreeNode', 'void'];

/* A canonical type of the job (the host's lib/problem/types.c spelled it: a base name, then "[]" per
 * array level; no aliases, no spaces). */
function parseType(s) {
    if (typeof s !== 'string')
        throw new HarnessError('type is not a string: ' + JSON.stringify(s));
    let t = s, depth = 0;
    while (t.endsWith('[]')) {
        t = t.slice(0, -2);
        depth++;
    }
    if (!BASE_TYPES.includes(t) || (t === 'void' && depth > 0))
        throw new HarnessError('unknown type ' + JSON.stringify(s));
    let out = { kind: t };
    for (let k = 0; k < depth; k++)
        out = { kind: 'array', elem: out };
    return out;
}

const INT_MIN = -2147483648, INT_MAX = 2147483647;

function isInt32(v) {
    return Number.isInteger(v) && v >= INT_MIN && v <= INT_MAX;
}

/* Decode a JSON value of type t, checking its form: a mismatch is a bad job. */
function decode(t, v, where, depth) {
    if (depth > MAX_NESTING)
        throw new HarnessError(where + ': nested too deeply');
    switch (t.kind) {
    case 'int':
        if (!isInt32(v))
            throw new HarnessError(where + ': expected a 32-bit integer');
        return v;
    case 'long':
        if (!Number.isInteger(v))
            throw new HarnessError(where + ': expected an integer');
        return v;
    case 'double':
        if (typeof v !== 'number')
            throw new HarnessError(where + ': expected a number');
        return v;
    case 'bool':
        if (typeof v !== 'boolean')
            throw new HarnessError(where + ': expected true or false');
        return v;
    case 'char':
        if (typeof v !== 'string' || [...v].length !== 1)
            throw new HarnessError(where + ': expected a one-character string');
        return v;
    case 'string':
        if (typeof v !== 'string')
            throw new HarnessError(where + ': expected a string');
        return v;
    case 'array': {
        if (!Array.isArray(v))
            throw new HarnessError(where + ': expected an array');
        const out = new Array(v.length);
        for (let k = 0; k < v.length; k++)
            out[k] = decode(t.elem, v[k], where, depth + 1);
        return out;
    }
    case 'ListNode': {
        if (!Array.isArray(v) || !v.every(isInt32))
            throw new HarnessError(where + ': expected an array of integers');
        let head = null;
        for (let k = v.length - 1; k >= 0; k--)
            head = new ListNode(v[k], head);
        return head;
    }
    case 'TreeNode':
        if (!Array.isArray(v) || !v.every((x) => x === null || isInt32(x)))
            throw new HarnessError(where + ': expected an array of integers and nulls');
        return buildTree(v, where);
    default:
        throw new HarnessError(where + ': type ' + t.kind + ' cannot be an argument');
    }
}

function buildTree(v, where) {
    if (v.length === 0 || v[0] === null)
        return null;
    const root = new TreeNode(v[0]);
    const queue = [root];
    let qi = 0, i = 1;
    while (i < v.length) {
        if (qi >= queue.length)
            throw new HarnessError(where + ': level order has values below no parent');
        const node = queue[qi++];
        if (v[i] !== null) {
            node.left = new TreeNode(v[i]);
            queue.push(node.left);
        }
        i++;
        if (i < v.length && v[i] !== null) {
            node.right = new TreeNode(v[i]);
            queue.push(node.right);
        }
        i++;
    }
    return root;
}

// --- encoding ----------------------------------------------------------------------------------

/* A double the way Python's repr writes it (2.0, 0.1, 1e-05, 1.5e+16); NaN and the infinities
 * are null. toExponential() gives the shortest digits that read back as the same double. */
function pyFloat(x) {
    if (!Number.isFinite(x))
        return 'null';
    if (x === 0)
        return Object.is(x, -0) ? '-0.0' : '0.0';
    const [m, e] = Math.abs(x).toExponential().split('e');
    const digits = m.replace('.', '');
    const exp = parseInt(e, 10);
    let s;
    if (exp >= -4 && exp < 16) {
        if (exp >= 0)
            s = digits.length <= exp + 1 ? digits + '0'.repeat(exp + 1 - digits.length) + '.0'
                : digits.slice(0, exp + 1) + '.' + digits.slice(exp + 1);
        else
            s = '0.' + '0'.repeat(-exp - 1) + digits;
    } else {
        s = digits[0] + (digits.length > 1 ? '.' + digits.slice(1) : '') + 'e' + (exp < 0 ? '-' : '+')
            + (Math.abs(exp) < 10 ? '0' : '') + Math.abs(exp);
    }
    return x < 0 ? '-' + s : s;
}

function intText(v) {
    return Math.abs(v) < 1e21 ? String(v) : BigInt(v).toString();
}

function isListNode(v) {
    return v instanceof ListNode || (v !== null && typeof v === 'object' && 'val' in v && 'next' in v);
}

function isTreeNode(v) {
    return v instanceof TreeNode ||
        (v !== null && typeof v === 'object' && 'val' in v && 'left' in v && 'right' in v);
}

function isIterable(v) {
    return v !== null && typeof v === 'object' && typeof v[Symbol.iterator] === 'function';
}

function encodeList(v) {
    const out = [];
    const seen = new Set();
    for (; v !== null && v !== undefined; v = v.next) {
        if (seen.has(v))
            throw new AnswerError('Error - Found cycle in the ListNode');
        seen.add(v);
        out.push(encodeAny(v.val, 1));
    }
    return '[' + out.join(',') + ']';
}

function encodeTree(root) {
    const out = [];
    const seen = new Set();
    const queue = [root];
    for (let qi = 0; qi < queue.length; qi++) {
        const node = queue[qi];
        if (node === null || node === undefined) {
            out.push('null');
            continue;
        }
        if (seen.has(node))
            throw new AnswerError('Error - Found cycle in the TreeNode');
        seen.add(node);
        out.push(encodeAny(node.val, 1));
        queue.push(node.left, node.right);
    }
    while (out.length > 0 && out[out.length - 1] === 'null')
        out.pop();
    return '[' + out.join(',') + ']';
}

/* A value whose type does not match the declared one, encoded as JSON would see it. */
function encodeAny(v, depth) {
    if (depth > MAX_NESTING)
        throw new AnswerError('return value nested too deeply');
    if (v === null || v === undefined)
        return 'null';
    switch (typeof v) {
    case 'boolean':
        return v ? 'true' : 'false';
    case 'number':
        return Number.isInteger(v) ? intText(v) : pyFloat(v);
    case 'bigint':
        return v.toString();
    case 'string':
        return JSON.stringify(v);
    default:
        break;
    }
    if (isTreeNode(v))
        return encodeTree(v);
    if (isListNode(v))
        return encodeList(v);
    if (Array.isArray(v) || ArrayBuffer.isView(v) || isIterable(v))
        return '[' + Array.from(v, (x) => encodeAny(x, depth + 1)).join(',') + ']';
    if (typeof v === 'object')
        return '{' + Object.keys(v).map((k) => JSON.stringify(k) + ':' + encodeAny(v[k], depth + 1)).join(',') + '}';
    throw new AnswerError('cannot serialize a return value of type ' + typeof v);
}

function encode(t, v, depth) {
    if (depth > MAX_NESTING)
        throw new AnswerError('return value nested too deeply');
    if (t.kind === 'void')
        return 'null';
    if (v === null || v === undefined)
        // A null array (Go's nil) and an empty list or tree all read as [].
        return t.kind === 'array' || t.kind === 'ListNode' || t.kind === 'TreeNode' ? '[]' : 'null';
    switch (t.kind) {
    case 'int':
    case 'long':
        if (typeof v === 'number' && Number.isInteger(v))
            return intText(v);
        if (typeof v === 'bigint')
            return v.toString();
        if (typeof v === 'boolean')
            return v ? '1' : '0';
        break;
    case 'double':
        if (typeof v === 'number')
            return pyFloat(v);
        if (typeof v === 'bigint')
            return pyFloat(Number(v));
        break;
    case 'bool':
        if (typeof v === 'boolean')
            return v ? 'true' : 'false';
        break;
    case 'char':
    case 'string':
        if (typeof v === 'string')
            return JSON.stringify(v);
        break;
    case 'array':
        if (typeof v === 'string' && t.elem.kind === 'char')
            return '[' + Array.from(v, (c) => JSON.stringify(c)).join(',') + ']';
        if (Array.isArray(v) || ArrayBuffer.isView(v) || isIterable(v))
            return '[' + Array.from(v, (x) => encode(t.elem, x, depth + 1)).join(',') + ']';
        break;
    case 'ListNode':
        if (isListNode(v))
            return encodeList(v);
        break;
    case 'TreeNode':
        if (isTreeNode(v))
            return encodeTree(v);
        break;
    default:
        break;
    }
    return encodeAny(v, depth);
}

// --- signature and job -------------------------------------------------------------------------

const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

function parseParams(m, where) {
    const params = (m && m.params) || [];
    if (!Array.isArray(params))
        throw new HarnessError(where + ': params is not an array');
    return params.map((p) => {
        if (p === null || typeof p !== 'object' || !('type' in p))
            throw new HarnessError(where + ': a param without a type');
        return parseType(p.type);
    });
}

function parseSignature(sig) {
    if (sig === null || typeof sig !== 'object' || typeof sig.name !== 'string' || !IDENT.test(sig.name))
        throw new HarnessError('signature without a name');
    const s = { kind: sig.kind || 'function', name: sig.name };
    if (s.kind === 'class') {
        const own = Object.prototype.hasOwnProperty.call(sig, 'constructor');
        s.ctor = parseParams(own ? sig['constructor'] : null, 'constructor');
        s.methods = new Map();
        for (const m of sig.methods || []) {
            if (m === null || typeof m !== 'object' || typeof m.name !== 'string')
                throw new HarnessError('a method without a name');
            s.methods.set(m.name, { params: parseParams(m, m.name), returns: parseType(m.returns || 'void') });
        }
    } else if (s.kind === 'function') {
        s.params = parseParams(sig, sig.name);
        s.returns = parseType(sig.returns || 'void');
        let op = sig.output_param;
        if (op === undefined || op === null)
            op = -1;
        if (!Number.isInteger(op) || op >= s.params.length)
            throw new HarnessError('output_param out of range');
        s.outputParam = op;
    } else {
        throw new HarnessError('unknown signature kind ' + JSON.stringify(s.kind));
    }
    return s;
}

function decodeArgs(types, args, where) {
    if (!Array.isArray(args) || args.length !== types.length)
        throw new HarnessError(where + ': expected ' + types.length + ' arguments');
    return types.map((t, k) => decode(t, args[k], where + '[' + k + ']', 0));
}

/* Decode one case before its clock starts: a list of {name, args, returns}. */
function prepareCase(sig, c, i) {
    if (c === null || typeof c !== 'object')
        throw new HarnessError('case ' + i + ' is not an object');
    if (sig.kind === 'function')
        return [{ name: sig.name, args: decodeArgs(sig.params, c.args, 'cases[' + i + '].args'), returns: sig.returns }];
    const calls = c.calls, args = c.args;
    if (!Array.isArray(calls) || !Array.isArray(args) || calls.length !== args.length || calls.length === 0)
        throw new HarnessError('case ' + i + ': calls and args do not match');
    const steps = [{ name: sig.name, args: decodeArgs(sig.ctor, args[0], 'cases[' + i + '].args[0]'), returns: null }];
    for (let j = 1; j < calls.length; j++) {
        const m = typeof calls[j] === 'string' ? sig.methods.get(calls[j]) : undefined;
        if (m === undefined)
            throw new HarnessError('case ' + i + ': unknown method ' + JSON.stringify(calls[j]));
        steps.push({ name: calls[j], args: decodeArgs(m.params, args[j], 'cases[' + i + '].args[' + j + ']'),
            returns: m.returns });
    }
    return steps;
}

// --- messages ----------------------------------------------------------------------------------

function cap(msg) {
    const b = Buffer.from(msg, 'utf8');
    if (b.length <= MESSAGE_CAP)
        return msg;
    return b.subarray(0, MESSAGE_CAP - 16).toString('utf8').replace(/\uFFFD$/, '') + '\n... (truncated)';
}

/* LeetCode's form: the error, then each of the user's frames, innermost first, as
 * "    Line N: Char C in solution.js (function)". */
function describe(e) {
    if (!(e instanceof Error) && !(e !== null && typeof e === 'object' && typeof e.stack === 'string'))
        return cap('Uncaught ' + util.inspect(e, { depth: 2, breakLength: Infinity }));
    let head;
    try {
        head = String(e);
    } catch (x) {
        head = 'Error';
    }
    const lines = [head];
    const frame = /^\s*at (?:(.*?) \()?(?:file:\/\/)?([^()]*?):(\d+):(\d+)\)?$/;
    let shown = 0, more = 0;
    for (const l of String(e.stack || '').split('\n')) {
        const m = frame.exec(l);
        if (!m || m[2] !== SOURCE)
            continue;
        if (shown++ >= FRAMES_SHOWN) {
            more++;
            continue;
        }
        lines.push('    Line ' + m[3] + ': Char ' + m[4] + ' in ' + SOURCE + ' (' + (m[1] || '<anonymous>') + ')');
    }
    if (more > 0)
        lines.push('    ... ' + more + ' more frames');
    return cap(lines.join('\n'));
}

// --- steps -------------------------------------------------------------------------------------

function check(path) {
    let code;
    try {
        code = fs.readFileSync(path, 'utf8');
    } catch (e) {
        process.stdout.write(path + ': ' + e.message + '\n');
        return 1;
    }
    try {
        new vm.Script(code, { filename: SOURCE });
    } catch (e) {
        if (!(e instanceof SyntaxError)) {
            process.stdout.write(String(e) + '\n');
            return 1;
        }
        // Node's own layout: "solution.js:N", the line, a caret, then the message.
        const stack = String(e.stack || '');
        const where = /^solution\.js:(\d+)\n/.exec(stack);
        let out = (where ? 'Line ' + where[1] + ': ' : '') + String(e) + '\n';
        if (where) {
            const end = stack.indexOf('\n\n');
            if (end > 0)
                out += stack.slice(0, end) + '\n';
        }
        process.stdout.write(out);
        return 1;
    }
    return 0;
}

function openChannel() {
    const env = process.env.JUDGE_CHANNEL_FD;
    const fd = env !== undefined && /^[0-9]+$/.test(env) ? parseInt(env, 10) : 3;
    let out = fd;
    try {
        // A new descriptor for the same pipe, close-on-exec (libuv opens with O_CLOEXEC), and
        // fd 3 itself closed: the user's child processes never hold the channel.
        out = fs.openSync('/proc/self/fd/' + fd, 'w');
        fs.closeSync(fd);
    } catch (e) {
        out = fd;
    }
    const pid = process.pid;
    return {
        send(line) {
            if (process.pid !== pid)
                process.reallyExit(0);
            const b = Buffer.from(line + '\n', 'utf8');
            for (let off = 0; off < b.length;)
                off += fs.writeSync(out, b, off, b.length - off);
        },
    };
}

/* The job from the runner's pipe (fd $JUDGE_JOB_FD): a header line, then one line per case,
 * which the runner sends only when the case before it has answered. A new descriptor for the
 * pipe (close-on-exec) replaces fd 4, as for the channel. */
function openJob() {
    const env = process.env.JUDGE_JOB_FD;
    const fd = env !== undefined && /^[0-9]+$/.test(env) ? parseInt(env, 10) : 4;
    let inp = fd;
    try {
        inp = fs.openSync('/proc/self/fd/' + fd, 'r');
        fs.closeSync(fd);
    } catch (e) {
        inp = fd;
    }
    let pending = Buffer.alloc(0);
    const chunk = Buffer.alloc(1 << 16);
    return {
        line() {
            const parts = [pending];
            let total = pending.length;
            let nl = pending.indexOf(10);
            while (nl < 0) {
                let n;
                try {
                    n = fs.readSync(inp, chunk, 0, chunk.length, null);
                } catch (e) {
                    if (e.code === 'EAGAIN' || e.code === 'EINTR')
                        continue;
                    n = 0;
                }
                if (n === 0) {
                    // Only the user's code can have closed or drained the pipe: its runtime error.
                    process.stderr.write('harness: the job pipe was closed or read by someone else\n');
                    process.reallyExit(3);
                }
                const got = Buffer.from(chunk.subarray(0, n));
                const at = got.indexOf(10);
                if (at >= 0)
                    nl = total + at;
                parts.push(got);
                total += n;
            }
            const all = parts.length === 1 ? parts[0] : Buffer.concat(parts, total);
            pending = Buffer.from(all.subarray(nl + 1));
            return JSON.parse(all.toString('utf8', 0, nl));
        },
    };
}

function cpuMicros(prev) {
    const u = process.cpuUsage(prev);
    return u.user + u.system;
}

function lookup(name) {
    // Top-level let, const and class bindings of a script are not properties of globalThis;
    // another script in the same realm sees them.
    return vm.runInThisContext('typeof ' + name + " === 'undefined' ? undefined : " + name,
        { filename: 'judge-lookup' });
}

function isMemoryError(e) {
    return e instanceof RangeError && /allocation failed|Invalid (typed )?array length|Invalid string length/.test(e.message);
}

function run(chan, sig, job, n) {
    chan.send('B'); // booted: the user's top-level code runs from here on, charged
    const code = fs.readFileSync(SOURCE, 'utf8');
    let target = null;
    for (let i = 0; i < n; i++) {
        const steps = prepareCase(sig, job.line(), i);
        let cpu = 0, text;
        chan.send('S ' + i);
        try {
            const t0 = process.cpuUsage();
            let value;
            try {
                if (target === null) {
                    new vm.Script(code, { filename: SOURCE }).runInThisContext();
                    target = lookup(sig.name);
                    if (typeof target !== 'function')
                        throw new ReferenceError(sig.name + (target === undefined ? ' is not defined'
                            : ' is not a function'));
                }
                if (sig.kind === 'function') {
                    value = target(...steps[0].args);
                } else {
                    const obj = new target(...steps[0].args);
                    value = [null];
                    for (let j = 1; j < steps.length; j++) {
                        const f = obj[steps[j].name];
                        if (typeof f !== 'function')
                            throw new TypeError('obj.' + steps[j].name + ' is not a function');
                        value.push(f.apply(obj, steps[j].args));
                    }
                }
            } finally {
                cpu = cpuMicros(t0);
            }
            if (sig.kind === 'function') {
                if (sig.returns.kind === 'void' && sig.outputParam >= 0)
                    text = encode(sig.params[sig.outputParam], steps[0].args[sig.outputParam], 0);
                else
                    text = encode(sig.returns, value, 0);
            } else {
                const parts = ['null'];
                for (let j = 1; j < steps.length; j++)
                    parts.push(encode(steps[j].returns, value[j], 0));
                text = '[' + parts.join(',') + ']';
            }
        } catch (e) {
            if (e instanceof AnswerError) {
                chan.send('E ' + i + ' ' + cpu + ' ' + JSON.stringify(e.message));
            } else if (isMemoryError(e)) {
                chan.send('M ' + i + ' ' + cpu + ' ' + JSON.stringify(cap(String(e))));
            } else {
                let msg;
                try {
                    msg = describe(e);
                } catch (x) {
                    msg = 'Uncaught exception';
                }
                chan.send('E ' + i + ' ' + cpu + ' ' + JSON.stringify(msg));
            }
            return 0;
        }
        chan.send('R ' + i + ' ' + cpu + ' ' + text);
    }
    return 0;
}

function main(argv) {
    if (argv.length === 2 && argv[0] === '--check')
        return check(argv[1]);
    if (argv.length === 1 && argv[0] === '--libraries') {
        const missing = loadLibraries();
        for (const m of missing)
            process.stderr.write('harness: library missing: ' + m + '\n');
        return missing.length ? 1 : 0;
    }
    let chan;
    try {
        chan = openChannel();
    } catch (e) {
        process.stderr.write('harness: no answer channel: ' + e + '\n');
        return 2;
    }
    let sig, job, n;
    try {
        job = openJob();
        const head = job.line();
        sig = parseSignature(head.signature);
        n = head.case_count;
        if (!Number.isInteger(n) || n < 0)
            throw new HarnessError('case_count is not a count');
    } catch (e) {
        chan.send('X ' + JSON.stringify('bad job: ' + e.message));
        return 2;
    }
    globalThis.ListNode = ListNode;
    globalThis.TreeNode = TreeNode;
    loadLibraries();
    try {
        return run(chan, sig, job, n);
    } catch (e) {
        if (e instanceof HarnessError)
            chan.send('X ' + JSON.stringify('bad job: ' + e.message));
        else
            chan.send('X ' + JSON.stringify('harness: ' + e));
        return 2;
    }
}

// Leave at once: timers or handles the user's code left must not hold the exit.
process.exit(main(process.argv.slice(2)));
