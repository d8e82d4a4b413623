// What the component link tells the application; implemented by gateway/.
#pragma once

#include <string>

namespace gw::xmpp {

class Stanza;

class ComponentListener {
public:
    virtual ~ComponentListener() = default;
    virtual void on_component_connected() = 0;
    // The link is down and will be retried after `retry_in_s` (negative: not retried, closing).
    virtual void on_component_disconnected(const std::string& reason, double retry_in_s) = 0;
    virtual void on_stanza(const Stanza& stanza) = 0;
};

}  // namespace gw::xmpp
