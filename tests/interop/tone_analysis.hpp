// What a recording sounds like: baresip's sndfile WAV files read back, and the dominant
// frequency and level of a stretch of audio (Hann window, FFT, parabolic peak interpolation).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace gw::interop {

struct Recording {
    int sample_rate = 0;
    int channels = 0;
    std::vector<double> samples;  // the first channel, full scale +-32768
};

// A RIFF/WAVE file of 16-bit PCM or 32-bit float samples. A data chunk whose size was never
// written (the writer still has it open) counts up to the end of the file. nullopt if the file
// is missing or not such a WAV file.
std::optional<Recording> read_wav(const std::string& path);

struct ToneAnalysis {
    double frequency = 0;  // Hz, of the strongest component between 50 Hz and 4 kHz
    double rms = 0;        // full scale 32768
};

// Analyses `count` samples starting at `first` (clamped to what there is).
ToneAnalysis analyse_tone(const std::vector<double>& samples, int sample_rate, std::size_t first = 0,
                          std::size_t count = static_cast<std::size_t>(-1));

}  // namespace gw::interop
