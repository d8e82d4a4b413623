#include "loadtest/caps.hpp"

#include <strophe.h>

#include <algorithm>

namespace gw::load {
namespace {
constexpr const char* kIdentityCategory = "client";
constexpr const char* kIdentityType = "pc";
constexpr const char* kIdentityName = "xsg-load";
}  // namespace

std::string base64(const unsigned char* data, std::size_t size) {
    static constexpr char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    for (std::size_t i = 0; i < size; i += 3) {
        const unsigned b0 = data[i];
        const unsigned b1 = i + 1 < size ? data[i + 1] : 0;
        const unsigned b2 = i + 2 < size ? data[i + 2] : 0;
        const unsigned triple = (b0 << 16) | (b1 << 8) | b2;
        out += alphabet[(triple >> 18) & 63];
        out += alphabet[(triple >> 12) & 63];
        out += i + 1 < size ? alphabet[(triple >> 6) & 63] : '=';
        out += i + 2 < size ? alphabet[triple & 63] : '=';
    }
    return out;
}

ClientCaps::ClientCaps(bool jmi) {
    features = {"http://jabber.org/protocol/caps", "http://jabber.org/protocol/disco#info", "urn:xmpp:jingle:1",
                "urn:xmpp:jingle:apps:rtp:1", "urn:xmpp:jingle:apps:rtp:audio",
                "urn:xmpp:jingle:transports:raw-udp:1"};
    if (jmi) features.push_back("urn:xmpp:jingle-message:0");
    std::sort(features.begin(), features.end());
    // XEP-0115 5.1: identities "category/type/lang/name<", then each feature followed by '<'.
    std::string s = std::string(kIdentityCategory) + "/" + kIdentityType + "//" + kIdentityName + "<";
    for (const std::string& feature : features) s += feature + "<";
    unsigned char digest[XMPP_SHA1_DIGEST_SIZE];
    xmpp_sha1_digest(reinterpret_cast<const unsigned char*>(s.data()), s.size(), digest);
    ver = base64(digest, sizeof digest);
}

std::string ClientCaps::presence_element() const {
    return std::string("<c xmlns='http://jabber.org/protocol/caps' hash='sha-1' node='") + kCapsNode + "' ver='" +
           ver + "'/>";
}

std::string ClientCaps::disco_items() const {
    std::string out = std::string("<identity category='") + kIdentityCategory + "' type='" + kIdentityType +
                      "' name='" + kIdentityName + "'/>";
    for (const std::string& feature : features) out += "<feature var='" + feature + "'/>";
    return out;
}

}  // namespace gw::load
