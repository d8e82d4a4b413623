#pragma once
// Jingle models compared after a trip through SDP differ only where SDP has no room for the
// detail; normalize() applies exactly those documented differences to both sides:
//  - candidate ids are not carried (the translation makes new, stable ones);
//  - a missing candidate generation reads as 0, as XEP-0176 defines it;
//  - SDP has one ptime/maxptime per section: the first payload type's value applies to all;
//  - <encryption/> without 'required' is written as RTP/SAVP and read back as required;
//  - the transport's fingerprints share the section's single a=setup;
//  - a static payload type (RFC 3551) without clockrate has its fixed one.
#include "media/jingle.hpp"

namespace gw::media::test {

JingleSession normalize(JingleSession session);

}  // namespace gw::media::test
