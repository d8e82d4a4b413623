// What the user's clients can do, learned from their entity capabilities (XEP-0115): one
// disco#info query per capabilities string, the answer checked against its hash and shared by
// every client that announces the same string. Decides how an incoming call rings.
#pragma once

#include "gateway/presence_tracker.hpp"
#include "xmpp/stanza.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace gw {

struct ClientFeatures {
    bool jingle_audio = false;  // urn:xmpp:jingle:apps:rtp:audio (or rtp:1 with no media split)
    bool jmi = false;           // urn:xmpp:jingle-message:0
};

class CapsCache {
public:
    // The features behind "node#ver", when known.
    const ClientFeatures* find(std::string_view caps) const;
    // True when nobody has asked about `caps` yet: the caller sends the query (marked pending).
    bool should_query(std::string_view caps);
    // The disco#info <query/> answering `caps`. Returns false (and forgets the pending query, so
    // the next presence asks again) when the answer does not match the hash in `caps`.
    bool learn(std::string_view caps, const xmpp::Stanza& query);
    void failed(std::string_view caps);
    std::size_t size() const { return known_.size(); }

private:
    std::unordered_map<std::string, ClientFeatures> known_;
    std::unordered_map<std::string, bool> pending_;
};

// "node#ver" of a presence's <c xmlns='http://jabber.org/protocol/caps'/> with hash sha-1, or "".
std::string caps_of_presence(const xmpp::Stanza& presence);

struct RingPlan {
    enum class Kind { propose, initiate, nobody } kind = Kind::nobody;
    std::string resource;  // initiate: the full JID to send session-initiate to
};

// A JMI proposal to the bare JID when some client supports it; else session-initiate to the
// best client advertising Jingle audio (highest priority), else to the best client whose
// features are not known (no caps, or the query is pending); nobody when every client is known
// not to support calls. Resources with negative priority are never rung.
RingPlan plan_ringing(const std::vector<OnlineResource>& resources, const CapsCache& caps);

}  // namespace gw
