// xmpp-sip-gateway: command line entry point.
#include "config/load.hpp"
#include "gateway/app.hpp"
#include "gateway/cli_options.hpp"
#include "gateway/logging.hpp"
#include "gateway_version.hpp"
#include "media/cli/translate_command.hpp"

#include <spdlog/spdlog.h>

#include <iostream>

extern char** environ;

namespace {

std::optional<gw::config::Settings> load_or_report(const std::string& path) {
    gw::config::LoadResult loaded =
        gw::config::load_settings_file(path, gw::config::environment_from(environ));
    for (const gw::config::ConfigError& error : loaded.errors)
        std::cerr << error.to_string() << '\n';
    return loaded.settings;
}

}  // namespace

int main(int argc, char** argv) {
    try {
        const gw::CliParse parsed =
            gw::parse_command_line(std::vector<std::string>(argv + 1, argv + argc));
        if (!parsed.options) {
            std::cerr << "xmpp-sip-gateway: " << parsed.error << "\n\n" << gw::usage_text();
            return 2;
        }
        const gw::CliOptions& options = *parsed.options;
        switch (options.command) {
        case gw::Command::help:
            std::cout << gw::usage_text();
            return 0;
        case gw::Command::version:
            std::cout << "xmpp-sip-gateway " << GATEWAY_VERSION << '\n';
            return 0;
        case gw::Command::translate:
            return gw::media::run_translate_command(options.translate_args, std::cin, std::cout, std::cerr);
        case gw::Command::check_config: {
            auto settings = load_or_report(options.config_path);
            if (!settings) return 1;
            std::cout << options.config_path << ": OK\n" << gw::config::describe_settings(*settings) << '\n';
            return 0;
        }
        case gw::Command::run: {
            auto settings = load_or_report(options.config_path);
            if (!settings) return 1;
            gw::setup_logging(settings->log.level);
            spdlog::info("xmpp-sip-gateway {} starting: {}", GATEWAY_VERSION,
                         gw::config::describe_settings(*settings));
            return gw::run_gateway(*settings);
        }
        }
    } catch (const std::exception& e) {
        std::cerr << "xmpp-sip-gateway: " << e.what() << '\n';
    }
    return 1;
}
