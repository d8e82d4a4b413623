// A stand-in for the SIP user agent's registrations: records what the gateway asks for.
#pragma once

#include "gateway/registration_manager.hpp"

#include <map>
#include <vector>

namespace gw::test {

struct RecordingRegistrar : Registrar {
    sip::RegistrationId next = 1;
    std::map<sip::RegistrationId, sip::RegistrationRequest> registered;
    std::vector<sip::RegistrationId> removed;

    sip::RegistrationId register_user(const sip::RegistrationRequest& request) override {
        registered[next] = request;
        return next++;
    }
    void unregister_user(sip::RegistrationId id) override { removed.push_back(id); }
    sip::RegistrationId id_of(const std::string& aor) const {
        for (const auto& [id, request] : registered)
            if (request.aor == aor) return id;
        return 0;
    }
};

}  // namespace gw::test
