// The C++ harness of the judge (docs/internals.md): this header (precompiled in the image) and
// judge.cpp (compiled to judge.o in the image, linked into every submission).
//
// The generated main.cpp includes this header first (it is precompiled in the image), then
// the user's solution.cpp, then calls judge::run_function or judge::run_class with member
// pointers of the user's class: parameter types are deduced from them, so the glue names
// methods only. Arguments are decoded from the job (fd $JUDGE_JOB_FD) by the C++ parameter types, answers are
// encoded by the C++ return types, and every case is reported on fd $JUDGE_CHANNEL_FD.
#ifndef JUDGE_HPP
#define JUDGE_HPP

#include <bits/stdc++.h>

using namespace std;

// LeetCode's definitions, verbatim in effect.
struct ListNode {
        int val;
        ListNode *next;
        ListNode() : val(0), next(nullptr) {
        }
        ListNode(int x) : val(x), next(nullptr) {
        }
        ListNode(int x, ListNode *next) : val(x), next(next) {
        }
};

struct TreeNode {
        int val;
        TreeNode *left;
        TreeNode *right;
        TreeNode() : val(0), left(nullptr), right(nullptr) {
        }
        TreeNode(int x) : val(x), left(nullptr), right(nullptr) {
        }
        TreeNode(int x, TreeNode *left, TreeNode *right) : val(x), left(left), right(right) {
        }
};

namespace judge {

// ---- errors ---------------------------------------------------------------------------------

// The job is not what the harness expects: internal error ("X" line).
struct bad_job : std::runtime_error {
        using std::runtime_error::runtime_error;
};
// The user's answer cannot be encoded (a cycle in a list): runtime error ("E" line).
struct bad_answer : std::runtime_error {
        using std::runtime_error::runtime_error;
};

// ---- JSON -----------------------------------------------------------------------------------

struct Json {
        enum Kind { Null, Bool, Number, String, Array, Object } kind = Null;
        bool b = false;
        std::string s; // String: the decoded UTF-8 text; Number: the literal as written
        std::vector<Json> a;
        // Not std::pair<std::string, Json>: libstdc++ 14 instantiates pair's traits, which need
        // Json complete, inside Json's own definition (a hard error under clang).
        struct Member;
        std::vector<Member> o;

