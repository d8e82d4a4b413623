// The one place that includes Sofia-SIP's NUA headers. The magic types are defined first so that
// every Sofia callback receives typed context instead of void* (see docs/architecture.md).
#pragma once

namespace gw::sip {
class UserAgent;
struct HandleContext;
class SofiaLoop;
}  // namespace gw::sip

#define SU_ROOT_MAGIC_T gw::sip::SofiaLoop
#define NUA_MAGIC_T gw::sip::UserAgent
#define NUA_HMAGIC_T gw::sip::HandleContext

#include <sofia-sip/nua.h>
#include <sofia-sip/nua_tag.h>
#include <sofia-sip/sip_header.h>
#include <sofia-sip/sip_status.h>
#include <sofia-sip/su_log.h>
#include <sofia-sip/su_string.h>
#include <sofia-sip/su_tag.h>
#include <sofia-sip/su_wait.h>
#include <sofia-sip/tport_tag.h>
