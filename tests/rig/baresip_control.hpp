#pragma once
// A client for baresip's ctrl_tcp module: JSON objects framed as netstrings ("LEN:{...},") over
// TCP. Commands go out as {"command":..., "params":..., "token":...}; baresip answers each with
// {"response":true, "ok":..., "data":..., "token":...} and sends events on its own
// ({"event":true, "type":"CALL_ESTABLISHED", "id":<Call-ID>, ...}). Single-threaded like
// XmppTestClient: it reads only while one of its calls runs and queues the events it sees.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace gw::rig {

// One JSON object as baresip sends it: every value as text ("true", "false", numbers as
// written, strings unescaped, nested objects and arrays as their JSON text).
using BaresipMessage = std::map<std::string, std::string>;

// Parses a JSON object whose values are strings, numbers, true/false/null, or nested objects and
// arrays (kept as text, not parsed: CALL_RTCP events carry one). Throws std::invalid_argument on
// anything else.
BaresipMessage parse_baresip_message(std::string_view json);

// `text` as a JSON string literal for a command. Throws std::invalid_argument for control
// characters (commands are one line).
std::string json_string(std::string_view text);

struct BaresipEvent {
  std::string type;       // CALL_INCOMING, CALL_RINGING, CALL_PROGRESS, CALL_ESTABLISHED, CALL_CLOSED,
                          // REGISTER_OK, REGISTER_FAIL, CALL_LOCAL_SDP ...
  std::string call_id;    // "id": the SIP Call-ID (empty for events without a call)
  std::string direction;  // "incoming" / "outgoing" for call events
  std::string peer_uri;   // "peeruri"
  std::string param;      // CALL_CLOSED: the reason; CALL_LOCAL_SDP: "offer" / "answer"
};

class BaresipControl {
 public:
  // Connects to 127.0.0.1:port; throws std::runtime_error on failure.
  explicit BaresipControl(std::uint16_t port);
  BaresipControl(const BaresipControl&) = delete;
  BaresipControl& operator=(const BaresipControl&) = delete;
  ~BaresipControl();

  // Runs a command (a menu command: "dial", "accept", "hangup", "listcalls", "reginfo" ...) and
  // returns its "data". Throws std::runtime_error if baresip answers ok=false (with its text),
  // closes the connection, or does not answer within `timeout`.
  std::string command(std::string_view name, std::string_view params = "",
                      std::chrono::milliseconds timeout = std::chrono::seconds(5));

  // The next event matching `pred` (queued earlier or arriving within `timeout`); it is taken off
  // the queue, events that do not match stay queued in order.
  std::optional<BaresipEvent> wait_event(const std::function<bool(const BaresipEvent&)>& pred,
                                         std::chrono::milliseconds timeout);
  const std::deque<BaresipEvent>& queued_events() const { return events_; }

 private:
  // Reads what arrives within `timeout` (at most until something does) and stores it.
  void read_some(std::chrono::milliseconds timeout);
  void store(const BaresipMessage& message);

  int fd_ = -1;
  std::string buffer_;
  std::deque<BaresipEvent> events_;
  std::deque<BaresipMessage> responses_;
  unsigned next_token_ = 0;
};

}  // namespace gw::rig
