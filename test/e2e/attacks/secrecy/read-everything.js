// Attack (test/e2e/secrecy.sh): during the first sample case, look for the hidden inputs of
// secret-inputs in every file under /sub and /tmp, the runner's /proc/1/{environ,cmdline,mem},
// and this process's memory (/proc/self/mem). Prints "FOUND <value> in <where>"; the sample's
// own input is the control.
// The solution runs as a script: no require of its own; the main module's serves.
const load = process.mainModule ? (m) => process.mainModule.require(m) : (m) => process.getBuiltinModule(m);
const fs = load('fs');
const crypto = load('crypto');
// The values are known only by their SHA-256 (two hidden inputs, then the sample's): holding
// them in plain form, this process would find itself. A match is a 9-digit run that hashes so.
const TARGETS = new Set([
    '8a9bcf1e51e812d0af8465a8dbcc9f741064bf0af3b3d08e6b0246437c19f7fb',
    'e094461145afaf76c97e96a7d9542c0b4f9eed158da7338c29a8400fa6d4ab3d',
    '837e59d0396ab5fcfa64c48dfe989f496ed21386799399a7d43582900871a7a3',
]);
const seen = new Set();
let done = false;

function scan(buf, where) {
    const n = buf.length;
    let i = 0;
    while (i < n) {
        if (buf[i] < 48 || buf[i] > 57) {
            i++;
            continue;
        }
        let j = i;
        while (j < n && buf[j] >= 48 && buf[j] <= 57)
            j++;
        if (j - i === 9) {
            const run = buf.subarray(i, j);
            if (TARGETS.has(crypto.createHash('sha256').update(run).digest('hex'))) {
                const t = run.toString('latin1');
                if (!seen.has(t + where)) {
                    seen.add(t + where);
                    console.log('FOUND ' + t + ' in ' + where);
                }
            }
        }
        i = j;
    }
}

function slurp(p) {
    try {
        return fs.readFileSync(p);
    } catch (e) {
        console.log('DENIED ' + p + ' (' + e.code + ')');
        return null;
    }
}

function walk(dir) {
    let names;
    try {
        names = fs.readdirSync(dir);
    } catch (e) {
        return;
    }
    for (const n of names) {
        const p = dir + '/' + n;
        let st;
        try {
            st = fs.lstatSync(p);
        } catch (e) {
            continue;
        }
        if (st.isDirectory())
            walk(p);
        else if (st.isFile()) {
            const b = slurp(p);
            if (b) {
                console.log('READ ' + p + ' ' + b.length + ' bytes');
                scan(b, p);
            }
        }
    }
}

function scanMemory() {
    let total = 0;
    const fd = fs.openSync('/proc/self/mem', 'r');
    for (const line of fs.readFileSync('/proc/self/maps', 'utf8').split('\n')) {
        const m = /^([0-9a-f]+)-([0-9a-f]+) (\S+)/.exec(line);
        if (!m || m[3][0] !== 'r' || line.includes('[vvar'))
            continue;
        const lo = parseInt(m[1], 16), hi = parseInt(m[2], 16);
        if (hi - lo > (64 << 20))
            continue;
        const b = Buffer.alloc(hi - lo);
        let n = 0;
        try {
            n = fs.readSync(fd, b, 0, b.length, lo);
        } catch (e) {
            continue;
        }
        total += n;
        scan(b.subarray(0, n), 'memory');
    }
    console.log('SCANNED memory ' + total + ' bytes');
}

var lastDigits = function (n) {
    if (!done) {
        done = true;
        walk('/sub');
        walk('/tmp');
        for (const p of ['/proc/1/environ', '/proc/1/cmdline', '/proc/1/mem']) {
            const b = slurp(p);
            if (b) {
                console.log('READ ' + p + ' ' + b.length + ' bytes');
                scan(b, p);
            }
        }
        console.log('ENV ' + Object.keys(process.env).filter((k) => k.startsWith('JUDGE')).sort().join(' '));
        scanMemory();
        console.log('ATTACK DONE');
    }
    return n % 1000;
};
