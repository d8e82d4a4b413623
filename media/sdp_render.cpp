#include <string>

#include "media/error.hpp"
#include "media/sdp.hpp"
#include "media/text_rules.hpp"

namespace gw::media {

namespace {

// Anything that would end the line early, or split it where the parser would not, is refused:
// that is how an SDP line or a SIP header would get injected.
bool breaks_line(std::string_view value) {
    for (char c : value)
        if (c == '\r' || c == '\n' || c == '\0') return true;
    return false;
}

class Writer {
public:
    explicit Writer(std::string& out) : out_(out) {}

    void line(char type, std::string_view value) {
        if (breaks_line(value)) fail(std::string(1, type) + "=: value contains CR, LF or NUL");
        out_ += type;
        out_ += '=';
        out_ += value;
        out_ += "\r\n";
    }

    // A field of a space-separated line must be one non-empty word.
    static std::string_view word(char type, std::string_view value) {
        if (value.empty() || value.find(' ') != std::string_view::npos)
            fail(std::string(1, type) + "=: field '" + std::string(value.substr(0, 40)) +
                 "' is empty or contains a space");
        return value;
    }

    void connection(const SdpConnection& c) {
        std::string v;
        v.append(word('c', c.net_type)).append(" ").append(word('c', c.addr_type)).append(" ").append(word('c', c.address));
        line('c', v);
    }

    void bandwidth(const SdpBandwidth& b) {
        if (!is_token(b.type)) fail("b=: bandwidth type '" + b.type.substr(0, 40) + "' is not a token");
        line('b', b.type + ":" + std::to_string(b.value));
    }

    void attribute(const SdpAttribute& a) {
        if (!is_token(a.name)) fail("a=: attribute name '" + a.name.substr(0, 40) + "' is not a token");
        if (!a.value) {
            line('a', a.name);
            return;
        }
        if (breaks_line(*a.value)) fail("a=" + a.name + ": value contains CR, LF or NUL");
        out_ += "a=";
        out_ += a.name;
        out_ += ':';
        out_ += *a.value;
        out_ += "\r\n";
    }

private:
    std::string& out_;
};

void render_media(Writer& w, const SdpMedia& m) {
    std::string mline;
    if (!is_token(m.media)) fail("m=: media '" + m.media.substr(0, 40) + "' is not a token");
    mline.append(m.media).append(" ").append(std::to_string(m.port));
    if (m.port_count) mline.append("/").append(std::to_string(*m.port_count));
    mline.append(" ").append(Writer::word('m', m.proto));
    for (const auto& f : m.formats) mline.append(" ").append(Writer::word('m', f));
    w.line('m', mline);
    if (m.title) w.line('i', *m.title);
    for (const auto& c : m.connections) w.connection(c);
    for (const auto& b : m.bandwidths) w.bandwidth(b);
    if (m.key) w.line('k', *m.key);
    for (const auto& a : m.attributes) w.attribute(a);
}

}  // namespace

Result<std::string> render_sdp(const SdpSession& sdp) {
    return guarded([&] {
        std::string out;
        out.reserve(1024 + 1024 * sdp.media.size());
        Writer w(out);
        w.line('v', "0");
        const auto& o = sdp.origin;
        std::string origin;
        for (const std::string* field : {&o.username, &o.session_id, &o.session_version, &o.net_type,
                                         &o.addr_type, &o.address}) {
            if (!origin.empty()) origin += ' ';
            origin += Writer::word('o', *field);
        }
        w.line('o', origin);
        w.line('s', sdp.name);
        if (sdp.info) w.line('i', *sdp.info);
        if (sdp.uri) w.line('u', *sdp.uri);
        for (const auto& e : sdp.emails) w.line('e', e);
        for (const auto& p : sdp.phones) w.line('p', p);
        if (sdp.connection) w.connection(*sdp.connection);
        for (const auto& b : sdp.bandwidths) w.bandwidth(b);
        if (sdp.timings.empty()) w.line('t', "0 0");
        for (const auto& t : sdp.timings) {
            w.line('t', std::string(Writer::word('t', t.start)) + " " + std::string(Writer::word('t', t.stop)));
            for (const auto& r : t.repeats) w.line('r', r);
        }
        if (sdp.zone) w.line('z', *sdp.zone);
        if (sdp.key) w.line('k', *sdp.key);
        for (const auto& a : sdp.attributes) w.attribute(a);
        for (const auto& m : sdp.media) render_media(w, m);
        return out;
    });
}

}  // namespace gw::media