        const Json *get(const char *key) const;
};

struct Json::Member {
        std::string first;
        Json second;
};

inline const Json *Json::get(const char *key) const {
        if (kind != Object)
                return nullptr;
        for (auto &kv : o)
                if (kv.first == key)
                        return &kv.second;
        return nullptr;
}

// Parse a whole JSON text; throws bad_job on a syntax error.
Json parse_json(const std::string &text);

// ---- encoding helpers -------------------------------------------------------------------------

// Append s[0..n) as a JSON string literal; invalid UTF-8 becomes U+FFFD.
void put_string(std::string &out, const char *s, size_t n);

// Append d as a JSON number written like Python's repr (2.0, 0.1, 1e+16); NaN and inf as null.
void put_double(std::string &out, double d);

// The demangled name of a type ("std::out_of_range").
std::string type_name(const std::type_info &ti);

// ---- typed decode / encode --------------------------------------------------------------------

template <class T, class Enable = void> struct codec {
        static_assert(sizeof(T) == 0, "judge: this parameter or return type is not supported");
};

template <class T> struct is_char_like : std::false_type {};
template <> struct is_char_like<char> : std::true_type {};
template <> struct is_char_like<signed char> : std::true_type {};
template <> struct is_char_like<unsigned char> : std::true_type {};

template <class T>
struct codec<T,
             std::enable_if_t<std::is_integral_v<T> && !std::is_same_v<T, bool> && !is_char_like<T>::value>> {
        static T decode(const Json &j) {
                if (j.kind != Json::Number || j.s.find_first_of(".eE") != std::string::npos)
                        throw bad_job("expected an integer");
                errno = 0;
                char *e = nullptr;
                T v;
                if constexpr (std::is_signed_v<T>) {
                        long long x = strtoll(j.s.c_str(), &e, 10);
                        if (errno || *e || x < (long long)std::numeric_limits<T>::min() ||
                            x > (long long)std::numeric_limits<T>::max())
                                throw bad_job("integer out of range: " + j.s);
                        v = (T)x;
                } else {
                        if (j.s[0] == '-')
                                throw bad_job("negative value for an unsigned parameter");
                        unsigned long long x = strtoull(j.s.c_str(), &e, 10);
                        if (errno || *e || x > (unsigned long long)std::numeric_limits<T>::max())
                                throw bad_job("integer out of range: " + j.s);
                        v = (T)x;
                }
                return v;
        }
        static void encode(std::string &out, T v) {
                out += std::to_string(v);
        }
};

template <class T> struct codec<T, std::enable_if_t<std::is_floating_point_v<T>>> {
        static T decode(const Json &j) {
                if (j.kind != Json::Number)
                        throw bad_job("expected a number");
                return (T)strtod(j.s.c_str(), nullptr);
        }
        static void encode(std::string &out, T v) {
                put_double(out, (double)v);
        }
};

template <> struct codec<bool> {
        static bool decode(const Json &j) {
                if (j.kind != Json::Bool)
                        throw bad_job("expected true or false");
                return j.b;
        }
        static void encode(std::string &out, bool v) {
                out += v ? "true" : "false";
        }
};

template <class T> struct codec<T, std::enable_if_t<is_char_like<T>::value>> {
        static T decode(const Json &j) {
                if (j.kind != Json::String || j.s.empty())
                        throw bad_job("expected a one-character string");
                return (T)j.s[0];
        }
        static void encode(std::string &out, T v) {
                char c = (char)v;
                put_string(out, &c, 1);
        }
};

template <> struct codec<std::string> {
        static std::string decode(const Json &j) {
                if (j.kind != Json::String)
                        throw bad_job("expected a string");
                return j.s;
        }
        static void encode(std::string &out, const std::string &v) {
                put_string(out, v.data(), v.size());
        }
};

template <class T, class A> struct codec<std::vector<T, A>> {
        static std::vector<T, A> decode(const Json &j) {
                if (j.kind != Json::Array)
                        throw bad_job("expected an array");
                std::vector<T, A> v;
                v.reserve(j.a.size());
                for (auto &x : j.a)
                        v.push_back(codec<T>::decode(x));
                return v;
        }
        static void encode(std::string &out, const std::vector<T, A> &v) {
                out += '[';
                bool first = true;
                for (const auto &x : v) { // bool for vector<bool>
                        if (!first)
                                out += ',';
                        first = false;
                        codec<T>::encode(out, x);
                }
                out += ']';
        }
};

template <> struct codec<ListNode *> {
        static ListNode *decode(const Json &j);
        static void encode(std::string &out, const ListNode *v); // throws bad_answer on a cycle
};

template <> struct codec<TreeNode *> {
        static TreeNode *decode(const Json &j);                  // level order with nulls
        static void encode(std::string &out, const TreeNode *v); // throws bad_answer on a cycle
};
template <> struct codec<const ListNode *> : codec<ListNode *> {};
template <> struct codec<const TreeNode *> : codec<TreeNode *> {};

template <class T> void encode_value(std::string &out, const T &v) {
        codec<std::decay_t<T>>::encode(out, v);
}

// ---- the channel and the clock ----------------------------------------------------------------

// Write one line (newline added) to the answer channel.
void send_line(const std::string &line);
// s as a JSON string, capped at 8 KiB.
std::string json_string(const std::string &s);
// CPU time of the calling thread (CLOCK_THREAD_CPUTIME_ID), in ns: the process clock only moves
// in scheduler ticks while RLIMIT_CPU is set, which reads sub-tick cases as 0.
long long cpu_ns();
// Flush cout, cerr, clog, stdout, stderr: what the user wrote belongs to the current case.
void flush_user();

// ---- calls ------------------------------------------------------------------------------------

// One call prepared before the case's clock starts: arguments decoded and kept alive, run()
// calls the user's code and leaves the encoded result in out.
using Step = std::function<void(std::string &out)>;

template <class F> struct member_traits;
#define JUDGE_MEMBER_TRAITS(QUAL)                                                                            \
        template <class R, class C, class... P> struct member_traits<R (C::*)(P...) QUAL> {                  \
                using ret = R;                                                                               \
                using cls = C;                                                                               \
                using args = std::tuple<P...>;                                                               \
                static constexpr bool is_static = false;                                                     \
        };
JUDGE_MEMBER_TRAITS()
JUDGE_MEMBER_TRAITS(const)
JUDGE_MEMBER_TRAITS(noexcept)
JUDGE_MEMBER_TRAITS(const noexcept)
JUDGE_MEMBER_TRAITS(&)
#undef JUDGE_MEMBER_TRAITS
template <class R, class... P> struct member_traits<R (*)(P...)> {
        using ret = R;
        using cls = void;
        using args = std::tuple<P...>;
        static constexpr bool is_static = true;
};
template <class R, class... P> struct member_traits<R (*)(P...) noexcept> : member_traits<R (*)(P...)> {};

template <class Tuple> struct storage_of;
template <class... P> struct storage_of<std::tuple<P...>> { using type = std::tuple<std::decay_t<P>...>; };

template <class Store, size_t... I> Store decode_args(const Json &args, std::index_sequence<I...>) {
        if (args.kind != Json::Array || args.a.size() != sizeof...(I))
                throw bad_job("expected " + std::to_string(sizeof...(I)) + " arguments");
        return Store{codec<std::tuple_element_t<I, Store>>::decode(args.a[I])...};
}

template <class Store, size_t... I>
void encode_arg(std::string &out, const Store &st, size_t k, std::index_sequence<I...>) {
        bool done = false;
        ((k == I ? (encode_value(out, std::get<I>(st)), done = true) : false), ...);
        if (!done)
                throw bad_job("output_param out of range");
}

// obj->*fn(args...) with the stored arguments passed as the parameters want them (lvalues for
// references, so in-place changes stay visible in the storage).
template <class F, class Obj, class Store, size_t... I>
decltype(auto) apply_stored(F fn, Obj *obj, Store &st, std::index_sequence<I...>) {
        using P = typename member_traits<F>::args;
        if constexpr (member_traits<F>::is_static)
                return fn(std::forward<std::tuple_element_t<I, P>>(std::get<I>(st))...);
        else
                return (obj->*fn)(std::forward<std::tuple_element_t<I, P>>(std::get<I>(st))...);
}

// Prepare a call of method fn on *obj (a pointer the constructor step fills in later).
// output_param >= 0 with a void method: the result is that argument after the call.
template <class F, class Obj> Step method(Obj **obj, F fn, const Json &args, int output_param = -1) {
        using T = member_traits<F>;
        using Store = typename storage_of<typename T::args>::type;
        constexpr size_t n = std::tuple_size_v<Store>;
        auto st = std::make_shared<Store>(decode_args<Store>(args, std::make_index_sequence<n>{}));
        if (output_param >= (int)n)
                throw bad_job("output_param out of range");
        return [obj, fn, st, output_param](std::string &out) {
                auto seq = std::make_index_sequence<n>{};
                if constexpr (std::is_void_v<typename T::ret>) {
                        apply_stored(fn, *obj, *st, seq);
                        if (output_param >= 0)
                                encode_arg(out, *st, (size_t)output_param, seq);
                        else
                                out += "null";
                } else {
                        decltype(auto) r = apply_stored(fn, *obj, *st, seq);
                        encode_value(out, r);
                }
        };
}

// Prepare the constructor C(P...) of a design class; the parameter types come from the
// signature's types (the glue spells them), since a constructor has no member pointer.
template <class C, class... P> Step construct(C **obj, const Json &args) {
        using Store = std::tuple<P...>;
        auto st = std::make_shared<Store>(decode_args<Store>(args, std::index_sequence_for<P...>{}));
        return [obj, st](std::string &out) {
                *obj = std::apply([](auto &...a) { return new C(a...); }, *st);
                out += "null";
        };
}

// ---- the driver ------------------------------------------------------------------------------

// The job from the runner's pipe (fd $JUDGE_JOB_FD): the header (signature, number of cases),
// then one line per case, which the runner sends only when the case before it has answered.
struct Job {
        Json doc; // the header
        const Json *sig = nullptr;
        size_t n_cases = 0;
        int output_param = -1;
        int fd = -1;
        std::string buf; // read past the last line
        // The next case's line, parsed; throws bad_job. A closed or drained pipe (only the user's
        // code can do that) exits 3 without an X line: the submission's runtime error.
        Json next_case();
};

// Take the channel from $JUDGE_CHANNEL_FD (close-on-exec); exits 2 without one.
void open_channel();
// Take the job's pipe from $JUDGE_JOB_FD (moved off fd 4, close-on-exec) and read its header;
// throws bad_job.
Job load_job();
// Run one case: steps were prepared (decoded) before; S, then every step under the clock.
// as_array: the answer is the array of the steps' results (class problems); otherwise the
// steps' outputs are concatenated (a function problem's constructor step writes nothing).
// cleanup runs after the clock stops. Returns false when the case raised (E or M was sent).
bool run_case(size_t i, std::vector<Step> &steps, bool as_array, const std::function<void()> &cleanup);
// Send the X line of a bad job; returns the harness's exit status, 2.
int fail_job(const std::string &what);

// main() of a function problem: a new Solution per case, as LeetCode does.
template <class Sol, class F> int run_function(F fn) {
        open_channel();
        try {
                Job job = load_job();
                for (size_t i = 0; i < job.n_cases; i++) {
                        Json c = job.next_case();
                        const Json *args = c.get("args");
                        if (!args)
                                throw bad_job("case " + std::to_string(i) + " has no args");
                        Sol *sol = nullptr;
                        std::vector<Step> steps;
                        steps.push_back([&sol](std::string &) { sol = new Sol(); });
                        steps.push_back(method(&sol, fn, *args, job.output_param));
                        if (!run_case(i, steps, false, [&sol] { delete sol; }))
                                return 0;
                }
        } catch (const bad_job &e) {
                return fail_job(e.what());
        }
        return 0;
}

// main() of a class problem: ctor prepares the constructor call (judge::construct), and
// dispatch(obj, name, args) prepares a method call by name, or returns an empty Step for an
// unknown name.
template <class C>
int run_class(const std::function<Step(C **, const Json &)> &ctor,
              const std::function<Step(C **, const std::string &, const Json &)> &dispatch) {
        open_channel();
        try {
                Job job = load_job();
                for (size_t i = 0; i < job.n_cases; i++) {
                        Json c = job.next_case();
                        const Json *calls = c.get("calls"), *args = c.get("args");
                        if (!calls || !args || calls->kind != Json::Array || args->kind != Json::Array ||
                            calls->a.size() != args->a.size() || calls->a.empty())
                                throw bad_job("case " + std::to_string(i) + ": calls and args do not match");
                        auto obj = std::make_unique<C *>(nullptr);
                        std::vector<Step> steps;
                        steps.push_back(ctor(obj.get(), args->a[0]));
                        for (size_t k = 1; k < calls->a.size(); k++) {
                                const std::string &name = calls->a[k].s;
                                Step s = dispatch(obj.get(), name, args->a[k]);
                                if (!s)
                                        throw bad_job("case " + std::to_string(i) + ": unknown method " +
                                                      name);
                                steps.push_back(std::move(s));
                        }
                        if (!run_case(i, steps, true, nullptr))
                                return 0;
                }
        } catch (const bad_job &e) {
                return fail_job(e.what());
        }
        return 0;
}

} // namespace judge

#endif
