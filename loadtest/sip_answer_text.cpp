#include "loadtest/sip_answer_text.hpp"

#include <cctype>
#include <vector>

namespace gw::load {
namespace {

bool starts_with_nocase(std::string_view text, std::string_view prefix) {
    if (text.size() < prefix.size()) return false;
    for (std::size_t i = 0; i < prefix.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(text[i])) != std::tolower(static_cast<unsigned char>(prefix[i])))
            return false;
    return true;
}

// Header lines (without CRLF) up to the blank line; folded lines are not used by Sofia.
std::vector<std::string_view> header_lines(std::string_view message) {
    std::vector<std::string_view> lines;
    std::size_t at = 0;
    while (at < message.size()) {
        std::size_t end = message.find("\r\n", at);
        if (end == std::string_view::npos) end = message.size();
        if (end == at) break;  // the blank line before the body
        lines.push_back(message.substr(at, end - at));
        at = end + 2;
    }
    return lines;
}

// The value of a header line named `name` (or its compact form `compact`), trimmed.
std::optional<std::string_view> header_value(std::string_view line, std::string_view name, std::string_view compact) {
    const std::size_t colon = line.find(':');
    if (colon == std::string_view::npos) return std::nullopt;
    std::string_view field = line.substr(0, colon);
    while (!field.empty() && field.back() == ' ') field.remove_suffix(1);
    const bool named = field.size() == name.size() && starts_with_nocase(field, name);
    const bool compacted = !compact.empty() && field.size() == compact.size() && starts_with_nocase(field, compact);
    if (!named && !compacted) return std::nullopt;
    std::string_view value = line.substr(colon + 1);
    while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
    return value;
}

std::string user_of(std::string_view from) {
    const std::size_t scheme = from.find("sip:");
    if (scheme == std::string_view::npos) return {};
    const std::size_t start = scheme + 4;
    const std::size_t at = from.find('@', start);
    if (at == std::string_view::npos) return {};
    return std::string(from.substr(start, at - start));
}

}  // namespace

std::optional<SipRequest> parse_sip_request(std::string_view datagram) {
    const auto lines = header_lines(datagram);
    if (lines.empty()) return std::nullopt;
    const std::string_view first = lines.front();
    const std::size_t space = first.find(' ');
    if (space == std::string_view::npos || starts_with_nocase(first, "SIP/2.0")) return std::nullopt;
    SipRequest request;
    request.method = std::string(first.substr(0, space));
    for (std::size_t i = 1; i < lines.size(); ++i) {
        if (auto v = header_value(lines[i], "Call-ID", "i")) request.call_id = std::string(*v);
        else if (auto f = header_value(lines[i], "From", "f")) request.from_user = user_of(*f);
    }
    if (request.call_id.empty()) return std::nullopt;
    return request;
}

std::string sip_response(std::string_view datagram, int status, std::string_view phrase, std::string_view to_tag,
                         std::string_view contact_host_port, bool with_sdp) {
    const bool register_request = starts_with_nocase(datagram, "REGISTER ");
    std::string out = "SIP/2.0 " + std::to_string(status) + " " + std::string(phrase) + "\r\n";
    const auto lines = header_lines(datagram);
    for (std::size_t i = 1; i < lines.size(); ++i) {
        const std::string_view line = lines[i];
        if (header_value(line, "Via", "v") || header_value(line, "From", "f") || header_value(line, "Call-ID", "i") ||
            header_value(line, "CSeq", "")) {
            out.append(line).append("\r\n");
        } else if (auto to = header_value(line, "To", "t")) {
            out.append("To: ").append(*to);
            if (to->find(";tag=") == std::string_view::npos && !to_tag.empty()) out.append(";tag=").append(to_tag);
            out.append("\r\n");
        } else if (auto contact = header_value(line, "Contact", "m"); contact && register_request) {
            out.append("Contact: ").append(*contact).append(";expires=3600\r\n");
        }
    }
    std::string body;
    if (with_sdp) {
        body = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
               "m=audio 40000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\na=sendrecv\r\n";
        out.append("Contact: <sip:bob@").append(contact_host_port).append(">\r\n");
        out.append("Content-Type: application/sdp\r\n");
    }
    out.append("Content-Length: ").append(std::to_string(body.size())).append("\r\n\r\n").append(body);
    return out;
}

}  // namespace gw::load
