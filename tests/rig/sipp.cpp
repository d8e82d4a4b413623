#include "tests/rig/sipp.hpp"

#include <algorithm>
#include <filesystem>
#include <stdexcept>

#include "tests/rig/ports.hpp"
#include "tests/rig/process.hpp"
#include "tests/rig/readiness.hpp"
#include "tests/rig/text_file.hpp"

#ifndef GW_RIG_SCENARIO_DIR
#error "GW_RIG_SCENARIO_DIR must be defined by the build (tests/rig/meson.build)"
#endif

namespace gw::rig {
namespace {

constexpr auto bind_timeout = std::chrono::seconds(10);

using Keys = std::vector<std::pair<std::string, std::string>>;

struct KeyDefault {
  std::string_view name;
  std::string_view only_for;  // scenario file name; empty: any scenario using [name]
  std::string (*value)();
};

// See sipp.hpp for what each key means. The audio port nobody listens on is reserved through
// free_port(), so no other test server takes it.
const KeyDefault key_defaults[] = {
    {"audio_port", "", [] { return std::to_string(free_port()); }},
    {"caller", "", [] { return std::string("sipp"); }},
    {"caller_domain", "", [] { return std::string("127.0.0.1"); }},
    {"session_expires", "", [] { return std::string("90"); }},
    {"expect", "call_in_no_sdp.xml", [] { return std::string("488"); }},
};

bool key_given(const SippOptions& options, std::string_view name) {
  const auto& args = options.extra_args;
  for (std::size_t i = 0; i + 1 < args.size(); ++i) {
    if (args[i] == "-key" && args[i + 1] == name) return true;
  }
  return std::any_of(options.keys.begin(), options.keys.end(), [&](const auto& key) { return key.first == name; });
}

// The keys to pass: the options' own, plus defaults for the [keys] the scenario uses.
Keys keys_for(const SippOptions& options) {
  Keys keys = options.keys;
  if (options.scenario == "uac" || options.scenario == "uas") return keys;
  const std::string text = read_text_file(options.scenario);
  const std::string file = std::filesystem::path(options.scenario).filename().string();
  for (const auto& key : key_defaults) {
    if (!key.only_for.empty() && key.only_for != file) continue;
    if (text.find("[" + std::string(key.name) + "]") == std::string::npos || key_given(options, key.name)) continue;
    keys.emplace_back(key.name, key.value());
  }
  return keys;
}

std::vector<std::string> sipp_argv(const SippOptions& options, std::uint16_t port, const TempDir& dir) {
  std::vector<std::string> argv = {"sipp"};
  if (!options.remote.empty()) argv.push_back(options.remote);
  if (options.scenario == "uac" || options.scenario == "uas") {
    argv.insert(argv.end(), {"-sn", options.scenario});
  } else {
    if (!std::filesystem::is_regular_file(options.scenario)) {
      throw std::invalid_argument("Sipp: scenario '" + options.scenario + "' is neither uac, uas nor a file");
    }
    argv.insert(argv.end(), {"-sf", options.scenario});
  }
  argv.insert(argv.end(), {"-i", "127.0.0.1", "-p", std::to_string(port), "-nostdin",
                           "-trace_msg", "-message_file", dir.file("messages.log"),
                           "-trace_err", "-error_file", dir.file("errors.log"),
                           "-trace_logs", "-log_file", dir.file("scenario.log")});
  for (const auto& [name, value] : keys_for(options)) argv.insert(argv.end(), {"-key", name, value});
  argv.insert(argv.end(), options.extra_args.begin(), options.extra_args.end());
  return argv;
}

}  // namespace

Sipp::Sipp(SippOptions options)
    : options_(std::move(options)), port_(options_.local_port != 0 ? options_.local_port : free_port()) {
  // cwd is the temp dir: sipp drops statistics files next to itself.
  process_ = std::make_unique<Process>(ProcessOptions{
      .argv = sipp_argv(options_, port_, dir_), .log_file = dir_.file("sipp.log"), .cwd = dir_.path()});
  // A UAC may have finished its calls before we look: an exit is only a start failure if sipp
  // reports a fatal error (255, or 254 when it cannot bind); failed calls (1) are the test's
  // business, through wait_exit().
  const bool settled = poll_until([&] { return port_is_bound(port_) || !process_->running(); }, bind_timeout);
  if (!settled) throw_start_failure("sipp", "port " + std::to_string(port_) + " not bound in time", *process_);
  if (const auto status = process_->wait_exit(std::chrono::milliseconds(0)); status && *status >= 254) {
    throw_start_failure("sipp", "fatal error, exit status " + std::to_string(*status), *process_);
  }
}

Sipp::~Sipp() = default;

std::optional<int> Sipp::wait_exit(std::chrono::milliseconds timeout) { return process_->wait_exit(timeout); }

std::string Sipp::messages_log() const { return read_text_file(dir_.file("messages.log")); }

std::string Sipp::errors_log() const { return read_text_file(dir_.file("errors.log")); }

std::string Sipp::scenario_log() const { return read_text_file(dir_.file("scenario.log")); }

std::string Sipp::output() const { return process_->log(); }

std::string sipp_scenario(std::string_view name) {
  const std::string path = std::string(GW_RIG_SCENARIO_DIR) + "/" + std::string(name) + ".xml";
  if (name.empty() || name.find('/') != std::string_view::npos || !std::filesystem::is_regular_file(path)) {
    throw std::invalid_argument("no rig sipp scenario named '" + std::string(name) + "'");
  }
  return path;
}

}  // namespace gw::rig
