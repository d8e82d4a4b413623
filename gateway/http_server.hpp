// The local HTTP endpoints on libevent's evhttp (/metrics, /healthz, /accounts): GET only, each
// path answered by a function that returns the whole response.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>

struct event_base;
struct evhttp;
struct evhttp_request;

namespace gw {

struct HttpResponse {
    int status = 200;
    std::string content_type = "text/plain; charset=utf-8";
    std::string body;
};

class HttpServer {
public:
    using Handler = std::function<HttpResponse()>;

    // Throws std::runtime_error naming the address when it cannot bind.
    HttpServer(event_base* base, const std::string& host, std::uint16_t port);
    ~HttpServer();
    HttpServer(const HttpServer&) = delete;
    HttpServer& operator=(const HttpServer&) = delete;

    void route(std::string path, Handler handler);
    void handle(evhttp_request* request);

private:
    evhttp* http_ = nullptr;
    std::map<std::string, Handler> routes_;
};

}  // namespace gw
