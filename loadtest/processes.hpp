// The processes a load run starts, all on 127.0.0.1 with free ports and in the run's directory:
// the gateway (pinned to its own core with taskset) and sipp instances (Kamailio: load_kamailio.hpp;
// pin_group() moves it onto a core afterwards).
#pragma once

#include "loadtest/metrics_client.hpp"
#include "loadtest/proc_stats.hpp"

#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace gw::rig {
class Process;
}

namespace gw::load {

struct GatewayOptions {
    std::string binary;
    std::string dir;               // config, log and store go here
    int cpu = -1;                  // pinned with taskset -c; -1: not pinned
    std::string log_level = "info";
    std::uint16_t xmpp_port = 0;   // the load tool's component server
    std::string secret;
    std::string store_path;
    bool calls = false;            // write [calls] with limits far above the offered load
};

class Gateway {
public:
    // Writes the configuration and starts the gateway (does not wait for it).
    explicit Gateway(GatewayOptions options);
    ~Gateway();

    pid_t pid() const;
    std::uint16_t sip_port() const { return sip_port_; }
    std::uint16_t http_port() const { return http_port_; }
    ProcessSample sample() const { return sample_process(pid()); }
    std::optional<MetricValues> metrics() const { return fetch_metrics(http_port_); }
    bool running() const;
    void terminate();  // SIGTERM only: the caller keeps serving the gateway's links meanwhile
    // SIGTERM and the exit status (a clean shutdown is 0); SIGKILL after `grace`.
    int stop(std::chrono::milliseconds grace);
    std::string log_tail(std::size_t lines = 20) const;
    const std::string& log_path() const { return log_path_; }

private:
    GatewayOptions options_;
    std::uint16_t sip_port_ = 0;
    std::uint16_t http_port_ = 0;
    std::string log_path_;
    std::unique_ptr<rig::Process> process_;
};

struct SippOptions {
    std::string name;              // for file names and messages: "callee", "caller"
    std::string dir;               // sipp's cwd: its statistics and logs land here
    std::string scenario;          // an XML file
    std::string remote;            // host:port for a caller; empty for a server
    std::vector<std::string> args; // further sipp arguments
};

class Sipp {
public:
    // Starts sipp on a free port and waits until it is bound. Throws std::runtime_error.
    explicit Sipp(SippOptions options);
    ~Sipp();

    std::uint16_t port() const { return port_; }
    pid_t pid() const;
    ProcessSample sample() const { return sample_process(pid()); }
    std::optional<int> wait_exit(std::chrono::milliseconds timeout);
    void signal(int sig);
    int stop();
    std::string log_path() const;    // -trace_logs: the scenario's <log> lines
    std::string stat_path() const;   // -trace_stat: statistics every second

private:
    SippOptions options_;
    std::uint16_t port_ = 0;
    std::unique_ptr<rig::Process> process_;
};

// Pins every process of a group to one CPU.
void pin_group(pid_t group, int cpu);
// Keeps the load tool (and the sipp and Kamailio it starts later) off the gateway's core.
void pin_self_away_from(int cpu);
int cpu_count();

}  // namespace gw::load
