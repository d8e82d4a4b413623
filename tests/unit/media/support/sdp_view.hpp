#pragma once
// What of an SDP must survive a trip through Jingle: every attribute of the mapping table, with
// session-level values resolved into the sections, parsed rather than compared as text. Rejected
// and non-RTP sections are left out (they have no Jingle content).
#include <optional>
#include <string>
#include <vector>

#include "media/sdp.hpp"

namespace gw::media::test {

struct SectionView {
    std::string media;
    std::string security;  // "dtls", "sdes", "plain"
    std::optional<std::string> mid;
    std::string direction;
    std::vector<std::string> formats;
    std::vector<std::string> rtpmaps;   // effective, static types filled in
    std::vector<std::string> fmtps;     // canonical "pt k=v;token;", sorted
    std::optional<std::string> ptime, maxptime;
    std::vector<std::string> rtcp_fbs;  // sorted
    std::vector<std::string> extmaps;
    bool extmap_allow_mixed = false;
    bool rtcp_mux = false;
    bool rtcp_rsize = false;
    std::vector<std::string> ssrcs;        // sorted
    std::vector<std::string> ssrc_groups;
    std::vector<std::string> bandwidths;
    std::vector<std::string> cryptos;
    std::optional<std::string> ufrag, pwd;
    std::vector<std::string> candidates;  // canonical, generation 0 when absent
    std::vector<std::string> fingerprints;
    std::optional<std::string> setup;
    std::string raw_address;  // without ICE: c= and the port, and a=rtcp
    std::string raw_rtcp;
};

struct SdpView {
    std::vector<std::string> groups;
    std::vector<SectionView> sections;
};

SdpView view_of(const SdpSession& sdp);

// Human-readable differences, empty when `after` keeps everything of `before`. A mid is only
// compared when `before` had one (without it the translation names sections itself).
std::vector<std::string> differences(const SdpView& before, const SdpView& after);

}  // namespace gw::media::test
