#include <string>

#include "media/error.hpp"
#include "media/limits.hpp"
#include "media/sdp.hpp"
#include "media/text_rules.hpp"

namespace gw::media {

namespace {

SdpConnection parse_connection(std::string_view value) {
    Words words(value);
    if (words.size() != 3) fail("c=: expected '<nettype> <addrtype> <address>'");
    return {std::string(words[0]), std::string(words[1]), std::string(words[2])};
}

SdpBandwidth parse_bandwidth(std::string_view value) {
    auto colon = value.find(':');
    if (colon == std::string_view::npos || colon == 0) fail("b=: expected '<type>:<value>'");
    auto type = value.substr(0, colon);
    if (!is_token(type)) fail("b=: bandwidth type '" + std::string(type) + "' is not a token");
    return {std::string(type), require_uint("b=: bandwidth", trim(value.substr(colon + 1)), UINT64_MAX)};
}

SdpOrigin parse_origin(std::string_view value) {
    Words w(value);
    if (w.size() != 6) fail("o=: expected 6 fields, found " + std::to_string(w.size()));
    return {std::string(w[0]), std::string(w[1]), std::string(w[2]),
            std::string(w[3]), std::string(w[4]), std::string(w[5])};
}

SdpMedia parse_media_line(std::string_view value, unsigned line) {
    auto w = split_words(value);
    if (w.size() < 3) fail("m=: expected '<media> <port> <proto> <format>...'");
    SdpMedia m;
    m.line = line;
    m.media = std::string(w[0]);
    if (!is_token(m.media)) fail("m=: media '" + m.media + "' is not a token");
    auto port = w[1];
    if (auto slash = port.find('/'); slash != std::string_view::npos) {
        m.port_count = static_cast<std::uint16_t>(require_uint("m=: port count", port.substr(slash + 1), 65535));
        port = port.substr(0, slash);
    }
    m.port = static_cast<std::uint16_t>(require_uint("m=: port", port, 65535));
    m.proto = std::string(w[2]);
    for (std::size_t i = 3; i < w.size(); ++i) m.formats.emplace_back(w[i]);
    return m;
}

SdpAttribute parse_attribute(std::string_view value, unsigned line) {
    auto colon = value.find(':');
    SdpAttribute a;
    a.line = line;
    a.name = std::string(value.substr(0, colon));
    if (!is_token(a.name)) fail("a=: attribute name '" + a.name.substr(0, 40) + "' is not a token");
    if (colon != std::string_view::npos) a.value = std::string(value.substr(colon + 1));
    return a;
}

class Parser {
public:
    SdpSession run(std::string_view text) {
        if (text.size() > limits::max_text_bytes)
            fail("SDP is " + std::to_string(text.size()) + " bytes, more than the limit of " +
                 std::to_string(limits::max_text_bytes));
        sdp_.timings.clear();
        std::size_t pos = 0;
        unsigned number = 0;
        while (pos < text.size()) {
            std::size_t end = text.find('\n', pos);
            std::string_view line = text.substr(pos, end == std::string_view::npos ? end : end - pos);
            pos = end == std::string_view::npos ? text.size() : end + 1;
            ++number;
            in_context([&] { return "line " + std::to_string(number); }, [&] { take(line, number); });
        }
        if (!seen_version_) fail("empty SDP: no v= line");
        if (!seen_origin_) fail("SDP has no o= line");
        if (!seen_name_) fail("SDP has no s= line");
        if (sdp_.timings.empty()) sdp_.timings.emplace_back();
        return std::move(sdp_);
    }

private:
    void take(std::string_view line, unsigned number) {
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (line.find('\r') != std::string_view::npos) fail("carriage return inside a line");
        if (line.find('\0') != std::string_view::npos) fail("NUL byte");
        while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) line.remove_suffix(1);
        if (line.empty()) return;
        if (line.size() > limits::max_line_bytes) fail("line is longer than the limit");
        if (++lines_ > limits::max_sdp_lines) fail("more lines than the limit");
        if (line.size() < 2 || line[1] != '=' || line[0] < 'a' || line[0] > 'z')
            fail("expected '<letter>=<value>'");
        const char type = line[0];
        const std::string_view value = line.substr(2);
        if (!seen_version_) {
            if (type != 'v' || value != "0") fail("the first line must be v=0");
            seen_version_ = true;
            return;
        }
        if (media_ != nullptr) {
            take_media_line(type, value, number);
            return;
        }
        switch (type) {
        case 'v': fail("v= repeated");
        case 'o':
            if (seen_origin_) fail("o= repeated");
            sdp_.origin = parse_origin(value);
            seen_origin_ = true;
            return;
        case 's':
            if (seen_name_) fail("s= repeated");
            sdp_.name = std::string(value);
            seen_name_ = true;
            return;
        case 'i': sdp_.info = std::string(value); return;
        case 'u': sdp_.uri = std::string(value); return;
        case 'e': sdp_.emails.emplace_back(value); return;
        case 'p': sdp_.phones.emplace_back(value); return;
        case 'c': sdp_.connection = parse_connection(value); return;
        case 'b': sdp_.bandwidths.push_back(parse_bandwidth(value)); return;
        case 't': {
            Words w(value);
            if (w.size() != 2) fail("t=: expected '<start> <stop>'");
            sdp_.timings.push_back({std::string(w[0]), std::string(w[1]), {}});
            return;
        }
        case 'r':
            if (sdp_.timings.empty()) fail("r= without a t= before it");
            sdp_.timings.back().repeats.emplace_back(value);
            return;
        case 'z': sdp_.zone = std::string(value); return;
        case 'k': sdp_.key = std::string(value); return;
        case 'a':
            if (sdp_.attributes.size() >= limits::max_attributes_per_section)
                fail("more session attributes than the limit");
            sdp_.attributes.push_back(parse_attribute(value, number));
            return;
        case 'm': start_media(value, number); return;
        default: fail(std::string("unknown line type '") + type + "='");
        }
    }

    void start_media(std::string_view value, unsigned number) {
        if (!seen_origin_) fail("m= before the o= line");
        if (sdp_.media.size() >= limits::max_media_sections) fail("more m= sections than the limit");
        sdp_.media.push_back(parse_media_line(value, number));
        media_ = &sdp_.media.back();
    }

    void take_media_line(char type, std::string_view value, unsigned number) {
        switch (type) {
        case 'm': start_media(value, number); return;
        case 'i': media_->title = std::string(value); return;
        case 'c': media_->connections.push_back(parse_connection(value)); return;
        case 'b': media_->bandwidths.push_back(parse_bandwidth(value)); return;
        case 'k': media_->key = std::string(value); return;
        case 'a':
            if (media_->attributes.size() >= limits::max_attributes_per_section)
                fail("more attributes in one m= section than the limit");
            media_->attributes.push_back(parse_attribute(value, number));
            return;
        default:
            if (type >= 'a' && std::string_view("vosuepztr").find(type) != std::string_view::npos)
                fail(std::string(1, type) + "= is not allowed inside a media section");
            fail(std::string("unknown line type '") + type + "='");
        }
    }

    SdpSession sdp_;
    SdpMedia* media_ = nullptr;  // the m= section being filled; stable: sections are only appended
                                 // through start_media, which re-points it
    std::size_t lines_ = 0;
    bool seen_version_ = false;
    bool seen_origin_ = false;
    bool seen_name_ = false;
};

}  // namespace

Result<SdpSession> parse_sdp(std::string_view text) {
    return guarded([&] { return Parser().run(text); });
}

}  // namespace gw::media
