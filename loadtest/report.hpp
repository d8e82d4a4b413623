// The results of a run: the summary printed at the end, loadtest-results.json (one object per
// mode, fields stable so runs can be compared by script) and the tables for BENCHMARKS.md.
#pragma once

#include "loadtest/floor.hpp"
#include "loadtest/stats.hpp"

#include <optional>
#include <string>
#include <vector>

namespace gw::load {

struct RunInfo {
    std::string date;       // UTC, ISO 8601
    std::string machine;    // CPU model, cores, memory, kernel
    std::string load;       // /proc/loadavg at the end: other work on the machine skews figures
    std::string command;
    int gateway_cpu = -1;
    std::string gateway;
};

RunInfo describe_run(const std::string& command, int gateway_cpu, const std::string& gateway);

// Ratios between modes of the same run: CPU per operation against the library floor, and calls
// per second against what the SIP side alone sustains (the baseline).
void add_ratios(std::vector<ModeResult>& results, const std::optional<FloorResult>& floor);

std::string json_report(const RunInfo& info, const std::vector<ModeResult>& results,
                        const std::optional<FloorResult>& floor);
std::string summary(const std::vector<ModeResult>& results, const std::optional<FloorResult>& floor);
// The markdown section for BENCHMARKS.md (between the load-test markers).
std::string markdown_section(const RunInfo& info, const std::vector<ModeResult>& results,
                             const std::optional<FloorResult>& floor);
// Replaces the text between "<!-- xsg-load:NAME:begin -->" and "<!-- xsg-load:NAME:end -->" in
// `path` (appends the markers and the section when absent), so several runs can each keep their
// own table in one file. Throws std::runtime_error.
void update_markdown(const std::string& path, const std::string& name, const std::string& section);

}  // namespace gw::load
