#pragma once
// Bounds on everything the library accepts, so hostile input costs bounded memory and time.
// Real calls stay far below them: a browser offer with audio and video is ~6 KB, ~120 lines,
// 2-3 m= sections, ~40 payload types and ~20 candidates per section.
#include <cstddef>

namespace gw::media::limits {

inline constexpr std::size_t max_text_bytes = 64 * 1024;      // one SDP body or one XML text
inline constexpr std::size_t max_line_bytes = 4096;           // one SDP line
inline constexpr std::size_t max_value_bytes = 4096;          // one XML attribute value or text
inline constexpr std::size_t max_sdp_lines = 2000;
inline constexpr std::size_t max_media_sections = 32;         // m= sections, and Jingle contents
inline constexpr std::size_t max_attributes_per_section = 512;
inline constexpr std::size_t max_xml_depth = 32;
inline constexpr std::size_t max_xml_elements = 4000;
inline constexpr std::size_t max_xml_attributes = 64;         // per element
inline constexpr std::size_t max_payload_types = 128;         // per m= section (ids are 0..127)
inline constexpr std::size_t max_candidates = 128;            // per content, trickled ones included
inline constexpr std::size_t max_list_items = 256;            // sources, parameters, feedback... per owner

}  // namespace gw::media::limits
