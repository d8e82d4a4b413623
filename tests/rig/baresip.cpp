#include "tests/rig/baresip.hpp"

#include <csignal>
#include <sstream>
#include <stdexcept>

#include "tests/rig/ports.hpp"
#include "tests/rig/process.hpp"
#include "tests/rig/readiness.hpp"
#include "tests/rig/text_file.hpp"

namespace gw::rig {
namespace {

constexpr auto start_timeout = std::chrono::seconds(10);
constexpr auto signal_grace = std::chrono::seconds(2);

void require_plain(std::string_view what, std::string_view value, std::string_view forbidden) {
  bool bad = value.find_first_of(forbidden) != std::string_view::npos;
  for (const char c : value) bad = bad || static_cast<unsigned char>(c) <= 0x20 || c == 0x7f;
  if (bad) {
    throw std::invalid_argument("Baresip: " + std::string(what) + " cannot be written into its account line");
  }
}

// "\x1b[32mOK \x1b[;m" -> "OK ": reginfo colours the state.
std::string without_ansi(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\x1b' && i + 1 < text.size() && text[i + 1] == '[') {
      i += 2;
      while (i < text.size() && text[i] != 'm') ++i;
      continue;
    }
    out += text[i];
  }
  return out;
}

std::string_view answer_mode_name(BaresipAnswerMode mode) {
  switch (mode) {
    case BaresipAnswerMode::automatic: return "auto";
    case BaresipAnswerMode::manual: return "manual";
  }
  return "manual";
}

}  // namespace

std::string baresip_config_text(std::uint16_t sip_port, std::uint16_t rtp_min, std::uint16_t rtp_max,
                                std::uint16_t control_port, std::string_view record_dir) {
  std::string text = "# Written by gw::rig::Baresip for one test run.\n";
  text += "poll_method epoll\n";
  text += "sip_listen 127.0.0.1:" + std::to_string(sip_port) + "\n";
  // An interface name does not work here; the address does. Keeps SIP and RTP on loopback.
  text += "net_interface 127.0.0.1\n";
  // Names are never looked up (every URI has an IP literal); should one be, it stays local.
  text += "dns_server 127.0.0.1:53\n";
  text += "call_local_timeout 120\ncall_max_calls 4\n";
  // A 440 Hz sine as the microphone (ausine needs 48 kHz stereo); nothing plays what arrives.
  text += "audio_source ausine,440\nausrc_srate 48000\nausrc_channels 2\n";
  text += "audio_player alsa,null\naudio_alert alsa,null\n";
  text += "rtp_ports " + std::to_string(rtp_min) + "-" + std::to_string(rtp_max) + "\n";
  text += "rtcp_mux yes\n";
  text += "module_path /usr/lib/baresip/modules\n";
  // No stdio module: it needs a terminal. menu provides the commands ctrl_tcp runs.
  for (const char* module : {"g711.so", "ausine.so", "ice.so", "dtls_srtp.so"}) {
    text += "module " + std::string(module) + "\n";
  }
  if (!record_dir.empty()) text += "module sndfile.so\nsnd_path " + std::string(record_dir) + "\n";
  text += "module_tmp account.so\n";
  for (const char* module : {"contact.so", "menu.so", "ctrl_tcp.so"}) {
    text += "module_app " + std::string(module) + "\n";
  }
  text += "ctrl_tcp_listen 127.0.0.1:" + std::to_string(control_port) + "\n";
  return text;
}

std::string baresip_account_line(const BaresipOptions& options, std::uint16_t sip_port) {
  require_plain("user", options.user, "\"<>;:@,=/?\\");
  require_plain("password", options.password, "\"<>;,\\");
  if (options.user.empty()) throw std::invalid_argument("Baresip: empty user");
  const bool registers = options.registrar_port != 0;
  const std::uint16_t domain_port = registers ? options.registrar_port : sip_port;
  std::string line = "<sip:" + options.user + "@127.0.0.1:" + std::to_string(domain_port) + ";transport=udp>";
  line += registers ? ";regint=60" : ";regint=0";
  if (!options.password.empty()) line += ";auth_pass=" + options.password;
  line += ";answermode=" + std::string(answer_mode_name(options.answer_mode));
  if (options.media == BaresipMedia::ice_dtls_srtp) line += ";medianat=ice;mediaenc=dtls_srtp";
  return line + "\n";
}

