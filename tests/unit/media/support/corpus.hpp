#pragma once
// Access to the samples in tests/data (GW_TEST_DATA_DIR is set by meson).
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "media/direction.hpp"

namespace gw::media::test {

std::filesystem::path data_dir();
// Sorted files of tests/data/<subdir> whose name ends with `suffix`.
std::vector<std::filesystem::path> corpus(std::string_view subdir, std::string_view suffix);
std::string read_file(const std::filesystem::path& path);

// The Jingle role of the writer of an SDP sample, from its file name: answers are written by the
// responder, everything else (offers, re-offers) by the initiator.
Role sdp_writer(const std::filesystem::path& sample);
// Jingle action an SDP sample translates to.
std::string sdp_action(const std::filesystem::path& sample);

}  // namespace gw::media::test
