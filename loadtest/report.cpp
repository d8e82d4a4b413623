#include "loadtest/report.hpp"

#include "loadtest/json.hpp"
#include "loadtest/measure.hpp"

#include <sys/utsname.h>
#include <unistd.h>

#include <cstdio>
#include <ctime>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace gw::load {
namespace {


std::string cpu_model() {
    std::ifstream in("/proc/cpuinfo");
    std::string line;
    while (std::getline(in, line)) {
        if (line.rfind("model name", 0) == 0) {
            const auto colon = line.find(':');
            if (colon != std::string::npos) return line.substr(colon + 2);
        }
    }
    return "unknown CPU";
}

double memory_gib() {
    std::ifstream in("/proc/meminfo");
    std::string key;
    double kib = 0;
    in >> key >> kib;
    return kib / 1024 / 1024;
}


double floor_for(const std::string& mode, const FloorResult& floor, bool io) {
    // The full-stack phases run the gateway through the same work as logins and calls out.
    if (mode == "logins" || mode == "fullstack_logins") return io ? floor.login_io_us : floor.login_us;
    if (mode == "calls_out" || mode == "fullstack_calls") return io ? floor.call_out_io_us : floor.call_out_us;
    if (mode == "calls_in") return io ? floor.call_in_io_us : floor.call_in_us;
    return 0;
}

const ModeResult* find(const std::vector<ModeResult>& results, const std::string& mode) {
    for (const ModeResult& r : results)
        if (r.mode == mode) return &r;
    return nullptr;
}

std::string fixed(double value, int decimals) {
    char text[48];
    std::snprintf(text, sizeof text, "%.*f", decimals, value);
    return text;
}

// The rate a mode sustained: the highest clean ramp step, or the achieved rate at a fixed rate.
double sustained(const ModeResult& r) { return r.steps.empty() ? r.achieved_rate : r.max_clean_rate; }

void write_percentiles(JsonWriter& json, const Percentiles& p, const char* name = "setup_ms") {
    json.begin_object(name)
        .value("p50", p.p50_ms)
        .value("p95", p.p95_ms)
        .value("p99", p.p99_ms)
        .value("max", p.max_ms)
        .value("count", p.count)
        .end_object();
}

}  // namespace

RunInfo describe_run(const std::string& command, int gateway_cpu, const std::string& gateway) {
    RunInfo info;
    const std::time_t now = std::time(nullptr);
    char date[32];
    std::strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&now));
    info.date = date;
    utsname name{};
    uname(&name);
    std::ostringstream machine;
    machine << cpu_model() << ", " << sysconf(_SC_NPROCESSORS_ONLN) << " CPUs, " << fixed(memory_gib(), 1)
            << " GiB, Linux " << name.release;
    info.machine = machine.str();
    std::ifstream loadavg("/proc/loadavg");
    double one = 0, five = 0;
    if (loadavg >> one >> five) info.load = fixed(one, 2) + " (1 min), " + fixed(five, 2) + " (5 min)";
    info.command = command;
    info.gateway_cpu = gateway_cpu;
    info.gateway = gateway;
    return info;
}

void add_ratios(std::vector<ModeResult>& results, const std::optional<FloorResult>& floor) {
    const ModeResult* baseline = find(results, "baseline");
    for (ModeResult& r : results) {
        if (floor) {
            const double per_op = floor_for(r.mode, *floor, false);
            const double with_io = floor_for(r.mode, *floor, true);
            if (per_op > 0 && r.cpu_us_per_op > 0) {
                r.figures["floor_us_per_op"] = per_op;
                r.figures["cpu_to_floor_ratio"] = r.cpu_us_per_op / per_op;
                r.figures["floor_with_io_us_per_op"] = with_io;
                r.figures["cpu_to_floor_with_io_ratio"] = r.cpu_us_per_op / with_io;
            }
        }
        if (baseline != nullptr && (r.mode == "calls_out" || r.mode == "calls_in") && sustained(*baseline) > 0)
            r.figures["rate_to_baseline_ratio"] = sustained(r) / sustained(*baseline);
    }
}