Baresip::Baresip(BaresipOptions options)
    : options_(std::move(options)),
      sip_port_(free_port_block(2)),  // TLS takes the SIP port + 1
      control_port_(free_port()) {
  if (options_.rtp_ports == 0 || options_.rtp_ports > 500) {
    throw std::invalid_argument("Baresip: rtp_ports must be 1-500");
  }
  const unsigned count = options_.rtp_ports + options_.rtp_ports % 2;
  const std::uint16_t block = free_port_block(count + 1);  // one spare to start on an even port
  rtp_port_min_ = static_cast<std::uint16_t>(block + block % 2);
  rtp_port_max_ = static_cast<std::uint16_t>(rtp_port_min_ + count - 1);
  write_text_file(dir_.file("config"), baresip_config_text(sip_port_, rtp_port_min_, rtp_port_max_, control_port_,
                                                          options_.record_audio ? dir_.path() : ""));
  write_text_file(dir_.file("accounts"), baresip_account_line(options_, sip_port_));
  write_text_file(dir_.file("contacts"), "");
  process_ = std::make_unique<Process>(ProcessOptions{
      .argv = {"baresip", "-f", dir_.path()}, .log_file = dir_.file("baresip.log"), .cwd = dir_.path()});
  wait_until_ready(
      *process_, "baresip",
      [&] { return port_is_bound(sip_port_) && wait_for_tcp_port(control_port_, std::chrono::milliseconds(0)); },
      start_timeout);
  try {
    control_ = std::make_unique<BaresipControl>(control_port_);
  } catch (const std::exception& e) {
    throw_start_failure("baresip", e.what(), *process_);
  }
}

Baresip::~Baresip() {
  try {
    control_.reset();
    // The first SIGINT unregisters and waits for the registrar; the second stops at once.
    process_->signal(SIGINT);
    if (process_->wait_exit(signal_grace)) return;
    process_->signal(SIGINT);
    if (process_->wait_exit(signal_grace)) return;
    process_->stop(std::chrono::milliseconds(0));
  } catch (...) {
    // Process's own destructor still kills the group.
  }
}

std::string Baresip::aor() const {
  const auto port = options_.registrar_port != 0 ? options_.registrar_port : sip_port_;
  return "sip:" + options_.user + "@127.0.0.1:" + std::to_string(port);
}

std::string Baresip::contact_uri() const { return "sip:" + options_.user + "@127.0.0.1:" + std::to_string(sip_port_); }

std::string Baresip::registration_state() {
  std::istringstream lines(without_ansi(command("reginfo")));
  std::string line;
  while (std::getline(lines, line)) {
    std::istringstream words(line);
    std::string word;
    while (words >> word && word != aor()) {
    }
    if (word != aor()) continue;
    if (words >> word && (word == "OK" || word == "ERR")) return word;
    return {};
  }
  return {};
}

bool Baresip::wait_registered(std::chrono::milliseconds timeout) {
  return poll_until([&] { return registration_state() == "OK"; }, timeout);
}

void Baresip::dial(std::string_view uri) { command("dial", uri); }

void Baresip::answer() { command("accept"); }

void Baresip::hangup() { command("hangup"); }

std::vector<BaresipCall> Baresip::list_calls() {
  // "> [line 1]  0:00:03   ESTABLISHED          sip:carol@127.0.0.1:5060"
  std::vector<BaresipCall> calls;
  std::istringstream lines(without_ansi(command("listcalls")));
  std::string line;
  while (std::getline(lines, line)) {
    const auto open = line.find("[line ");
    const auto close = line.find(']', open);
    if (open == std::string::npos || close == std::string::npos) continue;
    BaresipCall call;
    call.line = std::stoi(line.substr(open + 6, close - open - 6));
    std::istringstream words(line.substr(close + 1));
    std::string duration;
    words >> duration >> call.state >> call.peer_uri;
    calls.push_back(std::move(call));
  }
  return calls;
}

std::optional<BaresipEvent> Baresip::wait_event(std::string_view type, std::chrono::milliseconds timeout,
                                                std::string_view call_id) {
  return control_->wait_event(
      [&](const BaresipEvent& e) { return e.type == type && (call_id.empty() || e.call_id == call_id); }, timeout);
}

std::optional<BaresipEvent> Baresip::wait_incoming_call(std::chrono::milliseconds timeout) {
  return wait_event("CALL_INCOMING", timeout);
}

std::optional<BaresipEvent> Baresip::wait_call_established(std::chrono::milliseconds timeout,
                                                           std::string_view call_id) {
  return wait_event("CALL_ESTABLISHED", timeout, call_id);
}

std::optional<BaresipEvent> Baresip::wait_call_closed(std::chrono::milliseconds timeout, std::string_view call_id) {
  return wait_event("CALL_CLOSED", timeout, call_id);
}

std::string Baresip::command(std::string_view name, std::string_view params) {
  return control_->command(name, params);
}

std::string Baresip::log() const { return process_->log(); }

}  // namespace gw::rig
