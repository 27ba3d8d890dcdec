// Attack (test/e2e/secrecy.sh): during the first sample case, look for the hidden inputs of
// secret-inputs in every file under /sub and /tmp, the runner's /proc/1/{environ,cmdline,mem},
// and the whole memory of this process (/proc/self/mem). Prints "FOUND <value> in <where>";
// the sample's own input is the control.
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

// The values are known only by their FNV-1a hash (two hidden inputs, then the sample's):
// holding them in plain form, this process would find itself. A match is a 9-digit run that
// hashes so.
static const unsigned long long targets[] = {0x29a71a650a74eaacull, 0x203f2ac99005be18ull, 0xa0e8304554d3e94cull};

static std::set<std::string> reported;

static void scan(const std::string &data, const std::string &where) {
    size_t i = 0, n = data.size();
    while (i < n) {
        if (!isdigit((unsigned char)data[i])) {
            i++;
            continue;
        }
        size_t j = i;
        while (j < n && isdigit((unsigned char)data[j]))
            j++;
        if (j - i == 9) {
            unsigned long long h = 0xcbf29ce484222325ull;
            for (size_t k = i; k < j; k++)
                h = (h ^ (unsigned char)data[k]) * 0x100000001b3ull;
            for (unsigned long long t : targets)
                if (h == t && reported.insert(data.substr(i, 9) + where).second)
                    std::cout << "FOUND " << data.substr(i, 9) << " in " << where << "\n";
        }
        i = j;
    }
}

static bool slurp(const std::string &path, std::string &out) {
    int fd = open(path.c_str(), O_RDONLY);
    if (fd < 0) {
        std::cout << "DENIED " << path << " (" << strerror(errno) << ")\n";
        return false;
    }
    char buf[65536];
    ssize_t n;
    out.clear();
    while ((n = read(fd, buf, sizeof buf)) > 0 && out.size() < (64u << 20))
        out.append(buf, n);
    if (n < 0)
        std::cout << "DENIED " << path << " (read: " << strerror(errno) << ")\n";
    close(fd);
    return n >= 0;
}

static void walk(const std::string &dir) {
    DIR *d = opendir(dir.c_str());
    if (!d)
        return;
    while (struct dirent *e = readdir(d)) {
        std::string name = e->d_name;
        if (name == "." || name == "..")
            continue;
        std::string p = dir + "/" + name;
        struct stat st;
        if (lstat(p.c_str(), &st) < 0)
            continue;
        if (S_ISDIR(st.st_mode))
            walk(p);
        else if (S_ISREG(st.st_mode)) {
            std::string data;
            if (slurp(p, data)) {
                std::cout << "READ " << p << " " << data.size() << " bytes\n";
                scan(data, p);
            }
        }
    }
    closedir(d);
}

static void scan_memory() {
    std::ifstream maps("/proc/self/maps");
    int mem = open("/proc/self/mem", O_RDONLY);
    std::string line;
    size_t total = 0;
    while (mem >= 0 && std::getline(maps, line)) {
        unsigned long lo, hi;
        char perms[8];
        if (sscanf(line.c_str(), "%lx-%lx %7s", &lo, &hi, perms) != 3 || perms[0] != 'r' ||
            hi - lo > (256ul << 20) || line.find("[vvar") != std::string::npos)
            continue;
        std::string data(hi - lo, '\0');
        ssize_t n = pread(mem, data.data(), data.size(), (off_t)lo);
        if (n <= 0)
            continue;
        data.resize(n);
        total += n;
        scan(data, "memory");
    }
    if (mem >= 0)
        close(mem);
    std::cout << "SCANNED memory " << total << " bytes\n";
}

class Solution {
public:
    int lastDigits(int n) {
        static bool done = false;
        if (!done) {
            done = true;
            walk("/sub");
            walk("/tmp");
            for (const char *p : {"/proc/1/environ", "/proc/1/cmdline", "/proc/1/mem"}) {
                std::string data;
                if (slurp(p, data)) {
                    std::cout << "READ " << p << " " << data.size() << " bytes\n";
                    scan(data, p);
                }
            }
            std::cout << "ENV KEY " << (getenv("JUDGE_JOB_KEY") ? "present" : "absent") << "\n";
            scan_memory();
            std::cout << "ATTACK DONE\n";
        }
        return n % 1000;
    }
};
