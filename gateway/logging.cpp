#include "gateway/logging.hpp"

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

namespace gw {

void setup_logging(config::LogLevel level) {
    auto logger = spdlog::stderr_logger_st("gateway");
    logger->set_pattern("%Y-%m-%d %H:%M:%S.%e %^%-5l%$ %v");
    switch (level) {
    case config::LogLevel::trace: logger->set_level(spdlog::level::trace); break;
    case config::LogLevel::debug: logger->set_level(spdlog::level::debug); break;
    case config::LogLevel::info: logger->set_level(spdlog::level::info); break;
    case config::LogLevel::warn: logger->set_level(spdlog::level::warn); break;
    case config::LogLevel::error: logger->set_level(spdlog::level::err); break;
    }
    logger->flush_on(spdlog::level::trace);
    spdlog::set_default_logger(logger);
}

}  // namespace gw
