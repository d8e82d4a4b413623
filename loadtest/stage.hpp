// One mode's world: a run directory, the SIP side (sipp as registrar and callee, or Kamailio with
// digest auth in front of a sipp callee: load_kamailio.hpp), the seeded store, the XMPP side and the gateway, up and
// connected. Everything stops when it goes away (the rig's processes stop in their destructors).
#pragma once

#include "loadtest/loop.hpp"
#include "loadtest/options.hpp"
#include "loadtest/processes.hpp"
#include "loadtest/sip_answerer.hpp"
#include "loadtest/xmpp_side.hpp"
#include "loadtest/load_kamailio.hpp"
#include "tests/rig/temp_dir.hpp"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace gw::load {

// Path of one of the load tool's sipp scenarios (loadtest/scenarios/NAME.xml).
std::string scenario(const std::string& name);

struct SipSide {
    // Kamailio with digest auth for u0 .. u(users-1) (none when users is 0), or sipp as the
    // registrar; a sipp callee when `callee`.
    SipSide(const Options& options, const std::string& dir, std::size_t users, bool callee, bool kamailio);

    std::string proxy() const;  // "127.0.0.1:PORT": what the accounts use as registrar and proxy
    std::uint16_t builtin_port = 0;  // --builtin-callee: the load tool's own registrar and callee
    std::unique_ptr<LoadKamailio> kamailio;
    pid_t kamailio_group = 0;
    std::unique_ptr<Sipp> callee;
};

class Stage {
public:
    // Seeds `users` accounts with the SIP side's proxy (Kamailio knows each user's password),
    // starts the gateway and waits until it is connected and has probed every user. Throws
    // std::runtime_error (with the gateway's log tail) when it does not get there.
    Stage(const Options& options, const std::string& mode, std::size_t users, bool calls, CallOptions call_options);
    ~Stage();

    const std::string& dir() const { return dir_.path(); }
    Loop& loop() { return loop_; }
    XmppSide& xmpp() { return *xmpp_; }
    Gateway& gateway() { return *gateway_; }
    SipSide& sip() { return *sip_; }
    // The sipp processes whose CPU a mode reports (none with the built-in callee).
    std::vector<pid_t> sipp_pids() const;
    const std::vector<std::string>& tokens() const { return tokens_; }

    // Brings users 0 .. count-1 (all by default) online at `rate` and waits until they are
    // registered. False (with the reason in `why`) if some are not within the timeout.
    bool warm_up(double rate, std::string& why, std::size_t count = static_cast<std::size_t>(-1));
    // Takes every online user offline and waits until the gateway holds no registration.
    bool all_offline(double rate, Micros timeout_us);
    // Stops the gateway (SIGTERM) and returns its exit status.
    int stop_gateway();
    // Checks the link is still up (throws with the reason otherwise) and samples its backlog.
    void require_link();

private:
    const Options& options_;
    rig::TempDir dir_{"xsg-load"};
    Loop loop_;
    std::unique_ptr<SipAnswerer> answerer_;  // --builtin-callee
    std::unique_ptr<SipSide> sip_;
    std::vector<std::string> tokens_;
    std::unique_ptr<XmppSide> xmpp_;
    std::unique_ptr<Gateway> gateway_;
};

// Prints one progress line per second while a phase runs (unless quiet).
class Progress {
public:
    Progress(bool quiet, std::string label) : quiet_(quiet), label_(std::move(label)) {}
    // Calls `line` once a second with the seconds since start; prints what it returns.
    void tick(Micros now, const std::function<std::string(double elapsed_s)>& line);
    void start(Micros now) { start_ = next_ = now; }

private:
    bool quiet_;
    std::string label_;
    Micros start_ = 0, next_ = 0;
};

}  // namespace gw::load
