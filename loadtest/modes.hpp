// The load tool's modes. Each starts its own world (stage.hpp), runs its load phase and returns
// what it measured; setup problems throw std::runtime_error with the reason.
#pragma once

#include "loadtest/options.hpp"
#include "loadtest/stats.hpp"

namespace gw::load {

ModeResult run_logins(const Options& options);
ModeResult run_calls_out(const Options& options);
ModeResult run_calls_in(const Options& options);
ModeResult run_mixed(const Options& options, std::vector<ModeResult>& parts);
ModeResult run_baseline(const Options& options);
// fullstack_logins and fullstack_calls (the calls' result says why when they could not run).
std::vector<ModeResult> run_fullstack(const Options& options);

}  // namespace gw::load
