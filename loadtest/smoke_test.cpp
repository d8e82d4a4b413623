// Smoke tests of xsg-load (meson suite "loadtest"): one short run of a mode with small counts,
// as a user would start it, in a fresh directory. The run must exit 0 and leave a well-formed
// loadtest-results.json whose object for the mode shows every attempt succeeded, with latency
// percentiles, CPU and memory figures, and a gateway that drained and stopped cleanly.
//   usage: xsg-load-smoke CASE    (XSG_LOAD_BIN names the tool)
// No test framework: like tests/rig, this runs where the tests are not built with doctest.
#include "loadtest/json.hpp"
#include "tests/rig/process.hpp"
#include "tests/rig/temp_dir.hpp"
#include "tests/rig/text_file.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <map>
#include <string>
#include <vector>

using namespace gw;

namespace {

struct Case {
    std::vector<std::string> args;         // after the tool's path
    std::vector<std::string> modes;        // JSON objects that must be there
    std::uint64_t attempts;                // per mode
    bool calls;                            // the gateway's call gauges must be back at 0
};

const std::map<std::string, Case>& cases() {
    // Few operations, short holds: a few seconds each. --floor-rounds 1 keeps the floor quick.
    static const std::map<std::string, Case> all = {
        {"logins", {{"--mode", "logins", "--count", "60", "--rate", "60"}, {"logins"}, 60, false}},
        {"logins-kamailio",
         {{"--mode", "logins", "--count", "30", "--rate", "30", "--kamailio"}, {"logins"}, 30, false}},
        {"calls-out",
         {{"--mode", "calls-out", "--count", "30", "--rate", "15", "--hold", "0.3"}, {"calls_out"}, 30, true}},
        {"calls-out-jmi",
         {{"--mode", "calls-out", "--count", "20", "--rate", "10", "--hold", "0.3", "--jmi"}, {"calls_out"}, 20, true}},
        {"calls-out-kamailio",
         {{"--mode", "calls-out", "--count", "20", "--rate", "10", "--hold", "0.3", "--kamailio"}, {"calls_out"}, 20,
          true}},
        {"calls-out-builtin-callee",
         {{"--mode", "calls-out", "--count", "30", "--rate", "15", "--hold", "0.3", "--builtin-callee"}, {"calls_out"}, 30,
          true}},
        {"calls-in", {{"--mode", "calls-in", "--count", "30", "--rate", "15", "--hold", "0.3"}, {"calls_in"}, 30, true}},
        {"calls-in-no-jmi",
         {{"--mode", "calls-in", "--count", "20", "--rate", "10", "--hold", "0.3", "--no-jmi-caps"}, {"calls_in"}, 20,
          true}},
        {"mixed",
         {{"--mode", "mixed", "--count", "20", "--rate", "10", "--hold", "0.3"},
          {"mixed", "mixed_logins", "mixed_calls_out", "mixed_calls_in"}, 20, true}},
        {"baseline", {{"--mode", "baseline", "--count", "30", "--rate", "15", "--hold", "0.3"}, {"baseline"}, 30, false}},
        // As many logins as users, and as many calls.
        {"fullstack-prosody",
         {{"--mode", "fullstack", "--server", "prosody", "--users", "20", "--count", "20", "--rate", "10", "--hold", "0.3"},
          {"fullstack_logins", "fullstack_calls"}, 20, true}},
        {"fullstack-ejabberd",
         {{"--mode", "fullstack", "--server", "ejabberd", "--users", "20", "--count", "20", "--rate", "10", "--hold", "0.3"},
          {"fullstack_logins", "fullstack_calls"}, 20, true}},
    };
    return all;
}

int failures = 0;

void check(bool ok, const std::string& what) {
    if (ok) return;
    ++failures;
    std::fprintf(stderr, "FAILED: %s\n", what.c_str());
}

double number(const load::JsonValue& object, const std::string& key, bool& present) {
    const load::JsonValue* v = object.get(key);
    present = v != nullptr && v->kind == load::JsonValue::Kind::number;
    return present ? v->number : 0;
}

void check_mode(const load::JsonValue& results, const std::string& mode, const Case& c) {
    const load::JsonValue* r = results.get(mode);
    check(r != nullptr && r->kind == load::JsonValue::Kind::object, "the results have an object '" + mode + "'");
    if (r == nullptr) return;
    bool present = false;
    const bool whole = mode != "mixed";  // the mixed total counts three kinds of operation
    const double attempts = number(*r, "attempts", present);
    check(present && (whole ? attempts == static_cast<double>(c.attempts) : attempts == 3.0 * static_cast<double>(c.attempts)),
          mode + ": attempts is " + std::to_string(attempts) + ", expected " +
              std::to_string(whole ? c.attempts : 3 * c.attempts));
    check(number(*r, "failures", present) == 0 && present, mode + ": no failures");
    check(number(*r, "successes", present) == attempts && present, mode + ": every attempt succeeded");
    const load::JsonValue* causes = r->get("failures_by_cause");
    check(causes != nullptr && causes->kind == load::JsonValue::Kind::object && causes->object.empty(),
          mode + ": failures_by_cause is an empty object");
    check(number(*r, "offered_rate", present) > 0 && present, mode + ": offered_rate");
    check(number(*r, "achieved_rate", present) > 0 && present, mode + ": achieved_rate");
    const load::JsonValue* setup = r->get("setup_ms");
    check(setup != nullptr, mode + ": setup_ms");
    if (setup != nullptr && mode != "mixed") {
        const double p50 = number(*setup, "p50", present);
        const double p95 = number(*setup, "p95", present);
        const double p99 = number(*setup, "p99", present);
        const double max = number(*setup, "max", present);
        check(present && p50 > 0 && p50 <= p95 && p95 <= p99 && p99 <= max,
              mode + ": setup_ms p50 <= p95 <= p99 <= max, all above 0");
        check(number(*setup, "count", present) == attempts, mode + ": a setup time for every call or login");
    }
    // With the built-in callee every call's setup is split: the gateway's share is below the whole.
    const bool builtin = std::find(c.args.begin(), c.args.end(), "--builtin-callee") != c.args.end();
    const load::JsonValue* share = r->get("gateway_setup_ms");
    check(builtin == (share != nullptr), mode + ": gateway_setup_ms exactly with the built-in callee");
    if (share != nullptr && setup != nullptr) {
        check(number(*share, "count", present) == attempts && present, mode + ": the gateway's share for every call");
        check(number(*share, "p50", present) > 0 && number(*share, "max", present) <= number(*setup, "max", present),
              mode + ": the gateway's share is above 0 and within the whole setup time");
    }
    if (mode == "mixed" || mode.rfind("mixed_", 0) != 0) {  // the parts have no CPU of their own
        check(number(*r, "cpu_us_per_op", present) > 0 && present, mode + ": cpu_us_per_op");
        check(number(*r, "rss_peak_kib", present) > 0 && present, mode + ": rss_peak_kib");
    }
    const load::JsonValue* figures = r->get("figures");
    check(figures != nullptr, mode + ": figures");
    if (figures == nullptr) return;
    if (mode != "baseline" && mode.rfind("mixed_", 0) != 0)
        check(number(*figures, "gateway_exit_status", present) == 0 && present, mode + ": the gateway stopped cleanly");
    if (c.calls && mode.rfind("mixed_", 0) != 0 && mode != "fullstack_logins") {
        check(number(*figures, "calls_left_in_gateway", present) == 0 && present, mode + ": no call record left");
        check(number(*figures, "call_legs_left_in_gateway", present) == 0 && present, mode + ": no SIP call leg left");
    }
    if (mode.rfind("fullstack_", 0) == 0) {
        check(number(*figures, "xmpp_server_cpu_seconds", present) > 0 && present, mode + ": the XMPP server's CPU was read");
        check(number(*figures, "client_connections_lost", present) == 0 && present, mode + ": no client connection lost");
    }
    if (mode == "logins" || mode == "fullstack_logins")
        check(number(*figures, "unregistered_after_logout", present) == 1 && present,
              mode + ": every registration removed after logout");
}

}  // namespace

