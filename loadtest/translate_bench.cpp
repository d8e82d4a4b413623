// translate-bench: the cost of translating one WebRTC offer each way, text to text, as the
// gateway does for every call. Prints the median over several rounds, in microseconds of this
// thread's CPU time per offer (on a shared machine wall-clock time also counts other processes).
//   usage: translate-bench [SDP_FILE] [--iterations N] [--rounds N]
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <vector>

#include <time.h>

#include "media/jingle_xml.hpp"
#include "media/translate.hpp"
#include "media/xml.hpp"

using namespace gw::media;

namespace {

struct Settings {
    std::string sample = GW_BENCH_SAMPLE;
    int iterations = 20000;
    int rounds = 7;
};

[[noreturn]] void die(const std::string& message) {
    std::fprintf(stderr, "translate-bench: %s\n", message.c_str());
    std::exit(1);
}

Settings parse_args(int argc, char** argv) {
    Settings s;
    for (int i = 1; i < argc; ++i) {
        std::string arg = argv[i];
        auto number = [&](const char* name) {
            if (i + 1 >= argc) die(std::string(name) + " needs a value");
            int value = std::atoi(argv[++i]);
            if (value <= 0) die(std::string(name) + " must be a positive number");
            return value;
        };
        if (arg == "--iterations") s.iterations = number("--iterations");
        else if (arg == "--rounds") s.rounds = number("--rounds");
        else if (!arg.empty() && arg[0] != '-') s.sample = arg;
        else die("usage: translate-bench [SDP_FILE] [--iterations N] [--rounds N]");
    }
    return s;
}

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) die("cannot read " + path);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

template <class T>
T must(Result<T> result, const char* step) {
    if (!result) die(std::string(step) + ": " + result.error());
    return std::move(result).value();
}

// SDP offer text -> Jingle session-initiate XML text.
std::string sdp_to_xml(const std::string& sdp_text) {
    ToJingleOptions options;
    options.sid = "bench";
    auto sdp = must(parse_sdp(sdp_text), "parse_sdp");
    auto session = must(sdp_to_jingle(sdp, options), "sdp_to_jingle");
    auto element = must(render_jingle(session), "render_jingle");
    return must(render_xml(element), "render_xml");
}

// Jingle element (as the gateway gets it from libstrophe) -> SDP offer text.
std::string element_to_sdp(const Element& element) {
    auto session = must(parse_jingle(element), "parse_jingle");
    auto sdp = must(jingle_to_sdp(session, ToSdpOptions{}), "jingle_to_sdp");
    return must(render_sdp(sdp), "render_sdp");
}

std::string xml_to_sdp(const std::string& xml_text) { return element_to_sdp(must(parse_xml(xml_text), "parse_xml")); }

double thread_cpu_us() {
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) * 1e6 + static_cast<double>(t.tv_nsec) / 1e3;
}

struct Timing {
    double median;
    double best;
};

Timing measure(const Settings& s, const std::function<std::size_t()>& once) {
    std::vector<double> rounds;
    std::size_t sink = 0;
    for (int r = 0; r < s.rounds; ++r) {
        const double start = thread_cpu_us();
        for (int i = 0; i < s.iterations; ++i) sink += once();
        rounds.push_back((thread_cpu_us() - start) / s.iterations);
    }
    if (sink == 0) die("nothing was produced");
    std::sort(rounds.begin(), rounds.end());
    return {rounds[rounds.size() / 2], rounds.front()};
}

void report(const char* what, Timing t, const char* note = "") {
    std::printf("  %-30s %7.2f us  %7.2f us%s\n", what, t.median, t.best, note);
}

}  // namespace

int main(int argc, char** argv) {
    const Settings s = parse_args(argc, argv);
    const std::string sdp_text = read_file(s.sample);
    const std::string xml_text = sdp_to_xml(sdp_text);
    const Element element = must(parse_xml(xml_text), "parse_xml");

    std::printf("sample: %s (%zu bytes SDP, %zu bytes Jingle XML)\n", s.sample.c_str(), sdp_text.size(), xml_text.size());
    std::printf("%d rounds of %d iterations; CPU time per offer, median and best round:\n", s.rounds, s.iterations);
    report("SDP text -> Jingle XML text", measure(s, [&] { return sdp_to_xml(sdp_text).size(); }));
    report("Jingle XML text -> SDP text", measure(s, [&] { return xml_to_sdp(xml_text).size(); }));
    report("Jingle Element -> SDP text", measure(s, [&] { return element_to_sdp(element).size(); }),
           "   (no XML text parsing, as from libstrophe)");
    report("of which: SDP parse", measure(s, [&] { return must(parse_sdp(sdp_text), "parse_sdp").media.size(); }));
    report("of which: XML parse", measure(s, [&] { return must(parse_xml(xml_text), "parse_xml").children.size(); }));
    return 0;
}
