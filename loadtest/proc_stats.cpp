#include "loadtest/proc_stats.hpp"

#include <dirent.h>
#include <sys/resource.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

namespace gw::load {
namespace {

struct StatFields {
    bool ok = false;
    long pgrp = 0;
    double cpu_s = 0;
};

// /proc/<pid>/stat: "pid (comm) state ppid pgrp ...": comm may hold spaces and parentheses, so
// the fields are counted from the last ')'.
StatFields read_stat(const std::string& dir) {
    std::ifstream in(dir + "/stat");
    std::string line;
    StatFields f;
    if (!std::getline(in, line)) return f;
    const auto close = line.rfind(')');
    if (close == std::string::npos) return f;
    std::istringstream rest(line.substr(close + 2));
    std::string field;
    unsigned long utime = 0, stime = 0;
    for (int n = 3; n <= 15 && rest >> field; ++n) {
        if (n == 5) f.pgrp = std::strtol(field.c_str(), nullptr, 10);
        if (n == 14) utime = std::strtoul(field.c_str(), nullptr, 10);
        if (n == 15) {
            stime = std::strtoul(field.c_str(), nullptr, 10);
            f.ok = true;
        }
    }
    f.cpu_s = static_cast<double>(utime + stime) / static_cast<double>(sysconf(_SC_CLK_TCK));
    return f;
}

// CPU time and run-queue wait in ns from every thread's schedstat: utime + stime count 10 ms
// ticks, too coarse for a helper process over a short run; the wait shows other processes on the
// same core. False when the kernel has no schedstat.
bool read_schedstat(const std::string& dir, double& cpu_s, double& wait_s) {
    DIR* tasks = opendir((dir + "/task").c_str());
    if (tasks == nullptr) return false;
    bool any = false;
    cpu_s = wait_s = 0;
    while (dirent* entry = readdir(tasks)) {
        if (entry->d_name[0] < '0' || entry->d_name[0] > '9') continue;
        std::ifstream in(dir + "/task/" + entry->d_name + "/schedstat");
        double run_ns = 0, wait_ns = 0;
        if (in >> run_ns >> wait_ns) {
            cpu_s += run_ns / 1e9;
            wait_s += wait_ns / 1e9;
            any = true;
        }
    }
    closedir(tasks);
    return any;
}

void read_memory(const std::string& dir, ProcessSample& sample) {
    std::ifstream in(dir + "/status");
    std::string key;
    double value = 0;
    std::string unit;
    while (in >> key) {
        if (key == "VmRSS:" && in >> value >> unit) sample.rss_kib += value;
        else if (key == "VmHWM:" && in >> value >> unit) sample.hwm_kib += value;
        else in.ignore(1 << 20, '\n');
    }
}

}  // namespace

ProcessSample sample_process(pid_t pid) {
    ProcessSample sample;
    const std::string dir = "/proc/" + std::to_string(pid);
    const StatFields stat = read_stat(dir);
    if (!stat.ok) return sample;
    sample.alive = true;
    if (!read_schedstat(dir, sample.cpu_s, sample.wait_s)) sample.cpu_s = stat.cpu_s;
    read_memory(dir, sample);
    return sample;
}

ProcessSample sample_group(pid_t group) {
    ProcessSample total;
    DIR* proc = opendir("/proc");
    if (proc == nullptr) return total;
    while (dirent* entry = readdir(proc)) {
        const char* name = entry->d_name;
        if (name[0] < '0' || name[0] > '9') continue;
        const std::string dir = std::string("/proc/") + name;
        const StatFields stat = read_stat(dir);
        if (!stat.ok || stat.pgrp != group) continue;
        total.alive = true;
        double cpu = 0, wait = 0;
        if (!read_schedstat(dir, cpu, wait)) cpu = stat.cpu_s;
        total.cpu_s += cpu;
        total.wait_s += wait;
        read_memory(dir, total);
    }
    closedir(proc);
    return total;
}

double own_cpu_s() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    auto seconds = [](const timeval& t) { return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6; };
    return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

}  // namespace gw::load
