#include "loadtest/options.hpp"

#include "loadtest/processes.hpp"

#include <cstdio>
#include <cstdlib>
#include <set>
#include <sstream>

namespace gw::load {
namespace {

[[noreturn]] void fail(const std::string& message) {
    std::fprintf(stderr, "xsg-load: %s\n(xsg-load --help shows the options)\n", message.c_str());
    std::exit(2);
}

double number(const std::string& option, const char* text, double min, double max) {
    char* end = nullptr;
    const double value = std::strtod(text, &end);
    if (end == text || *end != '\0' || !(value >= min && value <= max)) {
        std::ostringstream range;
        range << option << " takes a number from " << min << " to " << max << ", got '" << text << "'";
        fail(range.str());
    }
    return value;
}

std::vector<std::string> split_modes(const std::string& text) {
    static const std::set<std::string> known = {"logins", "calls-out", "calls-in", "mixed", "baseline", "fullstack", "floor"};
    std::vector<std::string> modes;
    std::istringstream in(text);
    std::string mode;
    while (std::getline(in, mode, ',')) {
        if (!known.contains(mode))
            fail("unknown mode '" + mode + "' (modes: logins, calls-out, calls-in, mixed, baseline, fullstack, floor)");
        modes.push_back(mode);
    }
    if (modes.empty()) fail("--mode needs at least one mode");
    return modes;
}

}  // namespace

std::string usage() {
    return R"(usage: xsg-load [--mode MODES] [options]

Drives the gateway the way a busy XMPP server and SIP network would: the gateway connects to
xsg-load's XEP-0114 server, sipp plays registrar, callee and caller, all on 127.0.0.1.
Writes a summary, and the results as JSON to loadtest-results.json in the current directory.
Exit status: 0 when every operation succeeded (a ramp: when its first step was clean), 1 when
some failed, 2 when a mode could not run.

Modes (comma-separated, run in order; each starts its own gateway):
  logins     users come online and the gateway REGISTERs them (digest); then they leave
  calls-out  users call bob%127.0.0.1@gateway (session-initiate, or JMI with --jmi), hold, hang up
  calls-in   sipp calls users through the gateway; users answer; sipp hangs up after the hold
  mixed      logins, calls out and calls in at the same time, each at --rate
  baseline   the same SIP call flow without the gateway: sipp -> Kamailio -> sipp
  fullstack  end to end through a real XMPP server (--server) with real client connections:
             --users clients log in (presence -> "registered as" at the client, at --login-rate),
             then call bob at --rate (or a ramp); reports fullstack_logins and fullstack_calls
  floor      library floor: parsing and writing one call's stanzas and SIP messages
Load:
  --rate R            operations per second (default 100)
  --ramp STEP         raise the rate by STEP every --ramp-interval s until a step fails
  --ramp-interval S   seconds per ramp step (default 5)
  --max-rate R        a ramp stops here (default 100000)
  --max-p99-ms MS     a ramp step with p99 setup latency above MS counts as failed (default 1000)
  --count N           operations per mode (default: rate x duration)
  --duration S        length of the load phase (default: count / rate; 10 s if neither)
  --hold S            call length in seconds (default 1)
  --users N           users for the calls modes (default: enough for the rate and hold);
                      fullstack: client connections (default 500, at most 900)
  --warmup-rate R     logins per second that register those users first (default 500)
  --server NAME       fullstack: prosody (default) or ejabberd
  --login-rate R      fullstack: logins per second (default: --rate); as many logins as calls,
                      users cycling (online for --hold, offline, again) when they are fewer
  --timeout S         an operation without an outcome after S seconds fails (default 10)
  --jmi               calls out start with a JMI <propose/>
  --answer-at-once    the callee answers calls out with 200 at once, without 180 (sipp waits up
                      to 1 ms between two sends: without it the setup time is the gateway's)
  --builtin-callee    calls out: xsg-load answers the INVITEs itself at once (and registers the
                      users, without digest) instead of sipp, and reports the gateway's share of
                      the setup time: the total less its own time from an INVITE's arrival to
                      its 200 leaving
  --no-jmi-caps       users do not advertise JMI: calls in ring with session-initiate
  --kamailio          Kamailio with digest auth between the gateway and sipp (registrar,
                      proxy for calls out, and for calls in to the users' registrations)
Run:
  --gateway PATH      the gateway executable (default: the one built beside xsg-load)
  --gateway-cpu N     core for the gateway (default: the last; the rest run elsewhere); -1: none
  --log-level L       the gateway's log level (default info)
  --output FILE       JSON results (default loadtest-results.json)
  --markdown FILE     rewrite one section of FILE (BENCHMARKS.md) with this run's table
  --section NAME      which section (between <!-- xsg-load:NAME:begin/end --> markers; default load)
  --title TEXT        a heading for that section
  --sip-trace         sipp traces every SIP message into the run directory (slows sipp down)
  --floor-rounds N    rounds of the library floor benchmark (default 5)
  --quiet             no progress line
Set GW_KEEP_TEST_DIRS=1 to keep the run's directory (configs, gateway log, sipp logs).
)";
}

Options parse_options(int argc, char** argv, const std::string& default_gateway) {
    Options o;
    o.gateway = default_gateway;
    o.gateway_cpu = cpu_count() >= 2 ? cpu_count() - 1 : -1;
    bool count_given = false, duration_given = false;
    for (int i = 0; i < argc; ++i) {
        // Quoted where needed, so the report's command can be pasted back into a shell.
        const std::string arg = argv[i];
        const bool plain = !arg.empty() && arg.find_first_of(" '\"$()*;&|<>") == std::string::npos;
        std::string quoted = "'";
        for (char c : arg) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
        o.command_line += (i ? " " : "") + (plain ? arg : quoted + "'");
    }
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        auto value = [&]() -> const char* {
            if (i + 1 >= argc) fail(arg + " needs a value");
            return argv[++i];
        };
        if (arg == "--help" || arg == "-h") {
            std::fputs(usage().c_str(), stdout);
            std::exit(0);
        }
        if (arg == "--mode") o.modes = split_modes(value());
        else if (arg == "--rate") o.rate = number(arg, value(), 0.1, 100000);
        else if (arg == "--login-rate") o.login_rate = number(arg, value(), 0.1, 100000);
        else if (arg == "--server") o.xmpp_server = value();
        else if (arg == "--ramp") o.ramp_step = number(arg, value(), 0.1, 100000);
        else if (arg == "--ramp-interval") o.ramp_interval_s = number(arg, value(), 1, 3600);
        else if (arg == "--max-rate") o.max_rate = number(arg, value(), 0.1, 100000);
        else if (arg == "--max-p99-ms") o.max_p99_ms = number(arg, value(), 0.01, 60000);
        else if (arg == "--count") o.count = static_cast<std::uint64_t>(number(arg, value(), 1, 1e7)), count_given = true;
        else if (arg == "--duration") o.duration_s = number(arg, value(), 0.1, 86400), duration_given = true;
        else if (arg == "--hold") o.hold_s = number(arg, value(), 0, 3600);
        else if (arg == "--users") o.users = static_cast<std::size_t>(number(arg, value(), 1, 1e6));
        else if (arg == "--timeout") o.timeout_s = number(arg, value(), 0.1, 600);
        else if (arg == "--warmup-rate") o.warmup_rate = number(arg, value(), 1, 100000);
        else if (arg == "--jmi") o.jmi_out = true;
        else if (arg == "--answer-at-once") o.answer_at_once = true;
        else if (arg == "--no-jmi-caps") o.jmi_in = false;
        else if (arg == "--kamailio") o.kamailio = true;
        else if (arg == "--builtin-callee") o.builtin_callee = true;
        else if (arg == "--gateway") o.gateway = value();
        else if (arg == "--gateway-cpu") o.gateway_cpu = static_cast<int>(number(arg, value(), -1, cpu_count() - 1));
        else if (arg == "--log-level") o.log_level = value();
        else if (arg == "--output") o.output = value();
        else if (arg == "--markdown") o.markdown = value();
        else if (arg == "--section") o.section = value();
        else if (arg == "--title") o.title = value();
        else if (arg == "--sip-trace") o.sip_trace = true;
        else if (arg == "--floor-rounds") o.floor_rounds = static_cast<int>(number(arg, value(), 1, 100));
        else if (arg == "--quiet") o.quiet = true;
        else fail("unknown option '" + arg + "'");
    }
    if (o.modes.empty()) o.modes = {"logins"};
    if (!count_given && !duration_given && o.ramp_step <= 0) o.duration_s = 10;
    if (!count_given && o.ramp_step <= 0) {
        // At a fixed rate a duration is a count: the last operations are not cut by a clock tick.
        o.count = static_cast<std::uint64_t>(o.rate * o.duration_s + 0.5);
        o.duration_s = 0;
    }
    if (o.ramp_step > 0 && !count_given && !duration_given)
        o.duration_s = 3600;  // a ramp ends when a step fails or the maximum rate is passed
    if (o.ramp_step > 0 && o.max_rate < o.rate) fail("--max-rate is below --rate");
    for (const std::string& mode : o.modes) {
        if (mode == "mixed" && o.ramp_step > 0) fail("the mixed mode runs at a fixed rate: drop --ramp");
        if (mode == "fullstack" && o.kamailio) fail("the fullstack mode uses sipp as registrar: drop --kamailio");
        if (o.builtin_callee && mode != "calls-out") fail("--builtin-callee is for the calls-out mode only");
        if (o.builtin_callee && o.kamailio) fail("--builtin-callee replaces the SIP side: drop --kamailio");
    }
    if (o.xmpp_server != "prosody" && o.xmpp_server != "ejabberd") fail("--server takes prosody or ejabberd");
    if (o.login_rate <= 0) o.login_rate = o.rate;
    return o;
}

}  // namespace gw::load
