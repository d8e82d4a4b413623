// The media oracles themselves: a tone analysis that could not tell 440 Hz from 770 Hz, or a
// classifier that took SIP for RTP, would make every audio check below meaningless.
#include "tests/interop/media_capture.hpp"
#include "tests/interop/tone_analysis.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <fstream>
#include <numbers>
#include <string>

#include "tests/rig/temp_dir.hpp"

using namespace gw::interop;

namespace {

std::vector<double> sine(double hz, int rate, double seconds, double amplitude = 8000) {
    std::vector<double> out;
    for (int i = 0; i < static_cast<int>(rate * seconds); ++i) {
        out.push_back(amplitude * std::sin(2 * std::numbers::pi * hz * i / rate));
    }
    return out;
}

void put16(std::ofstream& out, std::uint16_t v) { out.put(static_cast<char>(v & 0xff)).put(static_cast<char>(v >> 8)); }
void put32(std::ofstream& out, std::uint32_t v) {
    put16(out, static_cast<std::uint16_t>(v & 0xffff));
    put16(out, static_cast<std::uint16_t>(v >> 16));
}

}  // namespace

TEST_CASE("the tone analysis finds the frequency of a sine and tells it from silence") {
    for (const double hz : {440.0, 770.0, 1000.0}) {
        for (const int rate : {8000, 16000, 48000}) {
            const ToneAnalysis a = analyse_tone(sine(hz, rate, 1.0), rate);
            CHECK(a.frequency == doctest::Approx(hz).epsilon(0.01));
            CHECK(a.rms == doctest::Approx(8000 / std::sqrt(2.0)).epsilon(0.01));
        }
    }
    CHECK(analyse_tone(std::vector<double>(8000, 0.0), 8000).rms == 0);
    CHECK(analyse_tone({}, 8000).frequency == 0);
}

TEST_CASE("a 16-bit WAV file is read back, also when its data size was never written") {
    gw::rig::TempDir dir("gw-wav");
    const std::string path = dir.file("tone.wav");
    const auto samples = sine(440, 8000, 0.5);
    {
        std::ofstream out(path, std::ios::binary);
        out << "RIFF";
        put32(out, 0);
        out << "WAVEfmt ";
        put32(out, 16);
        put16(out, 1);
        put16(out, 2);  // stereo: the first channel is kept
        put32(out, 8000);
        put32(out, 8000 * 4);
        put16(out, 4);
        put16(out, 16);
        out << "data";
        put32(out, 0);  // as libsndfile leaves it until the file is closed
        for (const double s : samples) {
            put16(out, static_cast<std::uint16_t>(static_cast<std::int16_t>(s)));
            put16(out, 0);
        }
    }
    const auto rec = read_wav(path);
    REQUIRE(rec);
    CHECK(rec->sample_rate == 8000);
    CHECK(rec->channels == 2);
    CHECK(rec->samples.size() == samples.size());
    CHECK(analyse_tone(rec->samples, rec->sample_rate).frequency == doctest::Approx(440).epsilon(0.01));
    CHECK_FALSE(read_wav(dir.file("missing.wav")));
}

TEST_CASE("datagrams are told apart by their first byte (RFC 7983)") {
    const std::uint8_t stun[20] = {0x00, 0x01};
    const std::uint8_t dtls[13] = {22, 0xfe, 0xfd};
    const std::uint8_t rtp[12] = {0x80, 0x00};          // PCMU
    const std::uint8_t rtp_marker[12] = {0x80, 0xe0};   // marker bit, payload type 96
    const std::uint8_t rtcp[12] = {0x80, 200};          // sender report
    const std::string sip = "INVITE sip:bob@127.0.0.1 SIP/2.0\r\n";
    CHECK(classify_datagram(stun, sizeof stun) == DatagramKind::stun);
    CHECK(classify_datagram(dtls, sizeof dtls) == DatagramKind::dtls);
    CHECK(classify_datagram(rtp, sizeof rtp) == DatagramKind::rtp);
    CHECK(classify_datagram(rtp_marker, sizeof rtp_marker) == DatagramKind::rtp);
    CHECK(classify_datagram(rtcp, sizeof rtcp) == DatagramKind::rtcp);
    CHECK(classify_datagram(reinterpret_cast<const std::uint8_t*>(sip.data()), sip.size()) == DatagramKind::other);
}
