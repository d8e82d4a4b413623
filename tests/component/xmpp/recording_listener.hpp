// A ComponentListener that records what it heard, for assertions.
#pragma once

#include "xmpp/component_listener.hpp"
#include "xmpp/stanza.hpp"

#include <string>
#include <vector>

namespace gw::test {

struct RecordingListener : xmpp::ComponentListener {
    int connected = 0;
    std::vector<std::string> disconnect_reasons;
    std::vector<double> retry_delays;
    std::vector<std::string> stanzas;  // serialized

    void on_component_connected() override { ++connected; }
    void on_component_disconnected(const std::string& reason, double retry_in_s) override {
        disconnect_reasons.push_back(reason);
        retry_delays.push_back(retry_in_s);
    }
    void on_stanza(const xmpp::Stanza& stanza) override { stanzas.push_back(stanza.to_string()); }
};

}  // namespace gw::test
