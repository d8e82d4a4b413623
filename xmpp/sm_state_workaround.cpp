#include "xmpp/sm_state_workaround.hpp"

#include <strophe.h>

namespace gw::xmpp {
namespace {
int refuse_socket(xmpp_conn_t*, void*) { return -1; }
void ignore_event(xmpp_conn_t*, xmpp_conn_event_t, int, xmpp_stream_error_t*, void*) {}
}  // namespace

bool give_component_sm_state(xmpp_ctx_t* ctx, xmpp_conn_t* component) {
    xmpp_conn_t* donor = xmpp_conn_new(ctx);
    if (donor == nullptr) return false;
    xmpp_conn_set_jid(donor, "sm-state@donor.invalid");
    xmpp_conn_set_sockopt_callback(donor, &refuse_socket);
    // Fails by design (the sockopt callback vetoes the socket), after allocating the state.
    // An IP literal keeps getaddrinfo from touching the network.
    xmpp_connect_client(donor, "127.0.0.1", 9, &ignore_event, nullptr);
    xmpp_sm_state_t* state = xmpp_conn_get_sm_state(donor);
    bool given = state != nullptr && xmpp_conn_set_sm_state(component, state) == XMPP_EOK;
    if (state != nullptr && !given) xmpp_free_sm_state(state);
    xmpp_conn_release(donor);
    return given;
}

}  // namespace gw::xmpp
