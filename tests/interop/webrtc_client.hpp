// The WebRTC client of the interop tests as the C++ side sees it: `node client/client.js`
// (StanzaJS over the XMPP server's websocket, @roamhq/wrtc) in the client's network namespace,
// driven through a named pipe, its observations and replies read back from the JSON lines it
// prints (see client/client.js).
#pragma once

#include "tests/rig/baresip_control.hpp"
#include "tests/interop/private_network.hpp"
#include "tests/rig/process.hpp"
#include "tests/rig/temp_dir.hpp"

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>

namespace gw::interop {

// One JSON object as flat text values (numbers as written): an event or a command's reply.
using Fields = rig::BaresipMessage;

struct WebRtcClientOptions {
    std::string jid;            // user@domain/resource
    std::string password;
    std::string websocket_url;  // the XMPP server's, on the gateway host's address
    int tone_hz = 770;          // what its microphone plays
};

class WebRtcClient {
public:
    // Starts the client in the client's namespace of `network` and waits until it is online
    // (logged in, initial presence with caps sent). Throws std::runtime_error with the reason and
    // its log's tail otherwise.
    WebRtcClient(const PrivateNetwork& network, WebRtcClientOptions options);
    WebRtcClient(const WebRtcClient&) = delete;
    WebRtcClient& operator=(const WebRtcClient&) = delete;
    ~WebRtcClient();

    // Runs a command ({"cmd": name, params...}, string values) and returns its reply. Throws
    // std::runtime_error when the client refuses it (with its error) or does not answer.
    Fields command(std::string_view name, const std::map<std::string, std::string>& params = {},
                   std::chrono::milliseconds timeout = std::chrono::seconds(10));

    // The first event of `type` (for `sid` when not empty) not taken before; nullopt after `timeout`.
    std::optional<Fields> wait_event(std::string_view type, std::string_view sid = "",
                                     std::chrono::milliseconds timeout = std::chrono::seconds(10));
    // Every event of `type` so far (taken or not).
    std::vector<Fields> events(std::string_view type) const;

    std::string log() const { return process_->log(); }

private:
    std::vector<Fields> parsed_events() const;

    WebRtcClientOptions options_;
    rig::TempDir dir_{"gw-webrtc"};
    std::unique_ptr<rig::Process> process_;
    int control_fd_ = -1;          // the named pipe's writing end
    unsigned next_seq_ = 0;
    std::set<std::size_t> taken_;  // indexes of events returned by wait_event
};

// A field of a reply or event: -1 (or "") when absent.
long number(const Fields& fields, const std::string& key);
double decimal(const Fields& fields, const std::string& key);
std::string text(const Fields& fields, const std::string& key);

// The client's stats once it has received about two seconds of audio (100 packets of 20 ms),
// or the last ones after ten seconds.
Fields stats_after_two_seconds(WebRtcClient& client, const std::string& sid);

// The directory of client.js (meson passes it in INTEROP_CLIENT_DIR).
std::string client_directory();

}  // namespace gw::interop
