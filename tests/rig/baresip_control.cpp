#include "tests/rig/baresip_control.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstring>
#include <stdexcept>

namespace gw::rig {
namespace {

using Clock = std::chrono::steady_clock;

// Netstrings longer than this are not baresip's: the stream is out of step.
constexpr std::size_t max_message = 1 << 20;

class JsonReader {
 public:
  explicit JsonReader(std::string_view text) : text_(text) {}

  BaresipMessage object() {
    BaresipMessage result;
    expect('{');
    skip_space();
    if (peek() == '}') {
      ++pos_;
      return finish(result);
    }
    for (;;) {
      skip_space();
      std::string key = string();
      expect(':');
      skip_space();
      result[std::move(key)] = value();
      skip_space();
      if (peek() == ',') {
        ++pos_;
        continue;
      }
      expect('}');
      return finish(result);
    }
  }

 private:
  BaresipMessage& finish(BaresipMessage& result) {
    skip_space();
    if (pos_ != text_.size()) fail("trailing characters");
    return result;
  }

  [[noreturn]] void fail(std::string_view what) const {
    throw std::invalid_argument("baresip control: " + std::string(what) + " at offset " + std::to_string(pos_) +
                                " in " + std::string(text_.substr(0, 200)));
  }

  char peek() const { return pos_ < text_.size() ? text_[pos_] : '\0'; }

  void skip_space() {
    while (pos_ < text_.size() && (text_[pos_] == ' ' || text_[pos_] == '\n' || text_[pos_] == '\r' ||
                                   text_[pos_] == '\t')) {
      ++pos_;
    }
  }

  void expect(char c) {
    skip_space();
    if (peek() != c) fail(std::string("expected '") + c + "'");
    ++pos_;
  }

  std::string value() {
    const char c = peek();
    if (c == '"') return string();
    if (c == '{' || c == '[') return nested();
    const std::size_t start = pos_;
    while (pos_ < text_.size() && std::strchr(",} \t\r\n", text_[pos_]) == nullptr) ++pos_;
    if (start == pos_) fail("missing value");
    return std::string(text_.substr(start, pos_ - start));
  }

  // A nested object or array (CALL_RTCP carries one), kept as its JSON text.
  std::string nested() {
    const std::size_t start = pos_;
    int depth = 0;
    do {
      if (pos_ >= text_.size()) fail("unterminated nested value");
      const char c = text_[pos_];
      if (c == '"') {
        string();
        continue;
      }
      if (c == '{' || c == '[') ++depth;
      if (c == '}' || c == ']') --depth;
      ++pos_;
    } while (depth > 0);
    return std::string(text_.substr(start, pos_ - start));
  }

  std::string string() {
    expect('"');
    std::string out;
    for (;;) {
      if (pos_ >= text_.size()) fail("unterminated string");
      const char c = text_[pos_++];
      if (c == '"') return out;
      if (c != '\\') {
        out += c;
        continue;
      }
      if (pos_ >= text_.size()) fail("unterminated escape");
      const char e = text_[pos_++];
      switch (e) {
        case '"': out += '"'; break;
        case '\\': out += '\\'; break;
        case '/': out += '/'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'u': append_utf8(out, hex4()); break;
        default: fail("bad escape");
      }
    }
  }

  unsigned hex4() {
    if (pos_ + 4 > text_.size()) fail("short \\u escape");
    unsigned value = 0;
    const char* first = text_.data() + pos_;
    if (std::from_chars(first, first + 4, value, 16).ptr != first + 4) fail("bad \\u escape");
    pos_ += 4;
    return value;
  }

  // baresip escapes control characters (ANSI colours) this way; surrogate pairs do not occur.
  static void append_utf8(std::string& out, unsigned code) {
    if (code < 0x80) {
      out += static_cast<char>(code);
    } else if (code < 0x800) {
      out += static_cast<char>(0xc0 | (code >> 6));
      out += static_cast<char>(0x80 | (code & 0x3f));
    } else {
      out += static_cast<char>(0xe0 | (code >> 12));
      out += static_cast<char>(0x80 | ((code >> 6) & 0x3f));
      out += static_cast<char>(0x80 | (code & 0x3f));
    }
  }

  std::string_view text_;
  std::size_t pos_ = 0;
};

std::string value_of(const BaresipMessage& message, const std::string& key) {
  const auto it = message.find(key);
  return it == message.end() ? std::string() : it->second;
}

}  // namespace

BaresipMessage parse_baresip_message(std::string_view json) { return JsonReader(json).object(); }

std::string json_string(std::string_view text) {
  std::string out = "\"";
  for (const char c : text) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      throw std::invalid_argument("control character in a JSON command");
    } else {
      out += c;
    }
  }
  return out + "\"";
}


