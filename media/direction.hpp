#pragma once
// Roles, Jingle `senders` and SDP directions, and the mapping between them. `senders` names who
// sends in absolute terms; an SDP direction is relative to whoever wrote the description.
#include <optional>
#include <string_view>

namespace gw::media {

enum class Role { initiator, responder };
enum class Senders { both, initiator, responder, none };
enum class Direction { sendrecv, sendonly, recvonly, inactive };

std::string_view to_string(Role role);
std::string_view to_string(Senders senders);
std::string_view to_string(Direction direction);
std::optional<Role> role_from_string(std::string_view text);
std::optional<Senders> senders_from_string(std::string_view text);
std::optional<Direction> direction_from_string(std::string_view text);

// writer: the role of the side whose description this is.
Direction direction_for(Senders senders, Role writer);
Senders senders_for(Direction direction, Role writer);

// Hold as RFC 3264 §8.4 describes it, seen from the holding side's own description:
// sendrecv -> sendonly, recvonly -> inactive; resuming undoes exactly that.
Direction hold(Direction current);
Direction resume(Direction current);

}  // namespace gw::media
