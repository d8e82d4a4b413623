// Pieces the call modes share (mode_calls.cpp, mode_mixed.cpp).
#pragma once

#include "loadtest/calls.hpp"
#include "loadtest/options.hpp"
#include "loadtest/stats.hpp"

#include <cstddef>

namespace gw::load {

class Stage;

// Enough users that each holds about 4 calls at once at most (the gateway's default
// max_per_user): the per-user maps and limits see a realistic spread.
std::size_t call_users(const Options& options);
CallOptions call_options(const Options& options);
// After the load: the gateway's call records and SIP legs must drain to zero (notes otherwise).
void check_drained(Stage& stage, ModeResult& result);
// Users leave, the gateway stops; unhandled stanzas and a bad exit status become notes.
void finish_stage(Stage& stage, ModeResult& result);

}  // namespace gw::load
