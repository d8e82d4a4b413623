// xsg-load: the gateway's load tool (see loadtest/README.md and `xsg-load --help`).
#include "loadtest/floor.hpp"
#include "loadtest/modes.hpp"
#include "loadtest/options.hpp"
#include "loadtest/processes.hpp"
#include "loadtest/report.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <exception>
#include <fstream>
#include <optional>

#ifndef XSG_LOAD_GATEWAY
#error "XSG_LOAD_GATEWAY must be defined by the build (loadtest/meson.build)"
#endif

using namespace gw::load;

namespace {

ModeResult run_mode(const std::string& mode, const Options& options, std::vector<ModeResult>& results) {
    if (mode == "logins") return run_logins(options);
    if (mode == "calls-out") return run_calls_out(options);
    if (mode == "calls-in") return run_calls_in(options);
    if (mode == "baseline") return run_baseline(options);
    std::vector<ModeResult> parts;
    ModeResult mixed = run_mixed(options, parts);
    for (ModeResult& part : parts) results.push_back(std::move(part));
    return mixed;
}

}  // namespace

int main(int argc, char** argv) {
    const Options options = parse_options(argc, argv, XSG_LOAD_GATEWAY);
    // Stores, configs and logs on tmpfs: the disk must not be what a run measures.
    struct stat shm{};
    if (std::getenv("TMPDIR") == nullptr && stat("/dev/shm", &shm) == 0 && S_ISDIR(shm.st_mode))
        setenv("TMPDIR", "/dev/shm", 1);
    pin_self_away_from(options.gateway_cpu);

    bool needs_gateway = false;
    for (const std::string& mode : options.modes) needs_gateway |= mode != "floor" && mode != "baseline";
    if (needs_gateway && access(options.gateway.c_str(), X_OK) != 0) {
        std::fprintf(stderr, "xsg-load: the gateway %s is not an executable (build it, or give --gateway)\n",
                     options.gateway.c_str());
        return 2;
    }

    std::vector<ModeResult> results;
    bool broken = false;
    for (const std::string& mode : options.modes) {
        if (mode == "floor") continue;
        std::fprintf(stderr, "xsg-load: %s ...\n", mode.c_str());
        try {
            if (mode == "fullstack") {
                for (ModeResult& phase : run_fullstack(options)) results.push_back(std::move(phase));
            } else {
                results.push_back(run_mode(mode, options, results));
            }
        } catch (const std::exception& e) {
            std::fprintf(stderr, "xsg-load: %s could not run: %s\n", mode.c_str(), e.what());
            ModeResult failed;
            failed.mode = mode == "calls-out" ? "calls_out" : mode == "calls-in" ? "calls_in" : mode;
            failed.description = "did not run";
            failed.notes.push_back(std::string("could not run: ") + e.what());
            results.push_back(std::move(failed));
            broken = true;
        }
    }

    std::optional<FloorResult> floor;
    try {
        std::fprintf(stderr, "xsg-load: library floor ...\n");
        floor = measure_floor(options.floor_rounds);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "xsg-load: the library floor benchmark failed: %s\n", e.what());
        broken = true;
    }
    add_ratios(results, floor);

    const RunInfo info = describe_run(options.command_line, options.gateway_cpu, options.gateway);
    std::fputs(("\n" + summary(results, floor)).c_str(), stdout);
    std::ofstream json(options.output, std::ios::trunc);
    if (!(json << json_report(info, results, floor))) {
        std::fprintf(stderr, "xsg-load: cannot write %s\n", options.output.c_str());
        return 2;
    }
    json.close();
    std::fprintf(stderr, "xsg-load: results in %s\n", options.output.c_str());
    if (!options.markdown.empty()) {
        try {
            std::string section = options.title.empty() ? "" : "### " + options.title + "\n\n";
            update_markdown(options.markdown, options.section, section + markdown_section(info, results, floor));
        } catch (const std::exception& e) {
            std::fprintf(stderr, "xsg-load: %s\n", e.what());
            return 2;
        }
    }
    if (broken) return 2;
    // A ramp runs until it fails: it fails as a whole only when not even its first step was clean.
    for (const ModeResult& r : results) {
        const bool failed = r.steps.empty() ? r.failures > 0 || r.attempts == 0 : r.max_clean_rate <= 0;
        if (failed) return 1;
    }
    return 0;
}
