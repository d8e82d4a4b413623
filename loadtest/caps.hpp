// What the simulated users' client advertises (XEP-0115 entity capabilities and the disco#info
// answer behind them): Jingle RTP audio over raw UDP, and optionally Jingle Message Initiation,
// which decides whether the gateway rings them with <propose/> or with session-initiate.
#pragma once

#include <string>
#include <vector>

namespace gw::load {

inline constexpr const char* kCapsNode = "https://xsg-load.invalid/client";

struct ClientCaps {
    explicit ClientCaps(bool jmi);

    std::vector<std::string> features;  // sorted
    std::string ver;                    // base64 SHA-1 of the XEP-0115 verification string
    // <c xmlns='http://jabber.org/protocol/caps' .../> for presence
    std::string presence_element() const;
    // The children of the disco#info <query/> (identity and features).
    std::string disco_items() const;
};

std::string base64(const unsigned char* data, std::size_t size);

}  // namespace gw::load
