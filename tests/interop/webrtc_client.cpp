#include "tests/interop/webrtc_client.hpp"

#include "tests/rig/readiness.hpp"
#include "tests/rig/text_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace gw::interop {

long number(const Fields& fields, const std::string& key) {
    const auto it = fields.find(key);
    return it == fields.end() ? -1 : std::strtol(it->second.c_str(), nullptr, 10);
}

double decimal(const Fields& fields, const std::string& key) {
    const auto it = fields.find(key);
    return it == fields.end() ? -1 : std::strtod(it->second.c_str(), nullptr);
}

std::string text(const Fields& fields, const std::string& key) {
    const auto it = fields.find(key);
    return it == fields.end() ? std::string() : it->second;
}

Fields stats_after_two_seconds(WebRtcClient& client, const std::string& sid) {
    Fields stats;
    for (int i = 0; i < 50; ++i) {
        stats = client.command("stats", {{"sid", sid}});
        if (number(stats, "packets_received") >= 100) break;
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
    return stats;
}

std::string client_directory() {
    const char* dir = std::getenv("INTEROP_CLIENT_DIR");
    if (dir == nullptr || *dir == '\0') throw std::runtime_error("INTEROP_CLIENT_DIR is not set (run the tests with meson test)");
    return dir;
}

WebRtcClient::WebRtcClient(const PrivateNetwork& network, WebRtcClientOptions options) : options_(std::move(options)) {
    const std::string dir = client_directory();
    if (!std::filesystem::exists(dir + "/node_modules/stanza") || !std::filesystem::exists(dir + "/node_modules/@roamhq/wrtc")) {
        throw std::runtime_error("webrtc client: " + dir + "/node_modules is missing; run scripts/install-deps "
                                 "(it runs npm ci there)");
    }
    // A client that died leaves the pipe without a reader: a write must fail, not kill the test.
    std::signal(SIGPIPE, SIG_IGN);
    const std::string fifo = dir_.file("control");
    if (::mkfifo(fifo.c_str(), 0600) != 0) throw std::runtime_error("webrtc client: mkfifo: " + std::string(std::strerror(errno)));
    process_ = std::make_unique<rig::Process>(rig::ProcessOptions{
        .argv = network.in_client_namespace({"node", dir + "/client.js", "--ws", options_.websocket_url, "--jid",
                                             options_.jid, "--password", options_.password, "--control", fifo,
                                             "--tone", std::to_string(options_.tone_hz)}),
        .log_file = dir_.file("client.log"),
        .cwd = dir});
    // The client holds the pipe open for reading before it says "listening": opening it to write
    // cannot block then.
    rig::wait_until_ready(*process_, "webrtc client", [&] { return !events("listening").empty(); },
                          std::chrono::seconds(15));
    control_fd_ = ::open(fifo.c_str(), O_WRONLY | O_CLOEXEC);
    if (control_fd_ < 0) throw std::runtime_error("webrtc client: open " + fifo + ": " + std::strerror(errno));
    rig::wait_until_ready(*process_, "webrtc client",
                          [&] { return !events("online").empty() || !events("auth-failed").empty(); },
                          std::chrono::seconds(15));
    if (events("online").empty()) rig::throw_start_failure("webrtc client", "login refused", *process_);
}

WebRtcClient::~WebRtcClient() {
    if (control_fd_ >= 0) ::close(control_fd_);
}

Fields WebRtcClient::command(std::string_view name, const std::map<std::string, std::string>& params,
                             std::chrono::milliseconds timeout) {
    const std::string seq = std::to_string(++next_seq_);
    std::string line = "{\"cmd\":" + rig::json_string(name) + ",\"seq\":" + rig::json_string(seq);
    for (const auto& [key, v] : params) line += "," + rig::json_string(key) + ":" + rig::json_string(v);
    line += "}\n";
    // One write under PIPE_BUF is atomic; commands are short.
    if (::write(control_fd_, line.data(), line.size()) != static_cast<ssize_t>(line.size())) {
        throw std::runtime_error("webrtc client: cannot write the command " + std::string(name) + ": " +
                                 std::strerror(errno));
    }
    std::optional<Fields> reply;
    rig::poll_until([&] {
        for (auto& e : events("reply")) {
            if (text(e, "seq") == seq) {
                reply = std::move(e);
                return true;
            }
        }
        return false;
    }, timeout);
    if (!reply) {
        throw std::runtime_error("webrtc client: no reply to " + std::string(name) + "; its log ends with:\n" +
                                 rig::last_lines(process_->log()));
    }
    if (text(*reply, "ok") != "true") {
        throw std::runtime_error("webrtc client refused " + std::string(name) + ": " + text(*reply, "error"));
    }
    return *reply;
}

std::vector<Fields> WebRtcClient::parsed_events() const {
    std::vector<Fields> out;
    std::istringstream lines(process_->log());
    std::string line;
    while (std::getline(lines, line)) {
        if (line.empty() || line.front() != '{' || line.back() != '}') continue;
        try {
            out.push_back(rig::parse_baresip_message(line));
        } catch (const std::invalid_argument&) {
            // Not one of the client's reports (a library printed something that looks alike).
        }
    }
    return out;
}

std::vector<Fields> WebRtcClient::events(std::string_view type) const {
    std::vector<Fields> out;
    for (auto& e : parsed_events()) {
        if (text(e, "event") == type) out.push_back(std::move(e));
    }
    return out;
}

std::optional<Fields> WebRtcClient::wait_event(std::string_view type, std::string_view sid,
                                               std::chrono::milliseconds timeout) {
    std::optional<Fields> found;
    rig::poll_until([&] {
        const auto all = parsed_events();
        for (std::size_t i = 0; i < all.size(); ++i) {
            if (taken_.contains(i) || text(all[i], "event") != type) continue;
            if (!sid.empty() && text(all[i], "sid") != sid) continue;
            taken_.insert(i);
            found = all[i];
            return true;
        }
        return false;
    }, timeout);
    return found;
}

}  // namespace gw::interop
