// XEP-0030 answers for the gateway and its contacts, and XEP-0199 ping.
#pragma once

#include "gateway/iq_router.hpp"

#include <string>
#include <utility>
#include <vector>

namespace gw {

struct DiscoIdentity {
    std::string category;
    std::string type;
    std::string name;
    std::string lang;  // xml:lang, usually empty
};

// A XEP-0128 extended information form (type result); FORM_TYPE is kept apart from the fields.
struct DiscoForm {
    std::string form_type;
    std::vector<std::pair<std::string, std::vector<std::string>>> fields;  // var -> values
};

struct DiscoInfo {
    std::vector<DiscoIdentity> identities;
    std::vector<std::string> features;  // namespaces, sorted
    std::vector<DiscoForm> forms;
};

// What the component itself (sip.example.org) advertises.
DiscoInfo gateway_disco_info(const std::string& name);

// Adds disco#info (for the component and its contacts), disco#items and ping to the router.
void add_service_discovery(IqRouter& router, const std::string& component_jid, DiscoInfo contact_info,
                           std::string contact_caps_node);

}  // namespace gw
