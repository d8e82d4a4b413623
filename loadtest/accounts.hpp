// The simulated users' accounts: who they are on both sides, and the store the gateway starts
// with. Seeding the store directly (as sign-ups would have left it) lets a run begin with 50,000
// registered users without 50,000 XEP-0077 exchanges first.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace gw::load {

inline constexpr const char* kXmppDomain = "load.test";
inline constexpr const char* kComponent = "sip.load.test";
inline constexpr const char* kResource = "load";
// Every simulated user has this SIP password: the sipp registrar checks digest answers against it.
inline constexpr const char* kSipPassword = "load-test-password";

std::string user_jid(std::size_t index);        // "user17@load.test"
std::string user_full_jid(std::size_t index);   // "user17@load.test/load"
std::string sip_user(std::size_t index);        // "u17"

struct SeedOptions {
    std::string store_path;  // SQLite file (created)
    std::size_t users = 0;
    std::string proxy;       // "127.0.0.1:PORT": registrar and outbound proxy of every account
    std::string sip_domain = "127.0.0.1";
};

// Creates the accounts user0 .. user(N-1) and returns their contact tokens (index = user).
// Throws on a store error.
std::vector<std::string> seed_accounts(const SeedOptions& options);

}  // namespace gw::load
