#include "loadtest/processes.hpp"

#include "tests/rig/ports.hpp"
#include "tests/rig/process.hpp"
#include "tests/rig/readiness.hpp"
#include "tests/rig/text_file.hpp"

#include <dirent.h>
#include <sched.h>
#include <unistd.h>

#include <csignal>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace gw::load {

Gateway::Gateway(GatewayOptions options) : options_(std::move(options)) {
    sip_port_ = rig::free_port();
    http_port_ = rig::free_port();
    const std::string config_path = options_.dir + "/gateway.toml";
    log_path_ = options_.dir + "/gateway.log";
    std::ostringstream config;
    config << "# Written by xsg-load for one run.\n"
           << "[xmpp]\ncomponent = \"sip.load.test\"\nsecret = \"" << options_.secret << "\"\n"
           << "host = \"127.0.0.1\"\nport = " << options_.xmpp_port << "\n"
           << "reconnect_initial_s = 0.2\nreconnect_max_s = 1.0\n"
           << "[sip]\nlisten = \"127.0.0.1:" << sip_port_ << "\"\n"
           // The load tool paces logins itself: the gateway's own pacing must not be the limit.
           << "register_rate = 100000\nregister_expires_s = 3600\n";
    if (options_.calls) {
        // As docs/configuration.md advises for many users online: outgoing calls from a user
        // agent without registrations (Sofia compares each new INVITE with every registration).
        config << "outgoing_port = " << rig::free_port() << "\n";
        // Limits far above the offered load: the limits' code runs, their refusals do not.
        config << "[calls]\nmax_total = 1000000\nmax_per_user = 1000\nrate = 100000\n"
               << "user_rate_per_minute = 100000\n";
    }
    config << "[store]\npath = \"" << options_.store_path << "\"\n"
           << "[http]\nlisten = \"127.0.0.1:" << http_port_ << "\"\n"
           << "[log]\nlevel = \"" << options_.log_level << "\"\n";
    rig::write_text_file(config_path, config.str());
    std::vector<std::string> argv;
    if (options_.cpu >= 0) argv = {"taskset", "-c", std::to_string(options_.cpu)};
    argv.insert(argv.end(), {options_.binary, "--config", config_path});
    process_ = std::make_unique<rig::Process>(rig::ProcessOptions{.argv = argv, .log_file = log_path_});
}

Gateway::~Gateway() = default;

pid_t Gateway::pid() const { return process_->pid(); }

bool Gateway::running() const { return process_->running(); }

void Gateway::terminate() { process_->signal(SIGTERM); }

int Gateway::stop(std::chrono::milliseconds grace) { return process_->stop(grace); }

std::string Gateway::log_tail(std::size_t lines) const { return rig::last_lines(process_->log(), lines); }

Sipp::Sipp(SippOptions options) : options_(std::move(options)) {
    port_ = rig::free_port();
    std::vector<std::string> argv = {"sipp"};
    if (!options_.remote.empty()) argv.push_back(options_.remote);
    // No message trace: at thousands of messages per second it would cost sipp more than SIP.
    argv.insert(argv.end(), {"-sf", options_.scenario, "-i", "127.0.0.1", "-p", std::to_string(port_), "-nostdin",
                             "-trace_logs", "-log_file", log_path(), "-trace_stat", "-stf", stat_path(), "-fd", "1",
                             "-max_recv_loops", "10000", "-max_sched_loops", "10000"});
    argv.insert(argv.end(), options_.args.begin(), options_.args.end());
    process_ = std::make_unique<rig::Process>(rig::ProcessOptions{
        .argv = argv, .log_file = options_.dir + "/" + options_.name + ".out", .cwd = options_.dir});
    const bool settled =
        rig::poll_until([&] { return rig::port_is_bound(port_) || !process_->running(); }, std::chrono::seconds(10));
    if (!settled || !process_->running())
        rig::throw_start_failure("sipp (" + options_.name + ")", settled ? "exited at start" : "port not bound in time",
                                 *process_);
}

Sipp::~Sipp() = default;

pid_t Sipp::pid() const { return process_->pid(); }

std::optional<int> Sipp::wait_exit(std::chrono::milliseconds timeout) { return process_->wait_exit(timeout); }

void Sipp::signal(int sig) { process_->signal(sig); }

int Sipp::stop() { return process_->stop(std::chrono::seconds(3)); }

std::string Sipp::log_path() const { return options_.dir + "/" + options_.name + "-log.txt"; }

std::string Sipp::stat_path() const { return options_.dir + "/" + options_.name + "-stat.csv"; }

void pin_group(pid_t group, int cpu) {
    if (group <= 0 || cpu < 0) return;
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(cpu, &set);
    DIR* proc = opendir("/proc");
    if (proc == nullptr) return;
    while (dirent* entry = readdir(proc)) {
        if (entry->d_name[0] < '0' || entry->d_name[0] > '9') continue;
        const pid_t pid = static_cast<pid_t>(std::atol(entry->d_name));
        if (getpgid(pid) == group) sched_setaffinity(pid, sizeof set, &set);
    }
    closedir(proc);
}

int cpu_count() {
    const long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? static_cast<int>(n) : 1;
}

void pin_self_away_from(int cpu) {
    const int n = cpu_count();
    if (cpu < 0 || n < 2) return;
    cpu_set_t set;
    CPU_ZERO(&set);
    for (int c = 0; c < n; ++c)
        if (c != cpu) CPU_SET(c, &set);
    sched_setaffinity(0, sizeof set, &set);
}

}  // namespace gw::load
