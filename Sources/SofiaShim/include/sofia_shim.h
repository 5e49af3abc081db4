#ifndef SOFIA_SHIM_H
#define SOFIA_SHIM_H

/* Same libc-first prelude as CSofiaSIP/shim.h (see there why). */
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>
#include <sys/types.h>
#include <sys/socket.h>
#include <sys/select.h>
#include <poll.h>
#include <netinet/in.h>
#include <netdb.h>
#include <pthread.h>
#include <time.h>

#include <sofia-sip/su.h>
#include <sofia-sip/su_wait.h>
#include <sofia-sip/su_tag.h>
#include <sofia-sip/nua.h>
#include <sofia-sip/nua_tag.h>
#include <sofia-sip/sip.h>
#include <sofia-sip/url.h>

/* Sofia's API takes variadic tag lists, which Swift cannot call. Each ss_*tag* function returns
   one tag item; Swift builds an array ending in ss_tag_end() and the ss_nua_* wrappers forward it
   with TAG_NEXT. String tag values are deep-copied by nua, so Swift strings may die afterwards. */

tagi_t ss_tag_end(void);
tagi_t ss_nutag_url(const char *url);
tagi_t ss_nutag_proxy(const char *url);   /* the handle's next hop for all its requests */
tagi_t ss_nutag_media_enable(int enable);
tagi_t ss_nutag_allow(const char *methods);
tagi_t ss_nutag_appl_method(const char *methods);
tagi_t ss_nutag_autoanswer(int enable);
tagi_t ss_nutag_autoack(int enable);
tagi_t ss_nutag_m_username(const char *user);
tagi_t ss_nutag_with_this(nua_t *nua);
tagi_t ss_ntatag_udp_mtu(unsigned mtu);
tagi_t ss_ntatag_sip_t1x64(unsigned milliseconds);
/* Largest SIP message accepted (bytes); larger ones are refused by nta. */
tagi_t ss_ntatag_maxsize(size_t bytes);
/* A TCP connection with no traffic for this long is closed (ms). */
tagi_t ss_tptag_idle(unsigned milliseconds);
/* A message that has not arrived whole within this long closes its connection (ms). */
tagi_t ss_tptag_timeout(unsigned milliseconds);
/* 2: answer to the request's source address and port even when its Via has no rport (RFC 3581, forced). */
tagi_t ss_ntatag_server_rport(int mode);
tagi_t ss_ntatag_tcp_rport(int enabled);
/* CRLF keep-alives on idle TCP/TLS connections, every this many milliseconds. */
tagi_t ss_tptag_keepalive(unsigned milliseconds);
/* SIP over TLS: the sips: URL the TLS listener binds, the folder holding agent.pem and
   cafile.pem, and the TLS method (0: negotiate the newest both sides speak; 1 would be TLS 1.0 only). */
tagi_t ss_nutag_sips_url(const char *url);
tagi_t ss_nutag_certificate_dir(const char *dir);
tagi_t ss_tptag_tls_version(unsigned version);
tagi_t ss_siptag_user_agent_str(const char *value);
tagi_t ss_siptag_allow_str(const char *value);
tagi_t ss_siptag_server_str(const char *value);
tagi_t ss_siptag_content_type_str(const char *value);
tagi_t ss_siptag_payload_str(const char *value);
tagi_t ss_siptag_www_authenticate_str(const char *value);
tagi_t ss_siptag_retry_after_str(const char *value);
tagi_t ss_siptag_contact_str(const char *value);
tagi_t ss_siptag_from_str(const char *value);
tagi_t ss_siptag_to_str(const char *value);
tagi_t ss_siptag_header_str(const char *value);

/* REFER (RFC 3515): the implicit subscription's state on our NOTIFYs (nua_substate_active,
   nua_substate_terminated) and the Event it belongs to ("refer" or "refer;id=N"). */
tagi_t ss_nutag_substate(int state);
tagi_t ss_siptag_event_str(const char *value);

