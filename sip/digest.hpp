// Answers a 401/407 challenge with the credentials kept in a handle's context, once: a second
// challenge after them means they are wrong, and the failure is reported instead of looping.
#pragma once

struct nua_handle_s;
struct sip_s;

namespace gw::sip {

struct HandleContext;

// True when credentials were sent (the request is retried by Sofia).
bool answer_digest_challenge(nua_handle_s* nh, HandleContext& context, const sip_s* sip);

}  // namespace gw::sip
