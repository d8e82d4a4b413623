#include "media/trickle.hpp"

#include "media/candidate_id.hpp"
#include "media/error.hpp"
#include "media/limits.hpp"
#include "media/sdp_attributes.hpp"
#include "media/text_rules.hpp"

namespace gw::media {

namespace {

namespace sa = sdp_attr;

std::string where(unsigned line) { return "line " + std::to_string(line) + ": "; }

std::string word_of(std::string_view attribute, std::string_view value, unsigned line) {
    auto v = trim(value);
    if (v.empty() || v.find(' ') != std::string_view::npos || !is_printable(v)) {
        if (attribute == "ice-pwd") fail(where(line) + "a=ice-pwd: the value is not a single printable word");  // a secret
        fail(where(line) + "a=" + std::string(attribute) + ": '" + std::string(v.substr(0, 60)) +
             "' is not a single printable word");
    }
    return std::string(v);
}

void add_line(std::string& out, std::string_view line) {
    for (char c : line)
        if (c == '\r' || c == '\n' || c == '\0') fail("sdpfrag: a value contains CR, LF or NUL");
    out.append(line).append("\r\n");
}

const std::string& m_field(const std::string& value) {
    if (value.empty() || value.find(' ') != std::string::npos)
        fail("sdpfrag: m= field '" + value.substr(0, 40) + "' is empty or contains a space");
    return value;
}

// Index of the section of `sdp` that `media` (the i-th of its fragment) refers to.
std::optional<std::size_t> section_in(const SdpSession& sdp, const TrickleMedia& media, std::size_t i) {
    if (!media.mid.empty()) {
        for (std::size_t k = 0; k < sdp.media.size(); ++k) {
            const SdpAttribute* mid = sdp.media[k].find("mid");
            if (mid && mid->value && trim(*mid->value) == media.mid) return k;
        }
        return std::nullopt;
    }
    if (i < sdp.media.size()) return i;
    return std::nullopt;
}

std::string section_label(const TrickleMedia& media, std::size_t i) {
    return media.mid.empty() ? "section " + std::to_string(i + 1) : "mid '" + media.mid + "'";
}

class FragmentParser {
public:
    TrickleFragment run(std::string_view text) {
        if (text.size() > limits::max_text_bytes) fail("sdpfrag is longer than the limit");
        fragment_.ice_options_trickle = false;
        std::size_t pos = 0;
        unsigned number = 0;
        while (pos < text.size()) {
            std::size_t end = text.find('\n', pos);
            std::string_view line = text.substr(pos, end == std::string_view::npos ? end : end - pos);
            pos = end == std::string_view::npos ? text.size() : end + 1;
            take(line, ++number);
        }
        // Session-level credentials and end-of-candidates cover every section (RFC 8840 §9.2).
        for (auto& m : fragment_.media) {
            if (!m.ufrag) m.ufrag = ufrag_;
            if (!m.pwd) m.pwd = pwd_;
            m.end_of_candidates = m.end_of_candidates || end_;
        }
        return std::move(fragment_);
    }

private:
    void take(std::string_view line, unsigned number) {
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (line.find('\r') != std::string_view::npos) fail(where(number) + "carriage return inside a line");
        if (line.find('\0') != std::string_view::npos) fail(where(number) + "NUL byte");
        while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) line.remove_suffix(1);
        if (line.empty()) return;
        if (++lines_ > limits::max_sdp_lines) fail(where(number) + "more lines than the limit");
        if (line.size() > limits::max_line_bytes) fail(where(number) + "line is longer than the limit");
        if (line.size() < 2 || line[1] != '=') fail(where(number) + "expected '<letter>=<value>'");
        std::string_view value = line.substr(2);
        if (line[0] == 'm') {
            auto w = split_words(value);
            if (w.size() < 3) fail(where(number) + "m=: expected '<media> <port> <proto> <format>...'");
            if (fragment_.media.size() >= limits::max_media_sections) fail(where(number) + "more m= lines than the limit");
            TrickleMedia m;
            m.media = std::string(w[0]);
            if (!is_token(m.media)) fail(where(number) + "m=: media '" + m.media.substr(0, 40) + "' is not a token");
            m.proto = std::string(w[2]);
            m.formats.clear();
            for (std::size_t i = 3; i < w.size(); ++i) m.formats.emplace_back(w[i]);
            fragment_.media.push_back(std::move(m));
            return;
        }
        if (line[0] != 'a') fail(where(number) + std::string(1, line[0]) + "= is not allowed in an sdpfrag");
        auto colon = value.find(':');
        std::string_view name = value.substr(0, colon);
        std::string_view v = colon == std::string_view::npos ? std::string_view() : value.substr(colon + 1);
        TrickleMedia* m = fragment_.media.empty() ? nullptr : &fragment_.media.back();
        if (name == "ice-options") {
            for (auto option : split_words(v)) fragment_.ice_options_trickle |= option == "trickle";
        } else if (name == "group" && !m) {
            try {
                fragment_.groups.push_back(sa::parse_group(v));
            } catch (const MediaError& e) {
                throw MediaError(where(number) + e.what());
            }
        } else if (name == "ice-ufrag") {
            (m ? m->ufrag : ufrag_) = word_of(name, v, number);
        } else if (name == "ice-pwd") {
            (m ? m->pwd : pwd_) = word_of(name, v, number);
        } else if (name == "end-of-candidates") {
            (m ? m->end_of_candidates : end_) = true;
        } else if (name == "mid" && m) {
            m->mid = word_of(name, v, number);
        } else if (name == "candidate") {
            if (!m) fail(where(number) + "a=candidate before any m= line");
            if (m->candidates.size() >= limits::max_candidates) fail(where(number) + "more candidates than the limit");
            try {
                m->candidates.push_back(sa::parse_candidate(v));
            } catch (const MediaError& e) {
                throw MediaError(where(number) + e.what());
            }
        }
    }

