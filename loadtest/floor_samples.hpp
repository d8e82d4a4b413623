// The messages of one login and one call each way, as they cross the gateway's two links, for
// the library floor benchmark. They follow what a load run exchanges (xsg-load's stanzas, the
// gateway's answers, Sofia-SIP's requests, sipp's responses), with the same sizes and headers.
#pragma once

#include <string_view>
#include <vector>

namespace gw::load::samples {

struct Message {
    std::string_view name;
    std::string_view text;
    bool received;  // by the gateway (parsed); otherwise written by it
};

// XMPP: presence in, "registering as" and "registered as" presences out.
// SIP: REGISTER out, 401 in, REGISTER with credentials out, 200 in.
const std::vector<Message>& login_xmpp();
const std::vector<Message>& login_sip();
// A user's session-initiate to SIP: initiate in, result out, session-info out, its result in,
// session-accept out, its result in, session-terminate in, result out. INVITE out, 180 in,
// 200 in, ACK out, BYE out, 200 in.
const std::vector<Message>& call_out_xmpp();
const std::vector<Message>& call_out_sip();
// A SIP call to a JMI user: INVITE in, 100, 180 out; propose out, proceed in, session-initiate
// out, result in, session-accept in, result out; 200 out, ACK in; BYE in, session-terminate out,
// result in, 200 out.
const std::vector<Message>& call_in_xmpp();
const std::vector<Message>& call_in_sip();

}  // namespace gw::load::samples
