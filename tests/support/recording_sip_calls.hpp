// A stand-in for the SIP user agent's calls: records what the gateway asks for, so component
// tests can answer as a SIP peer would by calling the bridge's SipListener methods.
#pragma once

#include "gateway/sip_calls.hpp"

#include <map>
#include <string>
#include <vector>

namespace gw::test {

struct RecordingSipCalls : SipCalls {
    struct Response {
        sip::CallLegId id;
        int status;
        std::string phrase;
        std::string sdp;
    };
    sip::CallLegId next = 1;
    std::map<sip::CallLegId, sip::OutgoingCall> invites;
    std::vector<Response> responses;  // respond() and hang_up() of incoming calls
    std::vector<sip::CallLegId> hung_up;
    std::vector<std::pair<sip::CallLegId, std::string>> reinvites;
    std::vector<std::pair<sip::CallLegId, std::string>> infos;

    sip::CallLegId invite(const sip::OutgoingCall& call) override {
        invites[next] = call;
        return next++;
    }
    void respond(sip::CallLegId id, int status, std::string_view phrase, std::string_view sdp) override {
        responses.push_back({id, status, std::string(phrase), std::string(sdp)});
    }
    void hang_up(sip::CallLegId id, int status, std::string_view phrase) override {
        hung_up.push_back(id);
        responses.push_back({id, status, std::string(phrase), {}});
    }
    void reinvite(sip::CallLegId id, std::string_view sdp) override { reinvites.emplace_back(id, std::string(sdp)); }
    void info(sip::CallLegId id, std::string_view, std::string_view, std::string_view body) override {
        infos.emplace_back(id, std::string(body));
    }
};

}  // namespace gw::test