    TrickleFragment fragment_;
    std::optional<std::string> ufrag_, pwd_;
    bool end_ = false;
    std::size_t lines_ = 0;
};

}  // namespace

Result<std::string> render_sdpfrag(const TrickleFragment& fragment) {
    return guarded([&] {
        std::string out;
        if (fragment.ice_options_trickle) add_line(out, "a=ice-options:trickle");
        for (const auto& g : fragment.groups) add_line(out, "a=group:" + sa::render_group(g));
        for (const auto& m : fragment.media) {
            if (!is_token(m.media)) fail("sdpfrag: media '" + m.media.substr(0, 40) + "' is not a token");
            std::string mline = "m=" + m.media + " 9 " + m_field(m.proto);
            for (const auto& f : m.formats) mline += " " + m_field(f);
            add_line(out, mline);
            if (!m.mid.empty()) {
                check_word("mid", m.mid);
                add_line(out, "a=mid:" + m.mid);
            }
            if (m.ufrag) {
                check_word("ufrag", *m.ufrag);
                add_line(out, "a=ice-ufrag:" + *m.ufrag);
            }
            if (m.pwd) {
                check_word("pwd", *m.pwd);
                add_line(out, "a=ice-pwd:" + *m.pwd);
            }
            for (const auto& c : m.candidates) add_line(out, "a=candidate:" + sa::render_candidate(c));
            if (m.end_of_candidates) add_line(out, "a=end-of-candidates");
        }
        return out;
    });
}

Result<TrickleFragment> parse_sdpfrag(std::string_view text) {
    return guarded([&] { return FragmentParser().run(text); });
}

