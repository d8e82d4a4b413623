#include "gateway/cli_options.hpp"

namespace gw {

std::string usage_text() {
    return "Usage:\n"
           "  xmpp-sip-gateway [--config FILE]          run the gateway\n"
           "  xmpp-sip-gateway --check-config [--config FILE]\n"
           "                                            validate the configuration and exit\n"
           "  xmpp-sip-gateway translate jingle-to-sdp [--role initiator|responder]\n"
           "  xmpp-sip-gateway translate sdp-to-jingle [--action ACTION] [--sid ID]\n"
           "                                            [--role initiator|responder]\n"
           "                                            convert a description read on stdin\n"
           "  xmpp-sip-gateway --version | --help\n"
           "\n"
           "The default configuration file is /etc/xmpp-sip-gateway/gateway.toml.\n"
           "GATEWAY_<SECTION>_<KEY> environment variables override its keys.\n";
}

CliParse parse_command_line(const std::vector<std::string>& args) {
    CliOptions options;
    bool mode_given = false;
    for (size_t i = 0; i < args.size(); ++i) {
        const std::string& arg = args[i];
        auto set_mode = [&](Command command) -> bool {
            if (mode_given && options.command != command) return false;
            options.command = command;
            mode_given = true;
            return true;
        };
        if (arg == "translate" && !mode_given) {
            options.command = Command::translate;
            options.translate_args.assign(args.begin() + static_cast<long>(i) + 1, args.end());
            return {options, {}};
        }
        if (arg == "--config" || arg == "-c") {
            if (i + 1 >= args.size()) return {std::nullopt, arg + " needs a file name"};
            options.config_path = args[++i];
        } else if (arg.rfind("--config=", 0) == 0) {
            options.config_path = arg.substr(9);
        } else if (arg == "--check-config") {
            if (!set_mode(Command::check_config)) return {std::nullopt, "conflicting options: " + arg};
        } else if (arg == "--version" || arg == "-V") {
            if (!set_mode(Command::version)) return {std::nullopt, "conflicting options: " + arg};
        } else if (arg == "--help" || arg == "-h") {
            if (!set_mode(Command::help)) return {std::nullopt, "conflicting options: " + arg};
        } else {
            return {std::nullopt, "unknown argument: " + arg};
        }
        if (options.config_path.empty()) return {std::nullopt, "--config needs a file name"};
    }
    return {options, {}};
}

}  // namespace gw
