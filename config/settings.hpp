// The gateway's settings: one immutable value built from the TOML file, the environment and the
// command line. Each layer receives only its own options struct, filled from this by gateway/.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace gw::config {

enum class LogLevel { trace, debug, info, warn, error };

struct XmppSettings {
    std::string component;               // the component's JID, e.g. "sip.example.org"
    std::string secret;                  // XEP-0114 shared secret; never logged
    std::string host = "127.0.0.1";      // XMPP server's component listener (IP literal or name)
    std::uint16_t port = 5347;
    std::vector<std::string> allowed_domains;  // XMPP domains whose users may register; empty: any
    double reconnect_initial_s = 1.0;    // first reconnect delay; doubles up to reconnect_max_s
    double reconnect_max_s = 60.0;
    double link_grace_s = 60.0;          // link down this long: users count as offline (un-REGISTER)
};

struct SipSettings {
    std::string listen = "127.0.0.1:5060";  // host:port the user agent binds, UDP and TCP
    std::string public_address;             // optional host[:port] advertised in Contact/Via
    std::uint16_t outgoing_port = 0;        // outgoing calls from this port too (0: from listen)
    std::string default_domain;             // SIP domain for users who give only a user name
    std::string default_proxy;              // registrar/outbound proxy host[:port] when none given
    std::string user_agent = "xmpp-sip-gateway";
    double register_expires_s = 600;     // Expires asked for in REGISTER; Sofia refreshes before it
    double register_rate = 50;           // REGISTERs started per second at most (start-up bursts)
    double retry_initial_s = 30;         // first retry after a failed registration; doubles
    double retry_max_s = 1800;
};

enum class EarlyMedia { ringing, accept };

struct CallSettings {
    double candidate_wait_s = 0.5;     // wait for trickled ICE candidates before the INVITE (0: none)
    double ring_timeout_s = 60;        // an incoming call nobody answers ends with 480
    EarlyMedia early_media = EarlyMedia::ringing;  // a 183 with SDP: ringing only, or session-accept
    double session_timer_s = 1800;     // RFC 4028 Session-Expires asked for (0: no session timer)
    double max_total = 20000;          // concurrent calls in all
    double max_per_user = 4;           // concurrent calls per user
    double rate = 2000;                // new calls per second in all
    double user_rate_per_minute = 60;  // new calls per user per minute
};

enum class StoreBackend { sqlite, postgresql };

struct StoreSettings {
    StoreBackend backend = StoreBackend::sqlite;
    std::string path = "/var/lib/xmpp-sip-gateway/accounts.db";  // sqlite file
    std::string conninfo;  // postgresql: libpq connection string; its password is never logged
};

struct HttpSettings {
    std::string listen = "127.0.0.1:8480";  // /metrics and /healthz; empty disables
};

struct LogSettings {
    LogLevel level = LogLevel::info;
};

struct Settings {
    std::string source_file;  // the file these came from, for messages
    XmppSettings xmpp;
    SipSettings sip;
    CallSettings calls;
    StoreSettings store;
    HttpSettings http;
    LogSettings log;
};

}  // namespace gw::config