std::string json_report(const RunInfo& info, const std::vector<ModeResult>& results,
                        const std::optional<FloorResult>& floor) {
    JsonWriter json;
    json.begin_object()
        .value("tool", "xsg-load")
        .value("date", info.date)
        .value("machine", info.machine)
        .value("load_average", info.load)
        .value("command", info.command)
        .value("gateway", info.gateway)
        .value("gateway_cpu", static_cast<double>(info.gateway_cpu));
    for (const ModeResult& r : results) {
        json.begin_object(r.mode)
            .value("description", r.description)
            .value("offered_rate", r.offered_rate)
            .value("achieved_rate", r.achieved_rate)
            .value("duration_s", r.duration_s)
            .value("attempts", r.attempts)
            .value("successes", r.successes)
            .value("failures", r.failures);
        json.begin_object("failures_by_cause");
        for (const auto& [cause, n] : r.failures_by_cause) json.value(cause, n);
        json.end_object();
        write_percentiles(json, r.setup);
        if (r.gateway_setup.count > 0) write_percentiles(json, r.gateway_setup, "gateway_setup_ms");
        json.value("cpu_seconds", r.cpu_seconds)
            .value("cpu_us_per_op", r.cpu_us_per_op)
            .value("rss_base_kib", r.rss_base_kib)
            .value("rss_peak_kib", r.rss_peak_kib);
        if (!r.unit.empty()) {
            json.value(r.unit == "registered user" ? "rss_per_user_kib" : "rss_per_call_kib", r.rss_per_unit_kib);
        }
        if (!r.steps.empty()) {
            json.value("max_clean_rate", r.max_clean_rate);
            json.begin_array("steps");
            for (const RampStep& s : r.steps) {
                json.begin_object()
                    .value("offered_rate", s.offered_rate)
                    .value("achieved_rate", s.achieved_rate)
                    .value("attempts", s.attempts)
                    .value("successes", s.successes)
                    .value("failures", s.failures);
                write_percentiles(json, s.setup);
                json.end_object();
            }
            json.end_array();
        }
        json.begin_object("figures");
        for (const auto& [name, value] : r.figures) json.value(name, value);
        json.end_object();
        json.begin_array("notes");
        for (const std::string& note : r.notes) json.value(note);
        json.end_array();
        json.end_object();
    }
    if (floor) {
        json.begin_object("floor")
            .value("login_us", floor->login_us)
            .value("call_out_us", floor->call_out_us)
            .value("call_in_us", floor->call_in_us)
            .value("login_with_io_us", floor->login_io_us)
            .value("call_out_with_io_us", floor->call_out_io_us)
            .value("call_in_with_io_us", floor->call_in_io_us)
            .value("rounds", static_cast<double>(floor->rounds));
        json.begin_object("parts_us");
        for (const auto& [name, value] : floor->parts_us) json.value(name, value);
        json.end_object();
        json.end_object();
    }
    json.end_object();
    return json.text();
}

