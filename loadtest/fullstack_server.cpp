#include "loadtest/fullstack_server.hpp"

#include "loadtest/accounts.hpp"
#include "tests/rig/ejabberd_server.hpp"
#include "tests/rig/prosody_server.hpp"
#include "tests/rig/text_file.hpp"

#include <dirent.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>

namespace gw::load {
namespace {

std::string directory_of(const std::string& path) { return std::filesystem::path(path).parent_path().string(); }

// The process whose command line mentions `needle` (Prosody's config file): the rig does not
// hand out its children's pids.
pid_t find_process(const std::string& needle) {
    DIR* proc = opendir("/proc");
    if (proc == nullptr) return 0;
    pid_t found = 0;
    while (dirent* entry = readdir(proc)) {
        if (entry->d_name[0] < '0' || entry->d_name[0] > '9') continue;
        std::ifstream in(std::string("/proc/") + entry->d_name + "/cmdline");
        std::string arg;
        while (found == 0 && std::getline(in, arg, '\0'))
            if (arg.find(needle) != std::string::npos) found = static_cast<pid_t>(std::atol(entry->d_name));
        if (found != 0) break;
    }
    closedir(proc);
    return found;
}

pid_t read_pid_file(const std::string& path) {
    std::ifstream in(path);
    long pid = 0;
    return in >> pid && pid > 1 ? static_cast<pid_t>(pid) : 0;
}

}  // namespace

FullStackServer::FullStackServer(const std::string& kind, const std::string& secret) {
    if (kind == "prosody") {
        name_ = "Prosody 0.12";
        // Registrations from 127.0.0.1 are on Prosody's allowlist: no throttling.
        prosody_ = std::make_unique<rig::ProsodyServer>(rig::ProsodyOptions{
            .domain = kXmppDomain,
            .component = kComponent,
            .component_secret = secret,
            .extra_modules = {"register"},
            .extra_config = "allow_registration = true",
        });
        c2s_port_ = prosody_->c2s_port();
        component_port_ = prosody_->component_port();
        log_path_ = prosody_->log_path();
        pid_ = find_process(directory_of(log_path_) + "/prosody.cfg.lua");
    } else if (kind == "ejabberd") {
        name_ = "ejabberd 23.01";
        // registration_timeout: by default one registration per IP address every 600 s.
        ejabberd_ = std::make_unique<rig::EjabberdServer>(rig::EjabberdOptions{
            .domain = kXmppDomain,
            .component = kComponent,
            .component_secret = secret,
            .extra_modules = {"mod_register"},
            .extra_config = "registration_timeout: infinity",
        });
        c2s_port_ = ejabberd_->c2s_port();
        component_port_ = ejabberd_->component_port();
        log_path_ = ejabberd_->log_path();
        pid_ = read_pid_file(directory_of(log_path_) + "/ejabberd.pid");
    } else {
        throw std::runtime_error("unknown XMPP server '" + kind + "' (prosody or ejabberd)");
    }
}

FullStackServer::~FullStackServer() = default;

std::string FullStackServer::log_tail() const {
    try {
        return rig::last_lines(rig::read_text_file(log_path_), 20);
    } catch (const std::exception&) {
        return {};
    }
}

}  // namespace gw::load
