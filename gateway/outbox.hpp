// Where the gateway's services build and send stanzas (the component link in production, a
// recording double in tests).
#pragma once

#include "xmpp/stanza.hpp"

namespace gw {

class Outbox {
public:
    virtual ~Outbox() = default;
    virtual xmpp::Stanza make(const char* name) = 0;  // a new root element
    virtual void send(const xmpp::Stanza& stanza) = 0;
};

}  // namespace gw
