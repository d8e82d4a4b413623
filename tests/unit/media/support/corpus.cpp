#include "corpus.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace gw::media::test {

std::filesystem::path data_dir() { return GW_TEST_DATA_DIR; }

std::vector<std::filesystem::path> corpus(std::string_view subdir, std::string_view suffix) {
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(data_dir() / subdir)) {
        const std::string name = entry.path().filename().string();
        if (name.size() >= suffix.size() && name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0)
            files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    return files;
}

std::string read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + path.string());
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

Role sdp_writer(const std::filesystem::path& sample) {
    return sample.filename().string().find("answer") != std::string::npos ? Role::responder : Role::initiator;
}

std::string sdp_action(const std::filesystem::path& sample) {
    return sdp_writer(sample) == Role::responder ? "session-accept" : "session-initiate";
}

}  // namespace gw::media::test
