// Kamailio for load runs: the test rig's configuration (tests/rig/kamailio_config.hpp: registrar,
// record-routing proxy, digest auth for listed users), started with the memory a load needs
// (the rig's 64 MB of shared memory runs out of transactions at about 1,000 calls/s, and its
// 8 MB of private memory holds about 2,000 users' passwords), more workers, a larger password
// table and no per-request log line.
#pragma once

#include "tests/rig/temp_dir.hpp"

#include <sys/types.h>

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace gw::rig {
class Process;
}

namespace gw::load {

class LoadKamailio {
public:
    // users: digest users (name, password); none: no authentication. Throws std::runtime_error.
    explicit LoadKamailio(std::vector<std::pair<std::string, std::string>> users);
    ~LoadKamailio();

    std::uint16_t port() const { return port_; }
    pid_t group() const;  // its process group: the main process and its workers
    void add_static_contact(const std::string& user, const std::string& contact_uri);

private:
    std::string kamcmd(const std::vector<std::string>& args);

    rig::TempDir dir_{"xsg-load-kamailio"};
    std::uint16_t port_;
    std::string ctl_;
    std::unique_ptr<rig::Process> process_;
};

// The rig's configuration text with the load settings applied (exposed for the unit tests).
std::string load_kamailio_config(const std::string& rig_config);

}  // namespace gw::load
