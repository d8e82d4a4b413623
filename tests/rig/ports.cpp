#include "tests/rig/ports.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <charconv>
#include <fstream>
#include <mutex>
#include <random>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>

namespace gw::rig {
namespace {

// Binds a socket of `type` to 127.0.0.1:port without SO_REUSEADDR, so a port in TIME_WAIT
// also counts as taken (conservative: the server will certainly be able to bind).
bool can_bind(int type, std::uint16_t port) {
  const int fd = ::socket(AF_INET, type | SOCK_CLOEXEC, 0);
  if (fd < 0) return false;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  const bool ok = ::bind(fd, reinterpret_cast<const sockaddr*>(&addr), sizeof addr) == 0;
  ::close(fd);
  return ok;
}

// Lowest port of the kernel's ephemeral range (32768 on Debian).
unsigned ephemeral_low() {
  std::ifstream in("/proc/sys/net/ipv4/ip_local_port_range");
  unsigned low = 0;
  if (in >> low && low > 0) return low;
  return 32768;
}

bool listed_in(const char* table, std::uint16_t port) {
  std::ifstream in(table);
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    // "  sl  local_address rem_address st ..." with local_address as HEXIP:HEXPORT
    std::istringstream fields(line);
    std::string slot, local;
    if (!(fields >> slot >> local)) continue;
    const auto colon = local.rfind(':');
    if (colon == std::string::npos) continue;
    unsigned value = 0;
    const char* first = local.data() + colon + 1;
    const char* last = local.data() + local.size();
    if (std::from_chars(first, last, value, 16).ec == std::errc{} && value == port) return true;
  }
  return false;
}

}  // namespace

std::uint16_t free_port() { return free_port_block(1); }

std::uint16_t free_port_block(unsigned count) {
  if (count == 0 || count > 1000) throw std::invalid_argument("free_port_block: bad count " + std::to_string(count));
  static std::mutex mutex;
  static std::set<std::uint16_t> handed_out;
  static std::mt19937 random{std::random_device{}()};

  const std::lock_guard lock(mutex);
  // 20000 keeps clear of well-known service ports and of sipp's own defaults (5060, 6000, 8888).
  constexpr unsigned lowest = 20000;
  unsigned highest = ephemeral_low() - 1;
  if (highest <= lowest + 1000) highest = 30999;  // unusual kernel setting: stay in a sane range
  std::uniform_int_distribution<unsigned> pick(lowest, highest - (count - 1));
  const auto usable = [](std::uint16_t port) {
    return !handed_out.contains(port) && can_bind(SOCK_STREAM, port) && can_bind(SOCK_DGRAM, port);
  };
  for (int attempt = 0; attempt < 500; ++attempt) {
    const auto first = static_cast<std::uint16_t>(pick(random));
    bool all = true;
    for (unsigned i = 0; all && i < count; ++i) all = usable(static_cast<std::uint16_t>(first + i));
    if (!all) continue;
    for (unsigned i = 0; i < count; ++i) handed_out.insert(static_cast<std::uint16_t>(first + i));
    return first;
  }
  throw std::runtime_error("free_port_block: no " + std::to_string(count) +
                           " consecutive free TCP+UDP ports found on 127.0.0.1");
}

bool port_is_bound(std::uint16_t port) {
  for (const char* table : {"/proc/net/udp", "/proc/net/udp6", "/proc/net/tcp", "/proc/net/tcp6"}) {
    if (listed_in(table, port)) return true;
  }
  return false;
}

}  // namespace gw::rig
