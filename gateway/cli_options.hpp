// The command line of xmpp-sip-gateway, parsed into a value (pure, tested in tests/unit/gateway).
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace gw {

enum class Command { run, check_config, version, help, translate };

struct CliOptions {
    Command command = Command::run;
    std::string config_path = "/etc/xmpp-sip-gateway/gateway.toml";
    std::vector<std::string> translate_args;  // what follows "translate"
};

struct CliParse {
    std::optional<CliOptions> options;
    std::string error;  // set when options is empty
};

CliParse parse_command_line(const std::vector<std::string>& args);  // args without argv[0]
std::string usage_text();

}  // namespace gw
