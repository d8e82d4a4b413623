// The local HTTP endpoints on libevent's evhttp: /metrics (Prometheus) and /healthz.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

struct event_base;
struct evhttp;
struct evhttp_request;

namespace gw {

struct HealthReport {
    bool healthy = false;
    std::string detail;  // one line, shown in the body
};

class HttpServer {
public:
    using MetricsSource = std::function<std::string()>;
    using HealthSource = std::function<HealthReport()>;

    // Throws std::runtime_error naming the address when it cannot bind.
    HttpServer(event_base* base, const std::string& host, std::uint16_t port, MetricsSource metrics,
               HealthSource health);
    ~HttpServer();
    HttpServer(const HttpServer&) = delete;
    HttpServer& operator=(const HttpServer&) = delete;

    void handle(evhttp_request* request);

private:
    evhttp* http_ = nullptr;
    MetricsSource metrics_;
    HealthSource health_;
};

}  // namespace gw