BaresipControl::BaresipControl(std::uint16_t port) {
  fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd_ < 0) throw std::runtime_error(std::string("baresip control: socket: ") + std::strerror(errno));
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd_, reinterpret_cast<const sockaddr*>(&addr), sizeof addr) != 0) {
    const std::string reason = std::strerror(errno);
    ::close(fd_);
    throw std::runtime_error("baresip control: connect to 127.0.0.1:" + std::to_string(port) + ": " + reason);
  }
}

BaresipControl::~BaresipControl() { ::close(fd_); }

std::string BaresipControl::command(std::string_view name, std::string_view params,
                                    std::chrono::milliseconds timeout) {
  const std::string token = "rig-" + std::to_string(++next_token_);
  std::string json = "{\"command\":" + json_string(name);
  if (!params.empty()) json += ",\"params\":" + json_string(params);
  json += ",\"token\":" + json_string(token) + "}";
  const std::string frame = std::to_string(json.size()) + ":" + json + ",";
  for (std::size_t sent = 0; sent < frame.size();) {
    const ssize_t n = ::send(fd_, frame.data() + sent, frame.size() - sent, MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) throw std::runtime_error("baresip control: send: " + std::string(std::strerror(errno)));
    sent += static_cast<std::size_t>(n);
  }

  const auto deadline = Clock::now() + timeout;
  for (;;) {
    for (auto it = responses_.begin(); it != responses_.end(); ++it) {
      if (value_of(*it, "token") != token) continue;
      const BaresipMessage response = std::move(*it);
      responses_.erase(it);
      if (value_of(response, "ok") != "true") {
        throw std::runtime_error("baresip refused '" + std::string(name) + "': " + value_of(response, "data"));
      }
      return value_of(response, "data");
    }
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    if (left.count() <= 0) {
      throw std::runtime_error("baresip did not answer '" + std::string(name) + "' within " +
                               std::to_string(timeout.count()) + " ms");
    }
    read_some(left);
  }
}

std::optional<BaresipEvent> BaresipControl::wait_event(const std::function<bool(const BaresipEvent&)>& pred,
                                                       std::chrono::milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  std::size_t checked = 0;
  for (;;) {
    for (; checked < events_.size(); ++checked) {
      if (!pred(events_[checked])) continue;
      BaresipEvent found = std::move(events_[checked]);
      events_.erase(events_.begin() + static_cast<std::ptrdiff_t>(checked));
      return found;
    }
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    if (left.count() <= 0) return std::nullopt;
    read_some(left);
  }
}

void BaresipControl::read_some(std::chrono::milliseconds timeout) {
  pollfd pfd{fd_, POLLIN, 0};
  const int ready = ::poll(&pfd, 1, static_cast<int>(timeout.count()));
  if (ready < 0 && errno != EINTR) throw std::runtime_error("baresip control: poll: " + std::string(std::strerror(errno)));
  if (ready <= 0) return;
  char chunk[8192];
  const ssize_t got = ::recv(fd_, chunk, sizeof chunk, 0);
  if (got < 0 && errno == EINTR) return;
  if (got <= 0) throw std::runtime_error("baresip control: connection closed (did baresip exit?)");
  buffer_.append(chunk, static_cast<std::size_t>(got));

  // Netstrings: "LEN:" LEN bytes ",".
  for (;;) {
    const auto colon = buffer_.find(':');
    if (colon == std::string::npos) {
      if (buffer_.size() > 20) throw std::runtime_error("baresip control: not a netstring: " + buffer_.substr(0, 40));
      return;
    }
    std::size_t length = 0;
    if (std::from_chars(buffer_.data(), buffer_.data() + colon, length).ptr != buffer_.data() + colon ||
        length > max_message) {
      throw std::runtime_error("baresip control: bad netstring length: " + buffer_.substr(0, colon));
    }
    if (buffer_.size() < colon + 1 + length + 1) return;
    if (buffer_[colon + 1 + length] != ',') throw std::runtime_error("baresip control: netstring without ','");
    store(parse_baresip_message(std::string_view(buffer_).substr(colon + 1, length)));
    buffer_.erase(0, colon + 1 + length + 1);
  }
}

void BaresipControl::store(const BaresipMessage& message) {
  if (value_of(message, "response") == "true") {
    responses_.push_back(message);
  } else if (value_of(message, "event") == "true") {
    events_.push_back({value_of(message, "type"), value_of(message, "id"), value_of(message, "direction"),
                       value_of(message, "peeruri"), value_of(message, "param")});
  }
}

}  // namespace gw::rig
