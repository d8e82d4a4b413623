// The real XMPP server of the full-stack mode: a Prosody 0.12 or an ejabberd 23.01 from the test
// rig on 127.0.0.1 (free ports, its own directory), serving the users' domain with the gateway as
// its XEP-0114 component and in-band registration (XEP-0077) open, so the load tool can create
// its users' accounts over c2s as fast as the server takes them. It runs on the cores the
// gateway is not pinned to (it inherits the load tool's affinity).
#pragma once

#include "loadtest/proc_stats.hpp"

#include <sys/types.h>

#include <cstdint>
#include <memory>
#include <string>

namespace gw::rig {
class ProsodyServer;
class EjabberdServer;
}  // namespace gw::rig

namespace gw::load {

class FullStackServer {
public:
    // kind: "prosody" or "ejabberd". Throws std::runtime_error when it does not start.
    FullStackServer(const std::string& kind, const std::string& secret);
    ~FullStackServer();
    FullStackServer(const FullStackServer&) = delete;
    FullStackServer& operator=(const FullStackServer&) = delete;

    const std::string& name() const { return name_; }  // "Prosody 0.12" / "ejabberd 23.01"
    std::uint16_t c2s_port() const { return c2s_port_; }
    std::uint16_t component_port() const { return component_port_; }
    // The process doing the work (Prosody's Lua process, ejabberd's Erlang VM); 0 if not found.
    pid_t pid() const { return pid_; }
    ProcessSample sample() const { return sample_process(pid_); }
    std::string log_tail() const;

private:
    std::string name_;
    std::unique_ptr<rig::ProsodyServer> prosody_;
    std::unique_ptr<rig::EjabberdServer> ejabberd_;
    std::uint16_t c2s_port_ = 0;
    std::uint16_t component_port_ = 0;
    pid_t pid_ = 0;
    std::string log_path_;
};

}  // namespace gw::load