int main(int argc, char** argv) {
    const char* tool = std::getenv("XSG_LOAD_BIN");
    if (argc != 2 || tool == nullptr || !cases().contains(argv[1])) {
        std::fprintf(stderr, "usage: XSG_LOAD_BIN=path xsg-load-smoke CASE\ncases:");
        for (const auto& [name, c] : cases()) std::fprintf(stderr, " %s", name.c_str());
        std::fprintf(stderr, "\n");
        return 2;
    }
    const Case& c = cases().at(argv[1]);
    rig::TempDir dir("xsg-load-smoke");
    std::vector<std::string> argv_run = {tool};
    argv_run.insert(argv_run.end(), c.args.begin(), c.args.end());
    argv_run.insert(argv_run.end(), {"--floor-rounds", "1", "--timeout", "5"});
    const rig::CommandResult run =
        rig::run_command({.argv = argv_run, .cwd = dir.path()}, std::chrono::seconds(150));
    std::fputs(run.output.c_str(), stderr);
    check(run.status == 0, "xsg-load exits 0 (got " + std::to_string(run.status) + ")");

    const std::string text = rig::read_text_file(dir.file("loadtest-results.json"));
    std::string error;
    const auto results = load::parse_json(text, &error);
    check(results.has_value(), "loadtest-results.json is well-formed JSON" + (error.empty() ? "" : ": " + error));
    if (results) {
        check(results->kind == load::JsonValue::Kind::object, "the results are one JSON object");
        for (const std::string& mode : c.modes) check_mode(*results, mode, c);
        const load::JsonValue* floor = results->get("floor");
        bool present = false;
        check(floor != nullptr && number(*floor, "call_out_us", present) > 0 && present,
              "the library floor was measured");
    }
    if (failures == 0) std::fprintf(stderr, "PASSED: %s\n", argv[1]);
    return failures == 0 ? 0 : 1;
}
