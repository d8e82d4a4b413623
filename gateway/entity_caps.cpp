#include "gateway/entity_caps.hpp"

#include <strophe.h>

#include <algorithm>

namespace gw {
namespace {

std::string base64(const unsigned char* data, size_t length) {
    static constexpr char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    for (size_t i = 0; i < length; i += 3) {
        const unsigned a = data[i];
        const unsigned b = i + 1 < length ? data[i + 1] : 0;
        const unsigned c = i + 2 < length ? data[i + 2] : 0;
        const unsigned triple = (a << 16) | (b << 8) | c;
        out += alphabet[(triple >> 18) & 63];
        out += alphabet[(triple >> 12) & 63];
        out += i + 1 < length ? alphabet[(triple >> 6) & 63] : '=';
        out += i + 2 < length ? alphabet[triple & 63] : '=';
    }
    return out;
}

}  // namespace

std::string caps_verification(const DiscoInfo& info) {
    std::vector<std::string> identities;
    for (const DiscoIdentity& identity : info.identities)
        identities.push_back(identity.category + "/" + identity.type + "/" + identity.lang + "/" + identity.name);
    std::sort(identities.begin(), identities.end());
    std::vector<std::string> features = info.features;
    std::sort(features.begin(), features.end());
    std::string s;
    for (const std::string& identity : identities) s += identity + "<";
    for (const std::string& feature : features) s += feature + "<";
    // Extended forms (section 5.4 step 3.6): by FORM_TYPE, then fields by var, values sorted.
    std::vector<DiscoForm> forms = info.forms;
    std::sort(forms.begin(), forms.end(), [](const DiscoForm& a, const DiscoForm& b) { return a.form_type < b.form_type; });
    for (DiscoForm& form : forms) {
        s += form.form_type + "<";
        std::sort(form.fields.begin(), form.fields.end());
        for (auto& [var, values] : form.fields) {
            s += var + "<";
            std::sort(values.begin(), values.end());
            for (const std::string& value : values) s += value + "<";
        }
    }
    unsigned char digest[XMPP_SHA1_DIGEST_SIZE];
    xmpp_sha1_digest(reinterpret_cast<const unsigned char*>(s.data()), s.size(), digest);
    return base64(digest, sizeof digest);
}

}  // namespace gw
