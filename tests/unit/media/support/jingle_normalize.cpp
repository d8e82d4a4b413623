#include "jingle_normalize.hpp"

#include "media/static_payloads.hpp"

namespace gw::media::test {

namespace {

template <class Field>
void spread(std::vector<PayloadType>& types, Field field) {
    std::optional<unsigned> first;
    for (const auto& pt : types)
        if (!first && pt.*field) first = pt.*field;
    for (auto& pt : types) pt.*field = first;
}

void normalize_fingerprints(std::vector<Fingerprint>& fingerprints) {
    std::optional<std::string> setup;
    for (const auto& f : fingerprints)
        if (!setup && f.setup) setup = f.setup;
    for (auto& f : fingerprints) f.setup = setup;
}

}  // namespace

JingleSession normalize(JingleSession session) {
    for (auto& content : session.contents) {
        if (content.description) {
            auto& d = *content.description;
            spread(d.payload_types, &PayloadType::ptime);
            spread(d.payload_types, &PayloadType::maxptime);
            if (d.encryption && !d.encryption->required) d.encryption->required = true;
            for (auto& pt : d.payload_types)
                if (auto known = static_payload(pt.id); known && !pt.clockrate) pt.clockrate = known->clockrate;
        }
        if (auto* ice = std::get_if<IceUdpTransport>(&content.transport)) {
            for (auto& c : ice->candidates) {
                c.id.clear();
                if (!c.generation) c.generation = 0;
            }
            normalize_fingerprints(ice->fingerprints);
        }
        if (auto* raw = std::get_if<RawUdpTransport>(&content.transport)) {
            for (auto& c : raw->candidates) {
                c.id.clear();
                if (!c.generation) c.generation = 0;
            }
            normalize_fingerprints(raw->fingerprints);
        }
    }
    return session;
}

}  // namespace gw::media::test
