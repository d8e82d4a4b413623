#pragma once
// baresip 1.0 as a real SIP phone on 127.0.0.1, driven through its ctrl_tcp module.
//
// Each instance has its own temporary directory (config, accounts, contacts, log), its own SIP
// port (UDP and TCP; baresip also binds TLS on the next port), RTP port range and control port.
// Its audio source is a 440 Hz sine (ausine); what it receives is decoded and dropped.
//
// Media profiles:
// - plain RTP: RTP/AVP with PCMU, PCMA and telephone-event, rtcp-mux.
// - ICE + DTLS-SRTP (;medianat=ice;mediaenc=dtls_srtp, a WebRTC-compatible phone): it answers a
//   plain RTP/AVP offer with 488. Its ICE ignores loopback candidates and advertises the
//   machine's other addresses (c= and candidates are not 127.0.0.1), so media with this profile
//   needs a network namespace of the test's own (peers.md); without one it serves for checking
//   signalling and SDP only.

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tests/rig/baresip_control.hpp"
#include "tests/rig/temp_dir.hpp"

namespace gw::rig {

class Process;

enum class BaresipAnswerMode { automatic, manual };
enum class BaresipMedia { plain_rtp, ice_dtls_srtp };

struct BaresipOptions {
  std::string user = "bob";
  // A KamailioServer's port: the account is sip:user@127.0.0.1:port and REGISTERs there every
  // minute, answering digest challenges with `password`. 0: no registration (the test adds a
  // static contact at the proxy for sip_port(), or calls baresip directly).
  std::uint16_t registrar_port = 0;
  std::string password{};
  BaresipAnswerMode answer_mode = BaresipAnswerMode::automatic;
  BaresipMedia media = BaresipMedia::plain_rtp;
  // Size of its own RTP port range, rounded up to even. The range starts on an even port:
  // baresip rounds the RTP port it picks down to even (and keeps the next one for RTCP).
  unsigned rtp_ports = 10;
  // true: the sndfile module writes each call's audio into directory() as WAV files,
  // dump-*-dec.wav (what it heard, decoded) and dump-*-enc.wav (what it sent): a media oracle.
  bool record_audio = false;
};

// One line of "listcalls".
struct BaresipCall {
  int line = 0;
  std::string state;     // INCOMING, OUTGOING, RINGING, EARLY, ESTABLISHED ...
  std::string peer_uri;
};

class Baresip {
 public:
  // Starts baresip and connects to its control port. Returns once it listens for SIP (it may
  // still be registering: see wait_registered()). Throws std::runtime_error with the reason and
  // the tail of its log if it does not start.
  explicit Baresip(BaresipOptions options);
  Baresip(const Baresip&) = delete;
  Baresip& operator=(const Baresip&) = delete;
  // SIGINT (it unregisters), SIGINT again, then SIGKILL.
  ~Baresip();

  std::uint16_t sip_port() const { return sip_port_; }
  std::uint16_t rtp_port_min() const { return rtp_port_min_; }
  std::uint16_t rtp_port_max() const { return rtp_port_max_; }
  // Its address of record: sip:user@127.0.0.1:<registrar or SIP port>.
  std::string aor() const;
  // Where it can be reached directly: sip:user@127.0.0.1:<SIP port>.
  std::string contact_uri() const;

  // "OK", "ERR" (a failed REGISTER, e.g. wrong password) or "" (not yet answered, or no
  // registrar), from "reginfo".
  std::string registration_state();
  // True once the registrar accepted the REGISTER; false after `timeout`.
  bool wait_registered(std::chrono::milliseconds timeout = std::chrono::seconds(10));

  // Places a call; the events tell how it goes (CALL_RINGING, CALL_ESTABLISHED, CALL_CLOSED).
  // Throws std::runtime_error if baresip refuses the command.
  void dial(std::string_view uri);
  void answer();  // accepts the incoming call (manual answer mode)
  void hangup();  // ends (or rejects, or cancels) the current call
  std::vector<BaresipCall> list_calls();

  // Call events (see BaresipEvent). Each wait takes the first queued or arriving event of that
  // type (for `call_id`, if not empty); nullopt after `timeout`.
  std::optional<BaresipEvent> wait_event(std::string_view type, std::chrono::milliseconds timeout,
                                         std::string_view call_id = "");
  std::optional<BaresipEvent> wait_incoming_call(std::chrono::milliseconds timeout = std::chrono::seconds(10));
  std::optional<BaresipEvent> wait_call_established(std::chrono::milliseconds timeout = std::chrono::seconds(10),
                                                    std::string_view call_id = "");
  std::optional<BaresipEvent> wait_call_closed(std::chrono::milliseconds timeout = std::chrono::seconds(10),
                                               std::string_view call_id = "");

  // Any ctrl_tcp menu command, for what the methods above do not cover; returns its text.
  std::string command(std::string_view name, std::string_view params = "");
  // Its log (stdout and stderr) so far.
  std::string log() const;
  const std::string& directory() const { return dir_.path(); }

 private:
  BaresipOptions options_;
  TempDir dir_{"gw-baresip"};
  std::uint16_t sip_port_;
  std::uint16_t rtp_port_min_ = 0;
  std::uint16_t rtp_port_max_ = 0;
  std::uint16_t control_port_;
  std::unique_ptr<Process> process_;
  std::unique_ptr<BaresipControl> control_;
};

// The text of its config and accounts files (pure; exposed for the rig's own tests).
// `record_dir` not empty: the sndfile module writes WAV files there.
std::string baresip_config_text(std::uint16_t sip_port, std::uint16_t rtp_min, std::uint16_t rtp_max,
                                std::uint16_t control_port, std::string_view record_dir = "");
// Throws std::invalid_argument for a user or password that cannot be written into the line.
std::string baresip_account_line(const BaresipOptions& options, std::uint16_t sip_port);

}  // namespace gw::rig
