// CPU time and memory of the processes under test, read from /proc, so the figures are the
// kernel's own accounting: CPU from each thread's schedstat (ns; utime + stime from stat, in
// 10 ms ticks, where the kernel has none), VmRSS and VmHWM from status.
#pragma once

#include <sys/types.h>

namespace gw::load {

struct ProcessSample {
    bool alive = false;
    double cpu_s = 0;     // user + system CPU seconds so far
    double wait_s = 0;    // seconds it was ready to run but waited for a CPU (schedstat; 0 without)
    double rss_kib = 0;   // resident now
    double hwm_kib = 0;   // resident at its peak (VmHWM); for a group, the sum of the members' peaks
};

ProcessSample sample_process(pid_t pid);

// Every process whose process group is `group` (Kamailio forks its workers into its group).
ProcessSample sample_group(pid_t group);

// Our own CPU seconds (the load tool must not be the bottleneck: the report shows its share).
double own_cpu_s();

}  // namespace gw::load
