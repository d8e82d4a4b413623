// Everything on the XMPP side of a run: the component server the gateway connects to, the users
// behind it and their call agent, with each stanza from the gateway routed to the one that
// handles it. What nobody handles is counted and the first few are kept for the report.
#pragma once

#include "loadtest/calls.hpp"
#include "loadtest/component_server.hpp"
#include "loadtest/users.hpp"

#include <algorithm>
#include <string>
#include <vector>

struct event_base;

namespace gw::load {

class XmppSide {
public:
    XmppSide(event_base* base, std::size_t users, bool jmi_caps, CallOptions calls);

    ComponentServer& server() { return server_; }
    Users& users() { return users_; }
    CallAgent& calls() { return calls_; }
    const std::string& secret() const { return secret_; }
    bool link_up() const { return server_.authenticated(); }
    const std::string& link_lost() const { return link_lost_; }  // why, once it went down
    std::uint64_t unhandled() const { return unhandled_; }
    // Samples the stanzas waiting for the gateway to read them (call once per tick).
    void sample_backlog() { backlog_max_ = std::max(backlog_max_, server_.pending_output()); }
    std::size_t backlog_max() const { return backlog_max_; }
    const std::vector<std::string>& unhandled_samples() const { return samples_; }

private:
    void on_stanza(Element&& stanza);

    std::string secret_;
    ComponentServer server_;
    Users users_;
    CallAgent calls_;
    std::string link_lost_;
    std::uint64_t unhandled_ = 0;
    std::size_t backlog_max_ = 0;
    std::vector<std::string> samples_;
};

// A fresh random secret for one run (never shown).
std::string random_secret();

}  // namespace gw::load
