// xsg-demo: a private Prosody, Kamailio and the gateway on 127.0.0.1, wired together, until
// Ctrl-C. Started by scripts/demo; reuses the test rig, so the demo runs exactly what the
// end-to-end tests run.
#include "tests/e2e/gateway_process.hpp"
#include "tests/rig/kamailio_server.hpp"
#include "tests/rig/prosody_server.hpp"

#include <unistd.h>

#include <csignal>
#include <cstdlib>
#include <iostream>

namespace {

volatile std::sig_atomic_t stop_requested = 0;
void request_stop(int) { stop_requested = 1; }

}  // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::cerr << "usage: xsg-demo PATH-TO-xmpp-sip-gateway\n";
        return 2;
    }
    setenv("GATEWAY_BIN", argv[1], 1);
    try {
        std::cout << "Starting Prosody, Kamailio and the gateway on 127.0.0.1 ...\n" << std::flush;
        gw::rig::ProsodyOptions xmpp_options;
        xmpp_options.users = {{"alice", "alice"}, {"bob", "bob"}};
        xmpp_options.websocket = true;
        gw::rig::ProsodyServer prosody(xmpp_options);
        gw::rig::KamailioOptions sip_options;
        sip_options.users = {{"carol", "carol"}, {"dave", "dave"}};
        gw::rig::KamailioServer kamailio(sip_options);

        gw::test::GatewayConfig config;
        config.component = xmpp_options.component;
        config.secret = xmpp_options.component_secret;
        config.xmpp_port = prosody.component_port();
        config.log_level = "info";
        gw::test::GatewayProcess gateway(config);
        if (!gateway.wait_for_log("xmpp: connected to")) {
            std::cerr << "the gateway did not connect to Prosody:\n" << gateway.log();
            return 1;
        }
        // Installed after the rig's own handlers (which would SIGKILL everything): stop in order.
        std::signal(SIGINT, request_stop);
        std::signal(SIGTERM, request_stop);

        const auto c2s = std::to_string(prosody.c2s_port());
        std::cout << "\nThe xmpp-sip-gateway demo is running. Ctrl-C stops everything.\n\n"
                  << "XMPP server (Prosody)     127.0.0.1 port " << c2s
                  << ", domain localhost, plain TCP (no TLS)\n"
                  << "                          users alice@localhost / alice, bob@localhost / bob\n"
                  << "                          websocket ws://127.0.0.1:" << prosody.http_port()
                  << "/xmpp-websocket\n"
                  << "SIP registrar (Kamailio)  127.0.0.1 port " << kamailio.port()
                  << " (UDP, TCP), domain 127.0.0.1, users carol / carol, dave / dave\n"
                  << "Gateway                   component sip.localhost, SIP 127.0.0.1:"
                  << gateway.config().sip_port << "\n"
                  << "                          http://127.0.0.1:" << gateway.config().http_port
                  << "/metrics and /healthz\n"
                  << "Gateway configuration     " << gateway.config_path() << "\n\n"
                  << "Try it:\n"
                  << "  1. Log in to 127.0.0.1:" << c2s << " as alice@localhost (password alice) with\n"
                  << "     an XMPP client (Gajim: Advanced > custom host and port, no TLS).\n"
                  << "  2. Register with the gateway sip.localhost (service discovery > register):\n"
                  << "     SIP address carol@127.0.0.1, password carol, proxy 127.0.0.1:" << kamailio.port() << "\n"
                  << "     and accept its contact request: it registers carol at Kamailio while\n"
                  << "     alice is online.\n"
                  << "  3. Register a SIP phone (baresip, Linphone, a desk phone) at 127.0.0.1:"
                  << kamailio.port() << "\n"
                  << "     as dave (password dave).\n"
                  << "  4. Place a call: from the XMPP client call dave%127.0.0.1@sip.localhost (add\n"
                  << "     it as a contact); from the phone dial sip:carol@127.0.0.1 and alice's\n"
                  << "     client rings. Media flows between the client and the phone directly.\n"
                  << std::flush;
        while (stop_requested == 0 && gateway.process().running()) sleep(1);
        std::cout << "\nStopping ...\n";
        gateway.process().stop();
    } catch (const std::exception& e) {
        std::cerr << "xsg-demo: " << e.what() << '\n';
        return 1;
    }
    return 0;
}
