// The Service-Route (RFC 3608) each registrar returned, by address of record. Needed only when
// outgoing calls leave from a user agent that holds no registrations (sip.outgoing_port):
// Sofia applies a registration's Service-Route only to the requests of the agent that
// registered it.
#pragma once

#include <string>
#include <unordered_map>

namespace gw::sip {

class ServiceRoutes {
public:
    // `route`: the Route header value ("<sip:a;lr>, <sip:b;lr>"); empty forgets the AoR's route.
    void set(const std::string& aor, std::string route) {
        if (route.empty()) routes_.erase(aor);
        else routes_[aor] = std::move(route);
    }
    const std::string* find(const std::string& aor) const {
        auto found = routes_.find(aor);
        return found == routes_.end() ? nullptr : &found->second;
    }

private:
    std::unordered_map<std::string, std::string> routes_;
};

}  // namespace gw::sip
