// The compiled part of the C++ harness (see judge.hpp): JSON parsing and writing, the answer
// channel, the per-case driver. Built once per image into judge.o.
#include "judge.hpp"

#include <cxxabi.h>
#include <fcntl.h>
#include <time.h>
#include <unistd.h>

namespace judge {

namespace {

class Parser {
      public:
        explicit Parser(const std::string &text) : p_(text.data()), end_(text.data() + text.size()) {
        }

        Json parse() {
                Json v = value(0);
                ws();
                if (p_ != end_)
                        fail("trailing characters");
                return v;
        }

      private:
        const char *p_, *end_;

        [[noreturn]] void fail(const char *what) {
                throw bad_job(std::string("job: ") + what);
        }
        void ws() {
                while (p_ != end_ && (*p_ == ' ' || *p_ == '\t' || *p_ == '\n' || *p_ == '\r'))
                        p_++;
        }
        bool lit(const char *w) {
                size_t n = strlen(w);
                if ((size_t)(end_ - p_) >= n && memcmp(p_, w, n) == 0) {
                        p_ += n;
                        return true;
                }
                return false;
        }
        static void put_utf8(std::string &out, unsigned cp) {
                if (cp < 0x80) {
                        out += (char)cp;
                } else if (cp < 0x800) {
                        out += (char)(0xC0 | (cp >> 6));
                        out += (char)(0x80 | (cp & 0x3F));
                } else if (cp < 0x10000) {
                        out += (char)(0xE0 | (cp >> 12));
                        out += (char)(0x80 | ((cp >> 6) & 0x3F));
                        out += (char)(0x80 | (cp & 0x3F));
                } else {
                        out += (char)(0xF0 | (cp >> 18));
                        out += (char)(0x80 | ((cp >> 12) & 0x3F));
                        out += (char)(0x80 | ((cp >> 6) & 0x3F));
                        out += (char)(0x80 | (cp & 0x3F));
                }
        }
        unsigned hex4() {
                if (end_ - p_ < 4)
                        fail("bad \\u escape");
                unsigned v = 0;
                for (int i = 0; i < 4; i++) {
                        char c = *p_++;
                        v <<= 4;
                        if (c >= '0' && c <= '9')
                                v |= c - '0';
                        else if (c >= 'a' && c <= 'f')
                                v |= c - 'a' + 10;
                        else if (c >= 'A' && c <= 'F')
                                v |= c - 'A' + 10;
                        else
                                fail("bad \\u escape");
                }
                return v;
        }
        std::string str() {
                std::string out;
                p_++; // opening quote
                for (;;) {
                        if (p_ == end_)
                                fail("unterminated string");
                        char c = *p_++;
                        if (c == '"')
                                return out;
                        if ((unsigned char)c < 0x20)
                                fail("control character in string");
                        if (c != '\\') {
                                out += c;
                                continue;
                        }
                        if (p_ == end_)
                                fail("unterminated string");
                        c = *p_++;
                        switch (c) {
                        case '"':
                                out += '"';
                                break;
                        case '\\':
                                out += '\\';
                                break;
                        case '/':
                                out += '/';
                                break;
                        case 'b':
                                out += '\b';
                                break;
                        case 'f':
                                out += '\f';
                                break;
                        case 'n':
                                out += '\n';
                                break;
                        case 'r':
                                out += '\r';
                                break;
                        case 't':
                                out += '\t';
                                break;
                        case 'u': {
                                unsigned cp = hex4();
                                if (cp >= 0xD800 && cp < 0xDC00 && end_ - p_ >= 6 && p_[0] == '\\' &&
                                    p_[1] == 'u') {
                                        const char *save = p_;
                                        p_ += 2;
                                        unsigned lo = hex4();
                                        if (lo >= 0xDC00 && lo < 0xE000)
                                                cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                                        else
                                                p_ = save;
                                }
                                if (cp >= 0xD800 && cp < 0xE000)
                                        cp = 0xFFFD;
                                put_utf8(out, cp);
                                break;
                        }
                        default:
                                fail("bad escape");
                        }
                }
        }
        Json value(int depth) {
                if (depth > 512)
                        fail("nested too deeply");
                ws();
                if (p_ == end_)
                        fail("unexpected end");
                Json v;
                char c = *p_;
                if (c == '{') {
                        v.kind = Json::Object;
                        p_++;
                        ws();
                        if (p_ != end_ && *p_ == '}') {
                                p_++;
                                return v;
                        }
                        for (;;) {
                                ws();
                                if (p_ == end_ || *p_ != '"')
                                        fail("expected a key");
                                std::string k = str();
                                ws();
                                if (p_ == end_ || *p_++ != ':')
                                        fail("expected ':'");
                                v.o.push_back(Json::Member{std::move(k), value(depth + 1)});
                                ws();
                                if (p_ != end_ && *p_ == ',') {
                                        p_++;
                                        continue;
                                }
                                if (p_ != end_ && *p_ == '}') {
                                        p_++;
                                        return v;
                                }
                                fail("expected ',' or '}'");
                        }
                }
                if (c == '[') {
                        v.kind = Json::Array;
                        p_++;
                        ws();
                        if (p_ != end_ && *p_ == ']') {
                                p_++;
                                return v;
                        }
                        for (;;) {
                                v.a.push_back(value(depth + 1));
                                ws();
                                if (p_ != end_ && *p_ == ',') {
                                        p_++;
                                        continue;
                                }
                                if (p_ != end_ && *p_ == ']') {
                                        p_++;
                                        return v;
                                }
                                fail("expected ',' or ']'");
                        }
                }
                if (c == '"') {
                        v.kind = Json::String;
                        v.s = str();
                        return v;
                }
                if (lit("true")) {
                        v.kind = Json::Bool;
                        v.b = true;
                        return v;
                }
                if (lit("false")) {
                        v.kind = Json::Bool;
                        return v;
                }
                if (lit("null"))
                        return v;
                const char *start = p_;
                while (p_ != end_ && (isdigit((unsigned char)*p_) || *p_ == '-' || *p_ == '+' || *p_ == '.' ||
                                      *p_ == 'e' || *p_ == 'E'))
                        p_++;
                if (p_ == start)
                        fail("unexpected character");
                v.kind = Json::Number;
                v.s.assign(start, p_);
                return v;
        }
};

} // namespace

Json parse_json(const std::string &text) {
        return Parser(text).parse();
}

void put_string(std::string &out, const char *s, size_t n) {
        static const char hex[] = "0123456789abcdef";
        out += '"';
        for (size_t i = 0; i < n;) {
                unsigned char c = (unsigned char)s[i];
                if (c == '"' || c == '\\') {
                        out += '\\';
                        out += (char)c;
                        i++;
                } else if (c < 0x20 || c == 0x7F) {
                        out += "\\u00";
                        out += hex[c >> 4];
                        out += hex[c & 15];
                        i++;
                } else if (c < 0x80) {
                        out += (char)c;
                        i++;
                } else {
                        // Copy a well-formed UTF-8 sequence, replace anything else by U+FFFD.
                        size_t len = c >= 0xF0 && c <= 0xF4  ? 4
                                     : c >= 0xE0             ? 3
                                     : c >= 0xC2 && c < 0xE0 ? 2
                                                             : 0;
                        bool ok = len > 0 && i + len <= n;
                        for (size_t k = 1; ok && k < len; k++)
                                ok = ((unsigned char)s[i + k] & 0xC0) == 0x80;
                        if (ok && len == 3) {
                                unsigned char c1 = (unsigned char)s[i + 1];
                                ok = !(c == 0xE0 && c1 < 0xA0) && !(c == 0xED && c1 >= 0xA0);
                        }
                        if (ok && len == 4) {
                                unsigned char c1 = (unsigned char)s[i + 1];
                                ok = !(c == 0xF0 && c1 < 0x90) && !(c == 0xF4 && c1 >= 0x90);
                        }
                        if (ok) {
                                out.append(s + i, len);
                                i += len;
                        } else {
                                out += "\\ufffd";
                                i++;
                        }
                }
        }
        out += '"';
}

void put_double(std::string &out, double d) {
        if (!std::isfinite(d)) {
                out += "null";
                return;
        }
        char buf[64];
        auto r = std::to_chars(buf, buf + sizeof buf, d);
        std::string s(buf, r.ptr);
        // Written like Python's repr, so that every harness encodes 2.0 alike.
        if (s.find_first_of(".en") == std::string::npos)
                s += ".0";
        out += s;
}

std::string type_name(const std::type_info &ti) {
        int status = 0;
        char *d = abi::__cxa_demangle(ti.name(), nullptr, nullptr, &status);
        std::string r = status == 0 && d ? d : ti.name();
        free(d);
        return r;
}

ListNode *codec<ListNode *>::decode(const Json &j) {
        if (j.kind != Json::Array)
                throw bad_job("expected an array for a ListNode");
        ListNode *head = nullptr;
        for (size_t i = j.a.size(); i-- > 0;)
                head = new ListNode(codec<int>::decode(j.a[i]), head);
        return head;
}
void codec<ListNode *>::encode(std::string &out, const ListNode *v) {
        std::unordered_set<const ListNode *> seen;
        out += '[';
        for (bool first = true; v; v = v->next, first = false) {
                if (!seen.insert(v).second)
                        throw bad_answer("Error - Found cycle in the ListNode");
                if (!first)
                        out += ',';
                out += std::to_string(v->val);
        }
        out += ']';
}

TreeNode *codec<TreeNode *>::decode(const Json &j) {
        if (j.kind != Json::Array)
                throw bad_job("expected an array for a TreeNode");
        auto node = [](const Json &x) -> TreeNode * {
                return x.kind == Json::Null ? nullptr : new TreeNode(codec<int>::decode(x));
        };
        if (j.a.empty() || j.a[0].kind == Json::Null)
                return nullptr;
        TreeNode *root = node(j.a[0]);
        std::deque<TreeNode *> q{root};
        size_t i = 1, n = j.a.size();
        while (i < n) {
                if (q.empty())
                        throw bad_job("level order has values below no parent");
                TreeNode *t = q.front();
                q.pop_front();
                if ((t->left = node(j.a[i++])))
                        q.push_back(t->left);
                if (i < n && (t->right = node(j.a[i++])))
                        q.push_back(t->right);
        }
        return root;
}
void codec<TreeNode *>::encode(std::string &out, const TreeNode *v) {
        std::vector<const TreeNode *> q{v};
        std::unordered_set<const TreeNode *> seen;
        std::string body;
        size_t keep = 0; // body length up to the last non-null value
        for (size_t i = 0; i < q.size(); i++) {
                if (i)
                        body += ',';
                if (!q[i]) {
                        body += "null";
                        continue;
                }
                if (!seen.insert(q[i]).second)
                        throw bad_answer("Error - Found cycle in the TreeNode");
                body += std::to_string(q[i]->val);
                keep = body.size();
                q.push_back(q[i]->left);
                q.push_back(q[i]->right);
        }
        out += '[';
        out.append(body, 0, keep);
        out += ']';
}

static int &channel_fd() {
        static int fd = -1;
        return fd;
}

static pid_t &harness_pid() {
        static pid_t pid = 0;
        return pid;
}

void send_line(const std::string &line) {
        /* A child the user's code forked returned into the harness: it must not answer. */
        if (getpid() != harness_pid())
                _exit(0);
        std::string s = line + '\n';
        const char *p = s.data();
        size_t n = s.size();
        while (n > 0) {
                ssize_t w = ::write(channel_fd(), p, n);
                if (w < 0) {
                        if (errno == EINTR)
                                continue;
                        _exit(3);
                }
                p += w;
                n -= (size_t)w;
        }
}

std::string json_string(const std::string &s) {
        std::string out;
        put_string(out, s.data(), std::min<size_t>(s.size(), 8192));
        return out;
}

long long cpu_ns() {
        struct timespec ts;
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
        return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

void flush_user() {
        std::cout.flush();
        std::cerr.flush();
        std::clog.flush();
        fflush(stdout);
        fflush(stderr);
}

void open_channel() {
        const char *e = getenv("JUDGE_CHANNEL_FD");
        int fd = e ? atoi(e) : 3;
        if (fcntl(fd, F_SETFD, FD_CLOEXEC) < 0) {
                fprintf(stderr, "harness: no answer channel on fd %d\n", fd);
                _exit(2);
        }
        channel_fd() = fd;
        harness_pid() = getpid();
        send_line("B"); // booted; static initialisers ran before main and count as start-up
}

Json Job::next_case() {
        size_t nl;
        char chunk[1 << 16];
        while ((nl = buf.find('\n')) == std::string::npos) {
                ssize_t r = ::read(fd, chunk, sizeof chunk);
                if (r < 0 && errno == EINTR)
                        continue;
                if (r <= 0) {
                        flush_user();
                        static const char msg[] = "harness: the job pipe was closed or read by someone else\n";
                        (void)!::write(2, msg, sizeof msg - 1);
                        _exit(3);
                }
                buf.append(chunk, (size_t)r);
        }
        std::string line = buf.substr(0, nl);
        buf.erase(0, nl + 1);
        return parse_json(line);
}

Job load_job() {
        Job job;
        const char *e = getenv("JUDGE_JOB_FD");
        int fd = e ? atoi(e) : 4;
        // Off the well-known fd and close-on-exec, like the channel.
        job.fd = fcntl(fd, F_DUPFD_CLOEXEC, 100);
        if (job.fd < 0)
                throw bad_job("no job pipe on fd " + std::to_string(fd));
        ::close(fd);
        job.doc = job.next_case();
        job.sig = job.doc.get("signature");
        const Json *n = job.doc.get("case_count");
        if (!job.sig || job.sig->kind != Json::Object || !n || n->kind != Json::Number)
                throw bad_job("the job's header needs a signature object and a case_count");
        job.n_cases = codec<size_t>::decode(*n);
        const Json *op = job.sig->get("output_param");
        if (op && op->kind == Json::Number)
                job.output_param = codec<int>::decode(*op);
        return job;
}

static std::string exception_message() {
        try {
                throw;
        } catch (const std::exception &e) {
                return type_name(typeid(e)) + ": " + e.what();
        } catch (...) {
                std::type_info *t = abi::__cxa_current_exception_type();
                return "terminate called after throwing an instance of '" +
                       (t ? type_name(*t) : std::string("unknown")) + "'";
        }
}

// Run one case: steps were prepared (decoded) before; S, then every step under the clock.
// as_array: the answer is the array of the steps' results (class problems); otherwise the
// steps' outputs are concatenated (a function problem's constructor step writes nothing).
// Returns false when the case raised (an E or M line was sent).
bool run_case(size_t i, std::vector<Step> &steps, bool as_array, const std::function<void()> &cleanup) {
        std::string answer;
        send_line("S " + std::to_string(i));
        long long t0 = cpu_ns(), cpu_us = 0;
        char kind = 'R';
        std::string msg;
        try {
                if (as_array)
                        answer += '[';
                for (size_t k = 0; k < steps.size(); k++) {
                        if (as_array && k)
                                answer += ',';
                        steps[k](answer);
                }
                if (as_array)
                        answer += ']';
        } catch (const std::bad_alloc &) {
                kind = 'M';
                msg = "std::bad_alloc";
        } catch (...) {
                kind = 'E';
                msg = exception_message();
        }
        cpu_us = (cpu_ns() - t0) / 1000;
        flush_user();
        std::string head =
                std::string(1, kind) + ' ' + std::to_string(i) + ' ' + std::to_string(cpu_us) + ' ';
        if (kind != 'R') {
                send_line(head + json_string(msg));
                return false;
        }
        if (cleanup)
                cleanup();
        send_line(head + answer);
        return true;
}

int fail_job(const std::string &what) {
        flush_user();
        send_line("X " + json_string("bad job: " + what));
        return 2;
}

} // namespace judge