Result<TrickleFragment> transport_info_to_sdpfrag(const JingleSession& transport_info,
                                                  const SdpSession* session_sdp) {
    return guarded([&] {
        TrickleFragment fragment;
        bool by_mid = true;
        if (session_sdp) {
            by_mid = false;
            for (const auto& m : session_sdp->media) by_mid = by_mid || m.has("mid");
        }
        for (const auto& content : transport_info.contents) {
            in_context([&] { return "content '" + content.name + "'"; }, [&] {
                const auto* ice = std::get_if<IceUdpTransport>(&content.transport);
                if (!ice) fail("transport-info without an ICE-UDP transport");
                TrickleMedia m;
                if (by_mid) m.mid = content.name;
                if (session_sdp) {
                    bool found = false;
                    for (std::size_t i = 0; i < session_sdp->media.size() && !found; ++i) {
                        if (content_name_for(*session_sdp, i) != content.name) continue;
                        const SdpMedia& known = session_sdp->media[i];
                        m.media = known.media;
                        m.proto = known.proto;
                        m.formats = known.formats;
                        found = true;
                    }
                    if (!found) fail("not a section of the session");
                }
                m.ufrag = ice->ufrag;
                m.pwd = ice->pwd;
                m.candidates = ice->candidates;
                for (auto& c : m.candidates) c.id.clear();
                fragment.media.push_back(std::move(m));
            });
        }
        // Without a=mid the receiver matches sections by position: every section must be there.
        if (session_sdp && !by_mid) {
            std::vector<TrickleMedia> ordered;
            for (std::size_t i = 0; i < session_sdp->media.size(); ++i) {
                TrickleMedia m;
                m.media = session_sdp->media[i].media;
                m.proto = session_sdp->media[i].proto;
                m.formats = session_sdp->media[i].formats;
                for (std::size_t k = 0; k < transport_info.contents.size(); ++k)
                    if (transport_info.contents[k].name == content_name_for(*session_sdp, i)) m = fragment.media[k];
                ordered.push_back(std::move(m));
            }
            fragment.media = std::move(ordered);
        }
        return fragment;
    });
}

Result<JingleSession> sdpfrag_to_transport_info(const TrickleFragment& fragment,
                                                const SdpSession* session_sdp,
                                                const ToJingleOptions& options) {
    return guarded([&] {
        if (options.sid.empty()) fail("no sid for the Jingle session");
        JingleSession session{"transport-info", options.sid, options.initiator, options.responder, {}, {}};
        for (std::size_t i = 0; i < fragment.media.size(); ++i) {
            const TrickleMedia& m = fragment.media[i];
            std::string name = m.mid;
            if (name.empty()) {
                if (!session_sdp || i >= session_sdp->media.size())
                    fail("sdpfrag " + section_label(m, i) + " has no a=mid and no known session section");
                name = content_name_for(*session_sdp, i);
            }
            if (m.candidates.empty() && !m.ufrag) continue;
            Content content;
            content.name = name;
            IceUdpTransport ice{m.ufrag, m.pwd, m.candidates, {}};
            for (auto& c : ice.candidates) {
                if (!c.generation) c.generation = 0;
                c.id = make_candidate_id(name, c);
            }
            content.transport = std::move(ice);
            if (session.find_content(name)) fail("two sdpfrag sections named '" + name + "'");
            session.contents.push_back(std::move(content));
        }
        return session;
    });
}

Result<void> add_sdpfrag(SdpSession& pending, const TrickleFragment& fragment) {
    return guarded([&] {
        SdpSession updated = pending;
        for (std::size_t i = 0; i < fragment.media.size(); ++i) {
            const TrickleMedia& m = fragment.media[i];
            auto index = section_in(updated, m, i);
            if (!index) fail("sdpfrag " + section_label(m, i) + " matches no m= section");
            SdpMedia& target = updated.media[*index];
            auto replace = [&target](const char* name, const std::string& value) {
                for (auto& a : target.attributes) {
                    if (a.name == name) {
                        a.value = value;
                        return;
                    }
                }
                target.add(name, value);
            };
            if (m.ufrag) replace("ice-ufrag", *m.ufrag);
            if (m.pwd) replace("ice-pwd", *m.pwd);
            std::size_t count = 0;
            for (const auto& a : target.attributes) count += a.name == "candidate";
            for (const auto& c : m.candidates) {
                std::string value = sa::render_candidate(c);
                bool known = false;
                for (const auto& a : target.attributes) known = known || (a.name == "candidate" && a.value == value);
                if (known) continue;
                if (++count > limits::max_candidates) fail("sdpfrag " + section_label(m, i) + ": more candidates than the limit");
                target.add("candidate", value);
            }
            if (m.end_of_candidates && !target.has("end-of-candidates")) target.add("end-of-candidates");
        }
        pending = std::move(updated);
    });
}

}  // namespace gw::media