std::string summary(const std::vector<ModeResult>& results, const std::optional<FloorResult>& floor) {
    std::ostringstream out;
    char line[512];
    std::snprintf(line, sizeof line, "%-16s %9s %9s %8s %8s %8s %8s %8s %8s %9s %9s %10s\n", "mode", "offered/s",
                  "achieved", "attempts", "failures", "p50 ms", "p95 ms", "p99 ms", "max ms", "cpu us/op", "peak MiB",
                  "KiB/unit");
    out << line;
    for (const ModeResult& r : results) {
        // Parts of the mixed mode have no CPU or memory of their own, and no latency in total.
        auto or_dash = [](bool known, const std::string& text) { return known ? text : std::string("-"); };
        const bool timed = r.setup.count > 0;
        std::snprintf(line, sizeof line, "%-16s %9.1f %9.1f %8llu %8llu %8s %8s %8s %8s %9s %9s %10s\n",
                      r.mode.c_str(), r.offered_rate, r.achieved_rate, static_cast<unsigned long long>(r.attempts),
                      static_cast<unsigned long long>(r.failures), or_dash(timed, format_ms(r.setup.p50_ms)).c_str(),
                      or_dash(timed, format_ms(r.setup.p95_ms)).c_str(), or_dash(timed, format_ms(r.setup.p99_ms)).c_str(),
                      or_dash(timed, format_ms(r.setup.max_ms)).c_str(),
                      or_dash(r.cpu_seconds > 0, fixed(r.cpu_us_per_op, 1)).c_str(),
                      or_dash(r.rss_peak_kib > 0, fixed(r.rss_peak_kib / 1024, 1)).c_str(),
                      or_dash(!r.unit.empty(), fixed(r.rss_per_unit_kib, 2)).c_str());
        out << line;
    }
    for (const ModeResult& r : results) {
        out << "\n" << r.mode << ": " << r.description << "\n";
        if (!r.steps.empty()) out << "  highest clean ramp step: " << fixed(r.max_clean_rate, 0) << "/s\n";
        if (r.gateway_setup.count > 0)
            out << "  the gateway's share of the setup (ms): p50 " << format_ms(r.gateway_setup.p50_ms) << ", p95 "
                << format_ms(r.gateway_setup.p95_ms) << ", p99 " << format_ms(r.gateway_setup.p99_ms) << ", max "
                << format_ms(r.gateway_setup.max_ms) << "\n";
        for (const auto& [cause, n] : r.failures_by_cause) out << "  failed: " << cause << " x " << n << "\n";
        for (const auto& [name, value] : r.figures) out << "  " << name << " = " << fixed(value, 3) << "\n";
        for (const std::string& note : r.notes) out << "  note: " << note << "\n";
    }
    if (floor) {
        out << "\nlibrary floor (parse + write, µs per operation): login " << fixed(floor->login_us, 1)
            << ", call out " << fixed(floor->call_out_us, 1) << ", call in " << fixed(floor->call_in_us, 1)
            << "; with one socket call per message: login " << fixed(floor->login_io_us, 1) << ", call out "
            << fixed(floor->call_out_io_us, 1) << ", call in " << fixed(floor->call_in_io_us, 1) << "\n";
    }
    return out.str();
}

