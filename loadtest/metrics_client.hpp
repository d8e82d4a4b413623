// Reads the gateway's /metrics (Prometheus text) over a short blocking HTTP/1.0 GET on
// 127.0.0.1: a few hundred bytes once a second, cheap next to the load.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace gw::load {

using MetricValues = std::map<std::string, double, std::less<>>;

// nullopt when the gateway does not answer within `timeout_ms`.
std::optional<MetricValues> fetch_metrics(std::uint16_t port, int timeout_ms = 1000);

// "name value" lines (labels not used by the gateway); comments skipped.
MetricValues parse_prometheus(std::string_view text);

// The value of the first of `names` present (metric names changed while calls were built).
std::optional<double> metric(const MetricValues& values, std::initializer_list<std::string_view> names);

}  // namespace gw::load
