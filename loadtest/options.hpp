// xsg-load's command line.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace gw::load {

struct Options {
    std::vector<std::string> modes;  // in run order: logins, calls-out, calls-in, mixed, baseline, fullstack, floor
    double rate = 100;               // operations per second (calls or logins)
    double login_rate = 0;           // fullstack: logins per second (0: --rate)
    std::string xmpp_server = "prosody";  // fullstack: prosody or ejabberd
    double ramp_step = 0;            // > 0: ramp until failures appear
    double ramp_interval_s = 5;
    double max_rate = 100000;
    double max_p99_ms = 1000;        // a ramp step whose p99 setup latency is above this counts as failed
    std::uint64_t count = 0;         // operations per mode; 0: rate x duration
    double duration_s = 0;           // load phase bound; 0: count / rate
    double hold_s = 1;               // call length
    std::size_t users = 0;           // users for calls modes; 0: derived from rate and hold
    double warmup_rate = 500;        // logins per second that bring the calls modes' users online
    bool jmi_out = false;            // calls out start with <propose/>
    bool answer_at_once = false;     // the callee answers calls out with 200 alone (no 180)
    bool builtin_callee = false;     // calls out: xsg-load itself is registrar and callee
    bool jmi_in = true;              // users advertise JMI: the gateway rings them with <propose/>
    bool kamailio = false;           // Kamailio with digest auth between the gateway and sipp
    double timeout_s = 10;           // per-operation timeout
    std::string gateway;             // the gateway executable
    int gateway_cpu = -1;            // core the gateway (or the baseline's Kamailio) is pinned to
    std::string log_level = "info";  // the gateway's
    std::string output = "loadtest-results.json";
    std::string markdown;            // a BENCHMARKS.md whose section `section` is rewritten
    std::string section = "load";
    std::string title;               // heading written above the section's table
    bool sip_trace = false;          // sipp traces every message into the run directory
    bool quiet = false;              // no progress lines
    int floor_rounds = 5;
    std::string command_line;        // as given, for the report
};

// Parses argv; on --help prints the usage and exits 0; on an error prints it and exits 2.
Options parse_options(int argc, char** argv, const std::string& default_gateway);

std::string usage();

}  // namespace gw::load
