#include "media/cli/translate_command.hpp"

#include <cstdint>
#include <istream>
#include <iterator>
#include <optional>
#include <ostream>
#include <string_view>

#include "media/jingle_xml.hpp"
#include "media/limits.hpp"
#include "media/translate.hpp"
#include "media/trickle.hpp"
#include "media/xml.hpp"

namespace gw::media {

namespace {

constexpr std::string_view kUsage =
    "usage: xmpp-sip-gateway translate jingle-to-sdp [--role initiator|responder]\n"
    "       xmpp-sip-gateway translate sdp-to-jingle [--action session-initiate|session-accept|transport-info]\n"
    "                                                [--sid ID] [--role initiator|responder]\n"
    "                                                [--bare-tokens empty-name|name-only]\n"
    "\n"
    "jingle-to-sdp reads a <jingle/> element, or an <iq/> holding one, and prints the SDP (CRLF line\n"
    "ends); a transport-info becomes an RFC 8840 application/trickle-ice-sdpfrag body.\n"
    "sdp-to-jingle reads an SDP body (an sdpfrag for --action transport-info) and prints the\n"
    "<jingle/> element.\n"
    "--role is the Jingle role of the side that wrote the input; by default the initiator,\n"
    "or the responder for session-accept. The sid defaults to one derived from the input.\n"
    "Exit status: 0 translated, 1 the input cannot be translated, 2 usage error.\n";

struct Options {
    std::string direction;
    std::optional<Role> role;
    std::string action = "session-initiate";
    std::optional<std::string> sid;
    BareTokenStyle bare_tokens = BareTokenStyle::empty_name;
};

struct UsageError {
    std::string message;
};

Options parse_options(const std::vector<std::string>& args) {
    if (args.empty()) throw UsageError{"missing jingle-to-sdp or sdp-to-jingle"};
    Options o;
    o.direction = args[0];
    if (o.direction != "jingle-to-sdp" && o.direction != "sdp-to-jingle")
        throw UsageError{"unknown translation '" + o.direction + "'"};
    for (std::size_t i = 1; i < args.size(); ++i) {
        std::string name = args[i];
        std::optional<std::string> value;
        if (auto eq = name.find('='); eq != std::string::npos) {
            value = name.substr(eq + 1);
            name.resize(eq);
        } else if (i + 1 < args.size()) {
            value = args[++i];
        }
        if (!value) throw UsageError{"option " + name + " needs a value"};
        const bool to_jingle = o.direction == "sdp-to-jingle";
        if (name == "--role") {
            o.role = role_from_string(*value);
            if (!o.role) throw UsageError{"--role must be initiator or responder"};
        } else if (name == "--action" && to_jingle) {
            if (*value != "session-initiate" && *value != "session-accept" && *value != "transport-info")
                throw UsageError{"--action must be session-initiate, session-accept or transport-info"};
            o.action = *value;
        } else if (name == "--sid" && to_jingle) {
            if (value->empty()) throw UsageError{"--sid must not be empty"};
            o.sid = *value;
        } else if (name == "--bare-tokens" && to_jingle) {
            if (*value == "empty-name") o.bare_tokens = BareTokenStyle::empty_name;
            else if (*value == "name-only") o.bare_tokens = BareTokenStyle::name_only;
            else throw UsageError{"--bare-tokens must be empty-name or name-only"};
        } else {
            throw UsageError{"unknown option " + name + " for " + o.direction};
        }
    }
    return o;
}

// A deterministic stand-in for values a call would take from its context (sid, o= session id).
std::uint64_t digest(std::string_view text) {
    std::uint64_t hash = 14695981039346656037ull;
    for (char c : text) {
        hash ^= static_cast<unsigned char>(c);
        hash *= 1099511628211ull;
    }
    return hash >> 2;  // stays below 2^62, as RFC 3264 suggests for o= session ids
}

Role default_role(std::string_view action) {
    return action == "session-accept" || action == "content-accept" ? Role::responder : Role::initiator;
}

Result<std::string> jingle_to_sdp_text(const std::string& input, const Options& o) {
    auto root = parse_xml(input);
    if (!root) return Error{root.error()};
    const Element* jingle = find_jingle(*root);
    if (!jingle) return Error{"input is neither <jingle xmlns='urn:xmpp:jingle:1'/> nor an <iq/> holding one"};
    auto session = parse_jingle(*jingle);
    if (!session) return Error{session.error()};
    if (session->action == "transport-info") {
        auto fragment = transport_info_to_sdpfrag(*session, nullptr);
        if (!fragment) return Error{fragment.error()};
        return render_sdpfrag(*fragment);
    }
    ToSdpOptions options;
    options.writer = o.role.value_or(default_role(session->action));
    options.origin.session_id = std::to_string(digest(session->sid));
    options.origin.address = "0.0.0.0";
    auto sdp = jingle_to_sdp(*session, options);
    if (!sdp) return Error{sdp.error()};
    return render_sdp(*sdp);
}

Result<std::string> sdp_to_jingle_text(const std::string& input, const Options& o) {
    ToJingleOptions options;
    options.action = o.action;
    options.writer = o.role.value_or(default_role(o.action));
    options.sid = o.sid.value_or("gw" + std::to_string(digest(input)));
    Result<JingleSession> session = Error{};
    if (o.action == "transport-info") {
        auto fragment = parse_sdpfrag(input);
        if (!fragment) return Error{fragment.error()};
        session = sdpfrag_to_transport_info(*fragment, nullptr, options);
    } else {
        auto sdp = parse_sdp(input);
        if (!sdp) return Error{sdp.error()};
        session = sdp_to_jingle(*sdp, options);
    }
    if (!session) return Error{session.error()};
    auto element = render_jingle(*session, JingleRenderOptions{o.bare_tokens});
    if (!element) return Error{element.error()};
    auto text = render_xml(*element);
    if (!text) return Error{text.error()};
    return *text + "\n";
}

}  // namespace

int run_translate_command(const std::vector<std::string>& args, std::istream& in, std::ostream& out,
                          std::ostream& err) {
    if (!args.empty() && (args[0] == "--help" || args[0] == "-h" || args[0] == "help")) {
        out << kUsage;
        return 0;
    }
    Options options;
    try {
        options = parse_options(args);
    } catch (const UsageError& e) {
        err << "translate: " << e.message << "\n" << kUsage;
        return 2;
    }
    // Read one byte past the limit so that an oversized input is reported, not truncated.
    std::string input;
    std::istreambuf_iterator<char> it(in), end;
    while (it != end && input.size() <= limits::max_text_bytes) input.push_back(*it++);
    if (input.size() > limits::max_text_bytes) {
        err << "translate: input is longer than " << limits::max_text_bytes << " bytes\n";
        return 1;
    }
    auto result = options.direction == "jingle-to-sdp" ? jingle_to_sdp_text(input, options)
                                                       : sdp_to_jingle_text(input, options);
    if (!result) {
        err << "translate: " << result.error() << "\n";
        return 1;
    }
    out << *result;
    return out ? 0 : 1;
}

}  // namespace gw::media
