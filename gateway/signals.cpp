#include "gateway/signals.hpp"

#include <event2/event.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <csignal>

namespace gw {

ShutdownSignals::ShutdownSignals(event_base* base, std::function<void(int)> on_first)
    : on_first_(std::move(on_first)) {
    std::signal(SIGPIPE, SIG_IGN);
    sigint_ = evsignal_new(base, SIGINT, &ShutdownSignals::on_signal, this);
    sigterm_ = evsignal_new(base, SIGTERM, &ShutdownSignals::on_signal, this);
    event_add(sigint_, nullptr);
    event_add(sigterm_, nullptr);
}

ShutdownSignals::~ShutdownSignals() {
    event_free(sigint_);
    event_free(sigterm_);
}

void ShutdownSignals::on_signal(int signal, short, void* raw) {
    auto* self = static_cast<ShutdownSignals*>(raw);
    if (self->received_) {
        spdlog::warn("second signal ({}): exiting now", strsignal(signal));
        spdlog::default_logger()->flush();
        _exit(1);
    }
    self->received_ = true;
    spdlog::info("{}: shutting down (send it again to exit at once)", strsignal(signal));
    try {
        self->on_first_(signal);
    } catch (const std::exception& e) {
        spdlog::error("shutdown: {}", e.what());
    }
}

}  // namespace gw
