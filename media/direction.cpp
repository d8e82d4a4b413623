#include "media/direction.hpp"

namespace gw::media {

std::string_view to_string(Role role) {
    switch (role) {
    case Role::initiator: return "initiator";
    case Role::responder: return "responder";
    }
    return "?";
}

std::string_view to_string(Senders senders) {
    switch (senders) {
    case Senders::both: return "both";
    case Senders::initiator: return "initiator";
    case Senders::responder: return "responder";
    case Senders::none: return "none";
    }
    return "?";
}

std::string_view to_string(Direction direction) {
    switch (direction) {
    case Direction::sendrecv: return "sendrecv";
    case Direction::sendonly: return "sendonly";
    case Direction::recvonly: return "recvonly";
    case Direction::inactive: return "inactive";
    }
    return "?";
}

std::optional<Role> role_from_string(std::string_view text) {
    if (text == "initiator") return Role::initiator;
    if (text == "responder") return Role::responder;
    return std::nullopt;
}

std::optional<Senders> senders_from_string(std::string_view text) {
    if (text == "both") return Senders::both;
    if (text == "initiator") return Senders::initiator;
    if (text == "responder") return Senders::responder;
    if (text == "none") return Senders::none;
    return std::nullopt;
}

std::optional<Direction> direction_from_string(std::string_view text) {
    if (text == "sendrecv") return Direction::sendrecv;
    if (text == "sendonly") return Direction::sendonly;
    if (text == "recvonly") return Direction::recvonly;
    if (text == "inactive") return Direction::inactive;
    return std::nullopt;
}

Direction direction_for(Senders senders, Role writer) {
    switch (senders) {
    case Senders::both: return Direction::sendrecv;
    case Senders::none: return Direction::inactive;
    case Senders::initiator:
        return writer == Role::initiator ? Direction::sendonly : Direction::recvonly;
    case Senders::responder:
        return writer == Role::responder ? Direction::sendonly : Direction::recvonly;
    }
    return Direction::sendrecv;
}

Senders senders_for(Direction direction, Role writer) {
    const Senders self = writer == Role::initiator ? Senders::initiator : Senders::responder;
    const Senders other = writer == Role::initiator ? Senders::responder : Senders::initiator;
    switch (direction) {
    case Direction::sendrecv: return Senders::both;
    case Direction::inactive: return Senders::none;
    case Direction::sendonly: return self;
    case Direction::recvonly: return other;
    }
    return Senders::both;
}

Direction hold(Direction current) {
    switch (current) {
    case Direction::sendrecv: return Direction::sendonly;
    case Direction::recvonly: return Direction::inactive;
    case Direction::sendonly:
    case Direction::inactive: return current;
    }
    return current;
}

Direction resume(Direction current) {
    switch (current) {
    case Direction::sendonly: return Direction::sendrecv;
    case Direction::inactive: return Direction::recvonly;
    case Direction::sendrecv:
    case Direction::recvonly: return current;
    }
    return current;
}

}  // namespace gw::media
