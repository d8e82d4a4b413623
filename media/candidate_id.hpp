#pragma once
// Jingle wants an id on every candidate; SDP has none. Ids made here are stable (the same
// candidate of the same content always gets the same id, whether it came in the offer or in a
// trickled INFO) and differ between contents.
#include <string>
#include <string_view>

#include "media/jingle.hpp"

namespace gw::media {

std::string make_candidate_id(std::string_view content, const IceCandidate& candidate);
std::string make_candidate_id(std::string_view content, std::string_view ip, unsigned component,
                              unsigned port);

}  // namespace gw::media
