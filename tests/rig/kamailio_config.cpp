#include "tests/rig/kamailio_config.hpp"

#include <stdexcept>
#include <string_view>

namespace gw::rig {
namespace {

void require_plain(std::string_view what, std::string_view value, std::string_view forbidden) {
  bool bad = value.empty() || value.find_first_of(forbidden) != std::string_view::npos;
  for (const char c : value) bad = bad || static_cast<unsigned char>(c) < 0x20 || c == 0x7f;
  if (bad) {
    throw std::invalid_argument("KamailioServer: " + std::string(what) + " '" + std::string(value) +
                                "' cannot be used in the test configuration");
  }
}

// Fixed part: the routing peers.md describes, plus digest auth when `users` is non-empty.
constexpr std::string_view routing = R"cfg(
request_route {
    xlog("L_INFO", "rig: $rm $ru from $si:$sp ($pr)\n");
    if (!mf_process_maxfwd_header("10")) {
        sl_send_reply("483", "Too Many Hops");
        exit;
    }
    if (!sanity_check()) {
        exit;
    }
    if (is_method("CANCEL")) {
        if (t_check_trans()) {
            t_relay();
        }
        exit;
    }
    if (has_totag()) {
        route(IN_DIALOG);
    }
    t_check_trans();
    if (is_method("OPTIONS") && uri == myself && $rU == $null) {
        sl_send_reply("200", "Keepalive");
        exit;
    }
    if (is_method("REGISTER")) {
        route(AUTH_REGISTER);
        if (!save("location")) {
            sl_reply_error();
        }
        exit;
    }
    # A preloaded Route naming this proxy (a UA's outbound proxy setting) is consumed here,
    # as Kamailio's default configuration does.
    if (is_present_hf("Route")) {
        remove_hf("Route");
    }
    if (is_method("INVITE")) {
        route(AUTH_INVITE);
        record_route();
    }
    # Requests for the served domain on any port (sip:bob@127.0.0.1 has the default port 5060,
    # not this proxy's) are for its users too.
    if (uri == myself || $rd == "@REALM@") {
        if (!lookup("location")) {
            sl_send_reply("404", "Not Found");
            exit;
        }
    }
    route(RELAY);
}

route[IN_DIALOG] {
    if (loose_route()) {
        route(RELAY);
    }
    if (is_method("ACK")) {
        if (t_check_trans()) {
            route(RELAY);
        }
    }
    # sipp's built-in UAS does not copy Record-Route: its ACK and BYE arrive without Route.
    if (uri != myself) {
        route(RELAY);
    }
    if (!is_method("ACK")) {
        sl_send_reply("404", "Not here");
    }
    exit;
}

route[RELAY] {
    if (!t_relay()) {
        sl_reply_error();
    }
    exit;
}
)cfg";

// Kamailio refuses empty route blocks.
constexpr std::string_view no_auth = R"cfg(
route[AUTH_REGISTER] {
    return;
}

route[AUTH_INVITE] {
    return;
}
)cfg";

constexpr std::string_view digest_auth = R"cfg(
route[AUTH_REGISTER] {
    if ($sht(users=>$tU) == $null) {
        return;
    }
    if (!pv_www_authenticate("@REALM@", "$sht(users=>$tU)", "0")) {
        www_challenge("@REALM@", "0");
        exit;
    }
    if ($au != $tU) {
        sl_send_reply("403", "Auth user does not match To");
        exit;
    }
    consume_credentials();
}

route[AUTH_INVITE] {
    if ($sht(users=>$fU) == $null) {
        return;
    }
    if (!pv_proxy_authenticate("@REALM@", "$sht(users=>$fU)", "0")) {
        proxy_challenge("@REALM@", "0");
        exit;
    }
    if ($au != $fU) {
        sl_send_reply("403", "Auth user does not match From");
        exit;
    }
    consume_credentials();
}
)cfg";

}  // namespace

std::string kamailio_config_text(const KamailioOptions& options, const KamailioLayout& layout) {
  require_plain("domain", options.domain, "\"\\ ;:@<>$");
  for (const auto& [user, password] : options.users) {
    require_plain("user", user, "\"\\ ;:@<>=$()");
    require_plain("password", password, "\"\\");
  }
  const std::string port = std::to_string(layout.port);
  std::string text = "#!KAMAILIO\n# Written by gw::rig::KamailioServer for one test run.\n";
  text += "debug=2\nlog_stderror=yes\nchildren=2\ntcp_children=2\n";
  text += "auto_aliases=no\ndns=no\nrev_dns=no\nuse_dns_cache=off\nenable_tls=no\n";
  text += "listen=udp:127.0.0.1:" + port + "\n";
  text += "listen=tcp:127.0.0.1:" + port + "\n";
  if (options.domain != "127.0.0.1") text += "alias=\"" + options.domain + "\"\n";
  text += "\n";
  for (const char* module : {"kex", "corex", "tm", "sl", "rr", "pv", "maxfwd", "textops", "siputils", "xlog",
                             "sanity", "ctl", "usrloc", "registrar"}) {
    text += "loadmodule \"" + std::string(module) + ".so\"\n";
  }
  const bool auth = !options.users.empty();
  if (auth) text += "loadmodule \"htable.so\"\nloadmodule \"auth.so\"\n";
  text += "\nmodparam(\"ctl\", \"binrpc\", \"" + layout.ctl_address + "\")\n";
  text += "modparam(\"usrloc\", \"db_mode\", 0)\n";
  text += "modparam(\"rr\", \"enable_full_lr\", 1)\n";
  if (auth) {
    // Passwords live in an htable filled at start-up: no database needed.
    text += "modparam(\"htable\", \"htable\", \"users=>size=4;\")\n";
    text += "\nevent_route[htable:mod-init] {\n";
    for (const auto& [user, password] : options.users) {
      text += "    $sht(users=>" + user + ") = \"" + password + "\";\n";
    }
    text += "}\n";
  }
  std::string routes(routing);
  routes += auth ? digest_auth : no_auth;
  constexpr std::string_view placeholder = "@REALM@";
  for (auto pos = routes.find(placeholder); pos != std::string::npos; pos = routes.find(placeholder, pos)) {
    routes.replace(pos, placeholder.size(), options.domain);
    pos += options.domain.size();
  }
  text += routes;
  return text;
}

}  // namespace gw::rig
