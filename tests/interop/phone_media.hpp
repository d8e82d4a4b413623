// What baresip (with BaresipOptions::record_audio) heard in a call, once the call ended: the
// tone in its sndfile WAV of the decoded audio.
#pragma once

#include "tests/interop/tone_analysis.hpp"
#include "tests/rig/baresip.hpp"

#include <optional>

namespace gw::interop {

// The dominant frequency and level of the middle half of the newest dump-*-dec.wav (what the
// phone heard, decoded); nullopt if there is none or it is shorter than half a second.
std::optional<ToneAnalysis> phone_heard(const rig::Baresip& phone);

}  // namespace gw::interop
