#include "tests/interop/phone_media.hpp"

#include <filesystem>
#include <string>

namespace gw::interop {

std::optional<ToneAnalysis> phone_heard(const rig::Baresip& phone) {
    std::string newest;
    for (const auto& entry : std::filesystem::directory_iterator(phone.directory())) {
        const std::string name = entry.path().filename().string();
        // dump-<date>-dec.wav: the names sort by time.
        if (name.starts_with("dump-") && name.ends_with("-dec.wav") && entry.path().string() > newest) {
            newest = entry.path().string();
        }
    }
    if (newest.empty()) return std::nullopt;
    const auto recording = read_wav(newest);
    if (!recording || recording->samples.size() < static_cast<std::size_t>(recording->sample_rate) / 2) return std::nullopt;
    const std::size_t n = recording->samples.size();
    return analyse_tone(recording->samples, recording->sample_rate, n / 4, n / 2);
}

}  // namespace gw::interop