nua_t *ss_nua_create(su_root_t *root, nua_callback_f callback, void *magic, const tagi_t *tags);
nua_handle_t *ss_nua_handle(nua_t *nua, void *hmagic, const tagi_t *tags);
/* phrase: NULL for the standard phrase, otherwise interned (nua keeps the pointer, not a copy). */
void ss_nua_respond(nua_handle_t *nh, int status, const char *phrase, const tagi_t *tags);
void ss_nua_invite(nua_handle_t *nh, const tagi_t *tags);
void ss_nua_bye(nua_handle_t *nh);
void ss_nua_options(nua_handle_t *nh);
/* Handle parameters (NUTAG_PROXY: the next hop of all the handle's requests); applied before
   requests made on the handle afterwards. */
void ss_nua_set_hparams(nua_handle_t *nh, const tagi_t *tags);
void ss_nua_cancel(nua_handle_t *nh);
void ss_nua_shutdown(nua_t *nua);
/* A NOTIFY on the handle's subscription (REFER's implicit one: tags say which and its state). */
void ss_nua_notify(nua_handle_t *nh, const tagi_t *tags);
/* The request the callback is about, with a reference taken, so that it can be answered after the
   callback returns (ss_nua_respond_to); give it back with ss_msg_unref. NULL outside a request. */
msg_t *ss_current_request_ref(nua_t *nua);
/* Answers that request (a REFER the application decides on) with the standard phrase. */
void ss_nua_respond_to(nua_handle_t *nh, msg_t *request, int status, const tagi_t *tags);
void ss_msg_unref(msg_t *msg);

/* Returns a process-lifetime copy of phrase (same pointer for equal strings). */
const char *ss_intern(const char *phrase);

/* Reading what a callback hands over. Returned char * are malloc'd: the caller frees them. */
int ss_tags_callstate(const tagi_t *tags);            /* -1 when the tag is absent */
char *ss_url_dup(const url_t *url);
char *ss_header_dup(const void *header);              /* the header's field value */
char *ss_current_source_dup(nua_t *nua);              /* "ip:port" of the current request */
const char *ss_current_transport(nua_t *nua);
char *ss_tags_refer_event_dup(const tagi_t *tags);   /* NUTAG_REFER_EVENT's value, e.g. "refer;id=3" */
char *ss_refer_to_dup(const sip_t *sip);             /* Refer-To's URI with its ?headers; NULL if absent or unparsable */
char *ss_referred_by_dup(const sip_t *sip);          /* Referred-By's URI; NULL if absent */            /* "udp", "tcp", "tls" of the current request (top Via) */

/* Our account at a carrier (trunk): answering its digest challenges and registering with it.
   ss_nua_authenticate takes Sofia's credential string, `Digest:"realm":user:password` (the realm
   quoted as the challenge gives it; user and password without colons). */
void ss_nua_authenticate(nua_handle_t *nh, const char *credentials);
void ss_nua_register(nua_handle_t *nh, const tagi_t *tags);
void ss_nua_unregister(nua_handle_t *nh, const tagi_t *tags);
tagi_t ss_nutag_registrar(const char *url);
/* Sofia's outbound options for a registration ("no-validate no-options-keepalive" and the like). */
tagi_t ss_nutag_outbound(const char *options);
tagi_t ss_siptag_expires_str(const char *value);
/* The realm of a 401's WWW-Authenticate or a 407's Proxy-Authenticate, quoted as sent; NULL if none. */
char *ss_challenge_realm_dup(const sip_t *sip);

/* Runs fn(ctx) on the thread running root. Callable from any thread. 0 on success. */
typedef void (*ss_fn)(void *ctx);
int ss_root_post(su_root_t *root, ss_fn fn, void *ctx);

/* Sofia logs through one process-wide hook; lines go to the sink of the thread that logs them. */
typedef void (*ss_log_fn)(void *ctx, const char *line);
void ss_log_install(void);
void ss_log_set_thread_sink(ss_log_fn fn, void *ctx);
/* Last log line of this thread that mentions a failed bind (empty if none). */
const char *ss_log_last_bind_error(void);

#endif
