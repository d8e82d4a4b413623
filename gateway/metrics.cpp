#include "gateway/metrics.hpp"

namespace gw {
namespace {
void line(std::string& out, const char* name, const char* type, const char* help, std::uint64_t value) {
    out += "# HELP ";
    out += name;
    out += ' ';
    out += help;
    out += "\n# TYPE ";
    out += name;
    out += ' ';
    out += type;
    out += '\n';
    out += name;
    out += ' ';
    out += std::to_string(value);
    out += '\n';
}
}  // namespace

std::string Metrics::to_prometheus() const {
    std::string out;
    line(out, "xsg_component_connected", "gauge", "1 while the XEP-0114 link is up.",
         component_connected ? 1 : 0);
    line(out, "xsg_component_connects_total", "counter", "Successful component handshakes.",
         component_connects);
    line(out, "xsg_component_disconnects_total", "counter", "Component links lost or refused.",
         component_disconnects);
    line(out, "xsg_stanzas_received_total", "counter", "Stanzas received from the XMPP server.",
         stanzas_received);
    line(out, "xsg_iq_errors_sent_total", "counter", "IQ error replies sent.", iq_errors_sent);
    line(out, "xsg_sip_invites_received_total", "counter", "INVITEs received outside a dialog.",
         sip_invites_received);
    line(out, "xsg_accounts", "gauge", "Registered SIP accounts in the store.", accounts);
    line(out, "xsg_users_online", "gauge", "Registered users with at least one resource online.",
         users_online);
    line(out, "xsg_sip_registered", "gauge", "Users whose SIP registration is in force.", sip_registered);
    line(out, "xsg_sip_registration_failures_total", "counter", "SIP registrations that failed.",
         registration_failures);
    line(out, "xsg_calls_out_total", "counter", "Calls started by XMPP users.", calls_out);
    line(out, "xsg_calls_in_total", "counter", "SIP calls that rang an XMPP user.", calls_in);
    line(out, "xsg_calls_answered_total", "counter", "Calls that ended after being answered.", calls_answered);
    line(out, "xsg_calls_failed_total", "counter", "Calls that ended unanswered.", calls_failed);
    line(out, "xsg_calls_refused_total", "counter", "Calls refused by a limit.", calls_refused);
    line(out, "xsg_calls_active", "gauge", "Call records held now.", calls_active);
    line(out, "xsg_call_legs", "gauge", "SIP call legs (Sofia handles) held now.", call_legs);
    return out;
}

}  // namespace gw
