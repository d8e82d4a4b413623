#include "loadtest/sipp_caller.hpp"

#include "loadtest/stage.hpp"
#include "tests/rig/text_file.hpp"

#include <algorithm>
#include <cmath>
#include <csignal>
#include <cstdlib>
#include <fstream>
#include <sstream>

namespace gw::load {
namespace {

std::vector<std::string> split(const std::string& line, char separator) {
    std::vector<std::string> fields;
    std::string field;
    std::istringstream in(line);
    while (std::getline(in, field, separator)) fields.push_back(field);
    return fields;
}

std::string number(double value) {
    std::ostringstream out;
    out << value;
    return out.str();
}

}  // namespace

SippStats read_sipp_stats(const std::string& path) {
    SippStats stats;
    std::ifstream in(path);
    std::string header, line, last;
    if (!std::getline(in, header)) return stats;
    while (std::getline(in, line))
        if (!line.empty() && !in.eof()) last = line;  // a line still being written has no newline yet
    if (last.empty()) return stats;
    const auto names = split(header, ';');
    const auto values = split(last, ';');
    auto value = [&](const std::string& name) -> std::uint64_t {
        for (std::size_t i = 0; i < names.size() && i < values.size(); ++i)
            if (names[i] == name) return std::strtoull(values[i].c_str(), nullptr, 10);
        return 0;
    };
    stats.read = true;
    stats.outgoing = value("OutgoingCall(C)");
    stats.successful = value("SuccessfulCall(C)");
    stats.failed = value("FailedCall(C)");
    stats.current = value("CurrentCall");
    return stats;
}

std::vector<CallLogEntry> read_call_log(const std::string& path) {
    std::vector<CallLogEntry> entries;
    std::ifstream in(path);
    std::string line;
    while (std::getline(in, line)) {
        std::istringstream fields(line);
        std::string kind;
        fields >> kind;
        CallLogEntry e;
        double t0s = 0, t0us = 0, t1s = 0, t1us = 0;
        if (kind == "ok") {
            e.ok = true;
        } else if (kind == "fail") {
            fields >> e.code;
        } else {
            continue;
        }
        if (!(fields >> t0s >> t0us >> t1s >> t1us)) continue;
        e.invite_s = t0s + t0us / 1e6;
        e.final_s = t1s + t1us / 1e6;
        entries.push_back(e);
    }
    return entries;
}

void use_offer_window(ModeResult& result, const std::string& log_path) {
    const std::vector<CallLogEntry> log = read_call_log(log_path);
    if (log.empty() || result.offered_rate <= 0) return;
    double first = log.front().invite_s, last = log.front().invite_s;
    for (const CallLogEntry& e : log) first = std::min(first, e.invite_s), last = std::max(last, e.invite_s);
    result.duration_s = last - first + 1.0 / result.offered_rate;
    result.achieved_rate = static_cast<double>(result.successes) / result.duration_s;
}

SippCaller::SippCaller(const Options& o, const std::string& dir, const std::string& remote,
                       const std::vector<std::string>& targets) {
    std::string inf = "SEQUENTIAL\n";
    for (const std::string& target : targets) inf += target + ";\n";
    const std::string inf_path = dir + "/targets.csv";
    rig::write_text_file(inf_path, inf);
    const double top_rate = o.ramp_step > 0 ? o.max_rate : o.rate;
    const auto limit = static_cast<long>(top_rate * (o.hold_s + o.timeout_s) * 2 + 100);
    std::vector<std::string> args = {"-inf", inf_path, "-r", number(o.rate), "-rp", "1000",
                                     "-d", std::to_string(static_cast<long>(o.hold_s * 1000)),
                                     "-recv_timeout", std::to_string(static_cast<long>(o.timeout_s * 1000)),
                                     "-l", std::to_string(limit)};
    if (o.count > 0) args.insert(args.end(), {"-m", std::to_string(o.count)});
    if (o.ramp_step > 0)
        args.insert(args.end(), {"-rate_increase", number(o.ramp_step), "-rate_interval", number(o.ramp_interval_s),
                                 "-rate_max", number(o.max_rate), "-no_rate_quit"});
    if (o.duration_s > 0)
        args.insert(args.end(), {"-timeout", std::to_string(static_cast<long>(o.duration_s + o.hold_s + 2 * o.timeout_s + 10)) + "s"});
    if (o.sip_trace) args.insert(args.end(), {"-trace_msg", "-message_file", dir + "/caller-messages.log"});
    sipp_ = std::make_unique<Sipp>(SippOptions{
        .name = "caller", .dir = dir, .scenario = scenario("caller"), .remote = remote, .args = args});
}

const SippStats& SippCaller::poll(Micros now) {
    if (now < next_poll_) return stats_;
    next_poll_ = now + 1'000'000;
    const SippStats fresh = read_sipp_stats(sipp_->stat_path());
    if (fresh.read) stats_ = fresh;
    return stats_;
}

void SippCaller::stop_new_calls() {
    if (stopping_) return;
    stopping_ = true;
    sipp_->signal(SIGUSR1);
}

bool SippCaller::exited() { return sipp_->wait_exit(std::chrono::milliseconds(0)).has_value(); }

void SippCaller::collect(Tallies& tallies, const Options& o) {
    const std::vector<CallLogEntry> entries = read_call_log(sipp_->log_path());
    const SippStats final_stats = read_sipp_stats(sipp_->stat_path());
    double first = 0;
    for (const CallLogEntry& e : entries) first = first == 0 ? e.invite_s : std::min(first, e.invite_s);
    std::size_t last_step = 0;
    for (const CallLogEntry& e : entries) {
        const auto step = o.ramp_step > 0 ? static_cast<std::size_t>((e.invite_s - first) / o.ramp_interval_s) : 0;
        last_step = std::max(last_step, step);
        tallies.attempt(step);
        if (e.ok) {
            tallies.latency(step, static_cast<Micros>(std::llround((e.final_s - e.invite_s) * 1e6)));
            tallies.success(step);
        } else {
            tallies.failure(step, "sip-" + std::to_string(e.code));
        }
    }
    // Calls sipp started but never logged: an unlisted final response, a lost message, a timeout.
    const std::uint64_t logged = entries.size();
    for (std::uint64_t i = logged; i < final_stats.outgoing; ++i) {
        tallies.attempt(last_step);
        tallies.failure(last_step, "sip-other");
    }
}

void SippCaller::stop_unfinished(ModeResult& result) {
    if (exited()) return;
    result.notes.push_back("sipp had not finished its calls when the time bound was reached");
    sipp_->stop();
}

}  // namespace gw::load
