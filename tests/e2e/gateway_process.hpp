// The gateway executable under test: writes its configuration into a temporary directory,
// starts it with free SIP and HTTP ports, and reads its log.
#pragma once

#include "tests/rig/process.hpp"
#include "tests/rig/temp_dir.hpp"

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

namespace gw::test {

struct GatewayConfig {
    std::string component = "sip.localhost";
    std::string secret = "test-secret";
    std::uint16_t xmpp_port = 0;
    std::uint16_t sip_port = 0;    // 0: a free port
    std::uint16_t http_port = 0;   // 0: a free port
    std::string store_path;        // empty: accounts.db in the temporary directory
    std::string log_level = "debug";
    double reconnect_initial_s = 0.1;
    double reconnect_max_s = 1.0;
    std::string sip_toml;          // extra lines for the [sip] section
    std::string extra_toml;        // appended as is, after the last section
};

// The path of the built executable (meson passes it in GATEWAY_BIN).
std::string gateway_binary();

class GatewayProcess {
public:
    // Starts the gateway; does not wait for anything.
    explicit GatewayProcess(GatewayConfig config);
    ~GatewayProcess();

    const GatewayConfig& config() const { return config_; }
    const std::string& config_path() const { return config_path_; }
    rig::Process& process() { return *process_; }
    std::string log() const { return process_->log(); }
    bool wait_for_log(std::string_view needle, std::chrono::milliseconds timeout = std::chrono::seconds(10)) const {
        return process_->wait_for_log(needle, timeout);
    }
    // Occurrences of `needle` in the log so far.
    int count_in_log(std::string_view needle) const;

private:
    GatewayConfig config_;
    rig::TempDir dir_{"gw-gateway"};
    std::string config_path_;
    std::unique_ptr<rig::Process> process_;
};

// A minimal HTTP/1.0 GET on 127.0.0.1; the status code and body, or nullopt if unreachable.
struct HttpResponse {
    int status = 0;
    std::string body;
};
std::optional<HttpResponse> http_get(std::uint16_t port, const std::string& path);

}  // namespace gw::test
