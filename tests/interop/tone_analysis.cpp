#include "tests/interop/tone_analysis.hpp"

#include "tests/rig/text_file.hpp"

#include <algorithm>
#include <cmath>
#include <complex>
#include <cstdint>
#include <cstring>
#include <numbers>

namespace gw::interop {
namespace {

std::uint32_t u32(const std::string& s, std::size_t at) {
    std::uint32_t v = 0;
    for (int i = 3; i >= 0; --i) v = (v << 8) | static_cast<std::uint8_t>(s[at + static_cast<std::size_t>(i)]);
    return v;
}

std::uint16_t u16(const std::string& s, std::size_t at) {
    return static_cast<std::uint16_t>(static_cast<std::uint8_t>(s[at]) | (static_cast<std::uint8_t>(s[at + 1]) << 8));
}

void fft(std::vector<std::complex<double>>& a) {
    const std::size_t n = a.size();
    for (std::size_t i = 1, j = 0; i < n; ++i) {
        std::size_t bit = n >> 1;
        for (; j & bit; bit >>= 1) j ^= bit;
        j ^= bit;
        if (i < j) std::swap(a[i], a[j]);
    }
    for (std::size_t len = 2; len <= n; len <<= 1) {
        const std::complex<double> w = std::polar(1.0, -2 * std::numbers::pi / static_cast<double>(len));
        for (std::size_t i = 0; i < n; i += len) {
            std::complex<double> c = 1;
            for (std::size_t k = 0; k < len / 2; ++k) {
                const std::complex<double> t = a[i + k + len / 2] * c;
                a[i + k + len / 2] = a[i + k] - t;
                a[i + k] += t;
                c *= w;
            }
        }
    }
}

}  // namespace

std::optional<Recording> read_wav(const std::string& path) {
    const std::string data = rig::read_text_file(path);  // binary-safe; empty when missing
    if (data.size() < 12 || data.compare(0, 4, "RIFF") != 0 || data.compare(8, 4, "WAVE") != 0) return std::nullopt;
    Recording rec;
    int format = 0;
    int bits = 0;
    for (std::size_t at = 12; at + 8 <= data.size();) {
        const std::string id = data.substr(at, 4);
        std::size_t size = u32(data, at + 4);
        const std::size_t body = at + 8;
        if (id == "fmt " && body + 16 <= data.size()) {
            format = u16(data, body);
            rec.channels = u16(data, body + 2);
            rec.sample_rate = static_cast<int>(u32(data, body + 4));
            bits = u16(data, body + 14);
        } else if (id == "data") {
            if (size == 0 || body + size > data.size()) size = data.size() - body;
            const bool pcm16 = format == 1 && bits == 16;
            const bool float32 = format == 3 && bits == 32;
            if (!(pcm16 || float32) || rec.channels < 1) return std::nullopt;
            const std::size_t frame = static_cast<std::size_t>(rec.channels) * (pcm16 ? 2 : 4);
            for (std::size_t f = body; f + frame <= body + size; f += frame) {
                if (pcm16) {
                    rec.samples.push_back(static_cast<std::int16_t>(u16(data, f)));
                } else {
                    float v = 0;
                    std::memcpy(&v, data.data() + f, 4);
                    rec.samples.push_back(static_cast<double>(v) * 32768.0);
                }
            }
            return rec;
        }
        at = body + size + (size % 2);
    }
    return std::nullopt;
}

ToneAnalysis analyse_tone(const std::vector<double>& samples, int sample_rate, std::size_t first, std::size_t count) {
    ToneAnalysis result;
    first = std::min(first, samples.size());
    count = std::min(count, samples.size() - first);
    if (count == 0 || sample_rate <= 0) return result;
    double sum = 0;
    for (std::size_t i = first; i < first + count; ++i) sum += samples[i] * samples[i];
    result.rms = std::sqrt(sum / static_cast<double>(count));
    std::size_t n = 1;
    while (n * 2 <= count && n * 2 <= 65536) n *= 2;
    if (n < 256) return result;
    std::vector<std::complex<double>> a(n);
    for (std::size_t i = 0; i < n; ++i) {
        const double hann = 0.5 - 0.5 * std::cos(2 * std::numbers::pi * static_cast<double>(i) / static_cast<double>(n - 1));
        a[i] = samples[first + i] * hann;
    }
    fft(a);
    const double bin_hz = static_cast<double>(sample_rate) / static_cast<double>(n);
    const auto lo = static_cast<std::size_t>(std::max(1.0, std::ceil(50 / bin_hz)));
    const auto hi = static_cast<std::size_t>(std::min(static_cast<double>(n / 2 - 2),
                                                      std::floor(std::min(4000.0, sample_rate / 2.0) / bin_hz)));
    const auto mag = [&](std::size_t k) { return std::log(std::abs(a[k]) + 1e-9); };
    std::size_t best = lo;
    for (std::size_t k = lo; k <= hi; ++k) {
        if (mag(k) > mag(best)) best = k;
    }
    const double l = mag(best - 1), m = mag(best), r = mag(best + 1);
    const double denom = l - 2 * m + r;
    const double shift = denom == 0 ? 0 : 0.5 * (l - r) / denom;
    result.frequency = (static_cast<double>(best) + shift) * bin_hz;
    return result;
}

}  // namespace gw::interop
