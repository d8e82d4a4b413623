#include "gateway/http_server.hpp"

#include <event2/buffer.h>
#include <event2/http.h>
#include <event2/keyvalq_struct.h>
#include <spdlog/spdlog.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace gw {
namespace {

void reply(evhttp_request* request, int code, const char* reason, const char* content_type,
           const std::string& body) {
    evkeyvalq* headers = evhttp_request_get_output_headers(request);
    evhttp_add_header(headers, "Content-Type", content_type);
    evbuffer* buffer = evbuffer_new();
    evbuffer_add(buffer, body.data(), body.size());
    evhttp_send_reply(request, code, reason, buffer);
    evbuffer_free(buffer);
}

void trampoline(evhttp_request* request, void* self) {
    try {
        static_cast<HttpServer*>(self)->handle(request);
    } catch (const std::exception& e) {
        spdlog::error("http: {}", e.what());
        reply(request, 500, "Internal Server Error", "text/plain", "internal error\n");
    }
}

}  // namespace

HttpServer::HttpServer(event_base* base, const std::string& host, std::uint16_t port) {
    http_ = evhttp_new(base);
    if (http_ == nullptr) throw std::runtime_error("cannot create the HTTP server");
    evhttp_set_allowed_methods(http_, EVHTTP_REQ_GET | EVHTTP_REQ_HEAD);
    evhttp_set_gencb(http_, &trampoline, this);
    errno = 0;
    if (evhttp_bind_socket_with_handle(http_, host.c_str(), port) == nullptr) {
        const int error = errno;
        evhttp_free(http_);
        throw std::runtime_error("cannot listen for HTTP on " + host + ":" + std::to_string(port) +
                                 ": " + (error != 0 ? std::strerror(error) : "bind failed"));
    }
    spdlog::info("http: listening on {}:{}", host, port);
}

HttpServer::~HttpServer() { evhttp_free(http_); }

void HttpServer::route(std::string path, Handler handler) { routes_[std::move(path)] = std::move(handler); }

void HttpServer::handle(evhttp_request* request) {
    const char* uri = evhttp_request_get_uri(request);
    const std::string path = uri ? std::string(uri).substr(0, std::string(uri).find('?')) : "";
    auto found = routes_.find(path);
    if (found == routes_.end()) {
        reply(request, 404, "Not Found", "text/plain", "not found\n");
        return;
    }
    const HttpResponse response = found->second();
    reply(request, response.status, response.status == 200 ? "OK" : "Service Unavailable",
          response.content_type.c_str(), response.body);
}

}  // namespace gw
