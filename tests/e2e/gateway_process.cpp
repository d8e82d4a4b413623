#include "tests/e2e/gateway_process.hpp"

#include "tests/rig/ports.hpp"
#include "tests/rig/tcp_test_client.hpp"

#include <cstdlib>
#include <fstream>
#include <stdexcept>

namespace gw::test {

std::string gateway_binary() {
    const char* path = std::getenv("GATEWAY_BIN");
    if (path == nullptr || *path == '\0')
        throw std::runtime_error("GATEWAY_BIN is not set (run the tests with meson test)");
    return path;
}

GatewayProcess::GatewayProcess(GatewayConfig config) : config_(std::move(config)) {
    if (config_.sip_port == 0) config_.sip_port = rig::free_port();
    if (config_.http_port == 0) config_.http_port = rig::free_port();
    if (config_.store_path.empty()) config_.store_path = dir_.file("accounts.db");
    config_path_ = dir_.file("gateway.toml");
    std::ofstream out(config_path_);
    out << "[xmpp]\n"
        << "component = \"" << config_.component << "\"\n"
        << "secret = \"" << config_.secret << "\"\n"
        << "host = \"127.0.0.1\"\n"
        << "port = " << config_.xmpp_port << "\n"
        << "reconnect_initial_s = " << config_.reconnect_initial_s << "\n"
        << "reconnect_max_s = " << config_.reconnect_max_s << "\n"
        << "[sip]\n"
        << "listen = \"127.0.0.1:" << config_.sip_port << "\"\n"
        << config_.sip_toml
        << "[store]\n"
        << "path = \"" << config_.store_path << "\"\n"
        << "[http]\n"
        << "listen = \"127.0.0.1:" << config_.http_port << "\"\n"
        << "[log]\n"
        << "level = \"" << config_.log_level << "\"\n"
        << config_.extra_toml;
    out.close();
    rig::ProcessOptions options;
    options.argv = {gateway_binary(), "--config", config_path_};
    options.log_file = dir_.file("gateway.log");
    process_ = std::make_unique<rig::Process>(options);
}

GatewayProcess::~GatewayProcess() = default;

int GatewayProcess::count_in_log(std::string_view needle) const {
    const std::string text = log();
    int count = 0;
    for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++count;
    return count;
}

std::optional<HttpResponse> http_get(std::uint16_t port, const std::string& path) {
    try {
        rig::TcpTestClient client(port);
        client.send("GET " + path + " HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n");
        auto head = client.read_until("\r\n\r\n");
        if (!head || head->size() < 12) return std::nullopt;
        HttpResponse response;
        response.status = std::stoi(head->substr(9, 3));
        response.body = head->substr(head->find("\r\n\r\n") + 4);
        // HTTP/1.0: the server closes after the body; read until then.
        client.read_until("\x01never\x02", std::chrono::milliseconds(300));
        response.body += client.pending();
        return response;
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

}  // namespace gw::test