std::string markdown_section(const RunInfo& info, const std::vector<ModeResult>& results,
                             const std::optional<FloorResult>& floor) {
    std::ostringstream md;
    md << "Measured on " << info.date.substr(0, 10) << " (" << info.date << ") on " << info.machine
       << "; gateway pinned to CPU " << info.gateway_cpu
       << ", the load tool, sipp and Kamailio on the other; load average at the end " << info.load
       << " (other engineers' builds and tests share the machine).\n\n";
    md << "```\n" << info.command << "\n```\n\n";
    md << "| mode | what | offered/s | achieved/s | highest clean step/s | attempts | failures | setup p50 / p95 / p99 / max (ms) "
          "| CPU µs/op | x library floor (x with I/O) | peak RSS (MiB) | KiB per unit |\n";
    md << "|---|---|---|---|---|---|---|---|---|---|---|---|\n";
    for (const ModeResult& r : results) {
        const auto ratio = r.figures.find("cpu_to_floor_ratio");
        const auto io_ratio = r.figures.find("cpu_to_floor_with_io_ratio");
        // The mixed mode's parts have no CPU or memory of their own, its total no single latency.
        const std::string setup = r.setup.count == 0 ? "-"
                                                     : format_ms(r.setup.p50_ms) + " / " + format_ms(r.setup.p95_ms) +
                                                           " / " + format_ms(r.setup.p99_ms) + " / " +
                                                           format_ms(r.setup.max_ms);
        md << "| " << r.mode << " | " << r.description << " | " << fixed(r.offered_rate, 0) << " | "
           << fixed(r.achieved_rate, 1) << " | " << (r.steps.empty() ? "-" : fixed(r.max_clean_rate, 0)) << " | "
           << r.attempts << " | " << r.failures << " | " << setup << " | "
           << (r.cpu_seconds > 0 ? fixed(r.cpu_us_per_op, 1) : "-") << " | "
           << (ratio == r.figures.end() ? "-" : fixed(ratio->second, 1))
           << (io_ratio == r.figures.end() ? "" : " (" + fixed(io_ratio->second, 1) + ")") << " | "
           << (r.rss_peak_kib > 0 ? fixed(r.rss_peak_kib / 1024, 1) : "-")
           << " | " << (r.unit.empty() ? "-" : fixed(r.rss_per_unit_kib, 2) + " per " + r.unit) << " |\n";
    }
    bool any_notes = false;
    for (const ModeResult& r : results) {
        const auto busy = r.figures.find("cpu_busy_percent");
        const auto wait = r.figures.find("cpu_wait_percent");
        if (busy != r.figures.end() && wait != r.figures.end()) {
            if (!any_notes) md << "\n", any_notes = true;
            md << "- " << r.mode << ": " << (r.mode == "baseline" ? "Kamailio" : "the gateway") << " was busy "
               << fixed(busy->second, 0) << " % of the load phase and waited " << fixed(wait->second, 0)
               << " % for its core (ready to run while other processes had it)\n";
        }
        if (r.gateway_setup.count > 0) {
            if (!any_notes) md << "\n", any_notes = true;
            md << "- " << r.mode << ": the gateway's share of the setup (the built-in callee's own time, from the "
               << "INVITE's arrival to its 200 leaving, taken out), ms: p50 " << format_ms(r.gateway_setup.p50_ms)
               << ", p95 " << format_ms(r.gateway_setup.p95_ms) << ", p99 " << format_ms(r.gateway_setup.p99_ms)
               << ", max " << format_ms(r.gateway_setup.max_ms) << "\n";
        }
        const auto tool = r.figures.find("load_tool_cpu_percent");
        const auto sipp = r.figures.find("sipp_cpu_percent");
        if (tool != r.figures.end() && sipp != r.figures.end()) {
            if (!any_notes) md << "\n", any_notes = true;
            md << "- " << r.mode << ": xsg-load used " << fixed(tool->second, 0) << " % of a core and sipp "
               << fixed(sipp->second, 0) << " % (they share the cores the gateway is not pinned to)\n";
        }
        for (const auto& [cause, n] : r.failures_by_cause) {
            if (!any_notes) md << "\n", any_notes = true;
            md << "- " << r.mode << " failed: " << cause << " x " << n << "\n";
        }
        for (const std::string& note : r.notes) {
            if (!any_notes) md << "\n", any_notes = true;
            md << "- " << r.mode << ": " << note << "\n";
        }
    }
    if (floor) {
        md << "\nLibrary floor (libstrophe parse + serialize of the stanzas, Sofia-SIP parse + encode of the SIP "
              "messages of one operation): login "
           << fixed(floor->login_us, 1) << " µs, call out " << fixed(floor->call_out_us, 1) << " µs, call in "
           << fixed(floor->call_in_us, 1) << " µs; with one loopback socket call per message (what no gateway "
              "avoids either): login "
           << fixed(floor->login_io_us, 1) << " µs, call out " << fixed(floor->call_out_io_us, 1) << " µs, call in "
           << fixed(floor->call_in_io_us, 1) << " µs.\n";
    }
    return md.str();
}

void update_markdown(const std::string& path, const std::string& name, const std::string& section) {
    const std::string begin_marker = "<!-- xsg-load:" + name + ":begin -->";
    const std::string end_marker = "<!-- xsg-load:" + name + ":end -->";
    std::ifstream in(path);
    if (!in) throw std::runtime_error("cannot read " + path);
    std::ostringstream whole;
    whole << in.rdbuf();
    std::string text = whole.str();
    const std::string block = begin_marker + "\n" + section + end_marker;
    const auto begin = text.find(begin_marker);
    const auto end = text.find(end_marker);
    if (begin != std::string::npos && end != std::string::npos && end > begin) {
        text.replace(begin, end + end_marker.size() - begin, block);
    } else {
        if (!text.empty() && text.back() != '\n') text += '\n';
        text += "\n" + block + "\n";
    }
    std::ofstream out(path, std::ios::trunc);
    if (!(out << text)) throw std::runtime_error("cannot write " + path);
}

}  // namespace gw::load
