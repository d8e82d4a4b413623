#pragma once

struct _xmpp_ctx_t;
struct _xmpp_conn_t;

namespace gw::xmpp {

// libstrophe 0.12 allocates a connection's stream-management state only in
// xmpp_connect_client(), yet dereferences it when a component's <handshake/> arrives: the
// library's own component example segfaults. This borrows the state from a throwaway client
// connection whose socket setup is made to fail, and gives it to `component`.
// Returns false if the state could not be obtained.
bool give_component_sm_state(_xmpp_ctx_t* ctx, _xmpp_conn_t* component);

}  // namespace gw::xmpp
