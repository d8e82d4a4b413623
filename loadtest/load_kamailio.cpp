#include "loadtest/load_kamailio.hpp"

#include "tests/rig/kamailio_config.hpp"
#include "tests/rig/ports.hpp"
#include "tests/rig/process.hpp"
#include "tests/rig/readiness.hpp"
#include "tests/rig/text_file.hpp"

#include <stdexcept>

namespace gw::load {
namespace {

void replace_once(std::string& text, const std::string& from, const std::string& to) {
    const auto at = text.find(from);
    if (at == std::string::npos)
        throw std::runtime_error("the rig's Kamailio configuration has no '" + from + "' to adapt for load");
    text.replace(at, from.size(), to);
}

}  // namespace

std::string load_kamailio_config(const std::string& rig_config) {
    std::string text = rig_config;
    // NOTICE and up: the rig logs one line per request at INFO, which would cost more than routing.
    replace_once(text, "debug=2\n", "debug=1\n");
    replace_once(text, "children=2\n", "children=4\n");
    // 2^12 buckets: tens of thousands of digest users without long bucket chains.
    if (text.find("users=>size=4;") != std::string::npos) replace_once(text, "users=>size=4;", "users=>size=12;");
    return text;
}

LoadKamailio::LoadKamailio(std::vector<std::pair<std::string, std::string>> users) : port_(rig::free_port()) {
    ctl_ = "unix:" + dir_.file("ctl");
    rig::KamailioOptions options;
    options.users = std::move(users);
    const std::string config = dir_.file("kamailio.cfg");
    rig::write_text_file(config, load_kamailio_config(rig::kamailio_config_text(options, {.port = port_, .ctl_address = ctl_})));
    // -m: shared memory (transactions, registrations), -M: private memory per process (the
    // configuration with every user's password is parsed into it).
    const std::string private_mb = std::to_string(16 + options.users.size() / 200);
    process_ = std::make_unique<rig::Process>(rig::ProcessOptions{
        .argv = {"kamailio", "-f", config, "-DD", "-E", "-Y", dir_.path(), "-P", dir_.file("kamailio.pid"), "-m", "1024",
                 "-M", private_mb},
        .log_file = dir_.file("kamailio.log"),
        .cwd = dir_.path()});
    rig::wait_until_ready(
        *process_, "Kamailio",
        [&] {
            const auto result =
                rig::run_command({.argv = {"kamcmd", "-s", ctl_, "core.version"}}, std::chrono::seconds(5));
            return result.status == 0 && result.output.find("kamailio") != std::string::npos;
        },
        std::chrono::seconds(60));
}

LoadKamailio::~LoadKamailio() = default;

pid_t LoadKamailio::group() const { return process_->pid(); }

std::string LoadKamailio::kamcmd(const std::vector<std::string>& args) {
    std::vector<std::string> argv = {"kamcmd", "-s", ctl_};
    argv.insert(argv.end(), args.begin(), args.end());
    const auto result = rig::run_command({.argv = argv}, std::chrono::seconds(5));
    // kamcmd exits 0 when the RPC fails too: its output says so.
    if (result.status != 0 || result.output.rfind("error", 0) == 0)
        throw std::runtime_error("kamcmd " + args.front() + " failed: " + result.output);
    return result.output;
}

void LoadKamailio::add_static_contact(const std::string& user, const std::string& contact_uri) {
    // ul.add table AoR contact expires q path flags cflags methods ("s:": empty; all methods).
    kamcmd({"ul.add", "location", user, contact_uri, "86400", "1.0", "s:", "0", "0", "4294967295"});
}

}  // namespace gw::load
