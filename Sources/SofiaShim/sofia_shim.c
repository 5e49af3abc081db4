#include "sofia_shim.h"

#include <stdarg.h>
#include <strings.h>
#include <sofia-sip/su_log.h>
#include <sofia-sip/sip_header.h>
#include <sofia-sip/sip_status.h>
#include <sofia-sip/sip_tag.h>
#include <sofia-sip/nta_tag.h>
#include <sofia-sip/tport_tag.h>
#include <sofia-sip/msg_addr.h>
#include <sofia-sip/msg_header.h>
#include <sofia-sip/su_string.h>

#define TAGCTOR(name, T, MACRO) tagi_t name(T x) { tagi_t t = { MACRO(x) }; return t; }

tagi_t ss_tag_end(void) { tagi_t t = { TAG_END() }; return t; }
TAGCTOR(ss_nutag_url, const char *, NUTAG_URL)
TAGCTOR(ss_nutag_proxy, const char *, NUTAG_PROXY)
TAGCTOR(ss_nutag_media_enable, int, NUTAG_MEDIA_ENABLE)
TAGCTOR(ss_nutag_allow, const char *, NUTAG_ALLOW)
TAGCTOR(ss_nutag_appl_method, const char *, NUTAG_APPL_METHOD)
TAGCTOR(ss_nutag_autoanswer, int, NUTAG_AUTOANSWER)
TAGCTOR(ss_nutag_autoack, int, NUTAG_AUTOACK)
TAGCTOR(ss_nutag_m_username, const char *, NUTAG_M_USERNAME)
TAGCTOR(ss_nutag_with_this, nua_t *, NUTAG_WITH_THIS)
TAGCTOR(ss_nutag_substate, int, NUTAG_SUBSTATE)
TAGCTOR(ss_siptag_event_str, const char *, SIPTAG_EVENT_STR)
TAGCTOR(ss_ntatag_udp_mtu, unsigned, NTATAG_UDP_MTU)
TAGCTOR(ss_ntatag_sip_t1x64, unsigned, NTATAG_SIP_T1X64)
TAGCTOR(ss_ntatag_maxsize, size_t, NTATAG_MAXSIZE)
TAGCTOR(ss_tptag_idle, unsigned, TPTAG_IDLE)
TAGCTOR(ss_tptag_timeout, unsigned, TPTAG_TIMEOUT)
TAGCTOR(ss_ntatag_server_rport, int, NTATAG_SERVER_RPORT)
TAGCTOR(ss_ntatag_tcp_rport, int, NTATAG_TCP_RPORT)
TAGCTOR(ss_tptag_keepalive, unsigned, TPTAG_KEEPALIVE)
TAGCTOR(ss_nutag_sips_url, const char *, NUTAG_SIPS_URL)
TAGCTOR(ss_nutag_certificate_dir, const char *, NUTAG_CERTIFICATE_DIR)
TAGCTOR(ss_tptag_tls_version, unsigned, TPTAG_TLS_VERSION)
TAGCTOR(ss_siptag_user_agent_str, const char *, SIPTAG_USER_AGENT_STR)
TAGCTOR(ss_siptag_allow_str, const char *, SIPTAG_ALLOW_STR)
TAGCTOR(ss_siptag_server_str, const char *, SIPTAG_SERVER_STR)
TAGCTOR(ss_siptag_content_type_str, const char *, SIPTAG_CONTENT_TYPE_STR)
TAGCTOR(ss_siptag_payload_str, const char *, SIPTAG_PAYLOAD_STR)
TAGCTOR(ss_siptag_www_authenticate_str, const char *, SIPTAG_WWW_AUTHENTICATE_STR)
TAGCTOR(ss_siptag_retry_after_str, const char *, SIPTAG_RETRY_AFTER_STR)
TAGCTOR(ss_siptag_contact_str, const char *, SIPTAG_CONTACT_STR)
TAGCTOR(ss_siptag_from_str, const char *, SIPTAG_FROM_STR)
TAGCTOR(ss_siptag_to_str, const char *, SIPTAG_TO_STR)
TAGCTOR(ss_siptag_header_str, const char *, SIPTAG_HEADER_STR)

nua_t *ss_nua_create(su_root_t *root, nua_callback_f callback, void *magic, const tagi_t *tags)
{
  return nua_create(root, callback, (nua_magic_t *)magic, TAG_NEXT(tags));
}

nua_handle_t *ss_nua_handle(nua_t *nua, void *hmagic, const tagi_t *tags)
{
  return nua_handle(nua, (nua_hmagic_t *)hmagic, TAG_NEXT(tags));
}

void ss_nua_respond(nua_handle_t *nh, int status, const char *phrase, const tagi_t *tags)
{
  nua_respond(nh, status, phrase ? ss_intern(phrase) : sip_status_phrase(status), TAG_NEXT(tags));
}

void ss_nua_invite(nua_handle_t *nh, const tagi_t *tags) { nua_invite(nh, TAG_NEXT(tags)); }
void ss_nua_bye(nua_handle_t *nh) { nua_bye(nh, TAG_END()); }
void ss_nua_options(nua_handle_t *nh) { nua_options(nh, TAG_END()); }
void ss_nua_set_hparams(nua_handle_t *nh, const tagi_t *tags) { nua_set_hparams(nh, TAG_NEXT(tags)); }
void ss_nua_cancel(nua_handle_t *nh) { nua_cancel(nh, TAG_END()); }
void ss_nua_shutdown(nua_t *nua) { nua_shutdown(nua); }
void ss_nua_notify(nua_handle_t *nh, const tagi_t *tags) { nua_notify(nh, TAG_NEXT(tags)); }

msg_t *ss_current_request_ref(nua_t *nua)
{
  msg_t *msg = nua_current_request(nua);
  return msg ? msg_ref_create(msg) : NULL;
}

void ss_nua_respond_to(nua_handle_t *nh, msg_t *request, int status, const tagi_t *tags)
{
  nua_respond(nh, status, sip_status_phrase(status), NUTAG_WITH(request), TAG_NEXT(tags));
}

void ss_msg_unref(msg_t *msg) { if (msg) msg_destroy(msg); }

/* ---- accounts at carriers -------------------------------------------------------------- */

void ss_nua_authenticate(nua_handle_t *nh, const char *credentials)
{
  nua_authenticate(nh, NUTAG_AUTH(credentials), TAG_END());
}

void ss_nua_register(nua_handle_t *nh, const tagi_t *tags) { nua_register(nh, TAG_NEXT(tags)); }
void ss_nua_unregister(nua_handle_t *nh, const tagi_t *tags) { nua_unregister(nh, TAG_NEXT(tags)); }
tagi_t ss_nutag_registrar(const char *url) { tagi_t t = { NUTAG_REGISTRAR((url_string_t const *)url) }; return t; }
TAGCTOR(ss_nutag_outbound, const char *, NUTAG_OUTBOUND)
TAGCTOR(ss_siptag_expires_str, const char *, SIPTAG_EXPIRES_STR)

char *ss_challenge_realm_dup(const sip_t *sip)
{
  if (sip == NULL) return NULL;
  msg_auth_t const *challenge = sip->sip_proxy_authenticate ? sip->sip_proxy_authenticate : sip->sip_www_authenticate;
  for (; challenge; challenge = challenge->au_next) {
    if (challenge->au_scheme == NULL || strcasecmp(challenge->au_scheme, "Digest") != 0 || challenge->au_params == NULL)
      continue;
    for (int i = 0; challenge->au_params[i]; i++) {
      char const *param = challenge->au_params[i];
      if (strncasecmp(param, "realm=", 6) == 0) return strdup(param + 6);
    }
  }
  return NULL;
}

/* ---- phrases ---------------------------------------------------------------------------- */

struct ss_phrase { struct ss_phrase *next; char text[]; };
static struct ss_phrase *phrases;
static pthread_mutex_t phrases_lock = PTHREAD_MUTEX_INITIALIZER;

const char *ss_intern(const char *phrase)
{
  if (phrase == NULL) return NULL;
  pthread_mutex_lock(&phrases_lock);
  struct ss_phrase *p;
  for (p = phrases; p; p = p->next)
    if (strcmp(p->text, phrase) == 0) break;
  if (p == NULL) {
    size_t n = strlen(phrase);
    p = malloc(sizeof *p + n + 1);
    if (p) { memcpy(p->text, phrase, n + 1); p->next = phrases; phrases = p; }
  }
  pthread_mutex_unlock(&phrases_lock);
  return p ? p->text : "";
}

/* ---- readers ---------------------------------------------------------------------------- */

int ss_tags_callstate(const tagi_t *tags)
{
  int state = -1;
  tl_gets(tags, NUTAG_CALLSTATE_REF(state), TAG_END());
  return state;
}

char *ss_url_dup(const url_t *url)
{
  if (url == NULL) return NULL;
  issize_t n = url_e(NULL, 0, url);
  if (n < 0) return NULL;
  char *s = malloc((size_t)n + 1);
  if (s == NULL) return NULL;
  url_e(s, n + 1, url);
  s[n] = '\0';
  return s;
}

char *ss_header_dup(const void *header)
{
  if (header == NULL) return NULL;
  size_t size = 256;
  for (int attempt = 0; attempt < 8; attempt++, size *= 4) {
    char *s = malloc(size);
    if (s == NULL) return NULL;
    issize_t n = msg_header_field_e(s, size, (msg_header_t const *)header, 0);
    /* msg_header_field_e returns what it wrote when the buffer is too small, not what it needs:
       a value that fills the buffer may be cut (an Authorization over 255 bytes lost its nc), so
       only one with room to spare is whole. */
    if (n >= 0 && (size_t)n + 1 < size) { s[n] = '\0'; return s; }
    free(s);
  }
  return NULL;
}

char *ss_current_source_dup(nua_t *nua)
{
  msg_t *msg = nua_current_request(nua);
  if (msg == NULL) return NULL;
  su_addrinfo_t *ai = msg_addrinfo(msg);
  if (ai == NULL || ai->ai_addr == NULL) return NULL;
  char host[NI_MAXHOST], port[NI_MAXSERV];
  if (getnameinfo(ai->ai_addr, (socklen_t)ai->ai_addrlen, host, sizeof host, port, sizeof port,
                  NI_NUMERICHOST | NI_NUMERICSERV) != 0)
    return NULL;
  size_t n = strlen(host) + strlen(port) + 4;
  char *s = malloc(n);
  if (s == NULL) return NULL;
  if (strchr(host, ':')) snprintf(s, n, "[%s]:%s", host, port);
  else snprintf(s, n, "%s:%s", host, port);
  return s;
}

/* The transport the current request came over, from its top Via ("udp", "tcp", "tls"; NULL when
 * unknown). Not freed by the caller: a static string. */
const char *ss_current_transport(nua_t *nua)
{
  msg_t *msg = nua_current_request(nua);
  if (msg == NULL) return NULL;
  sip_t const *sip = sip_object(msg);
  if (sip == NULL || sip->sip_via == NULL || sip->sip_via->v_protocol == NULL) return NULL;
  char const *protocol = sip->sip_via->v_protocol;
  if (strcasecmp(protocol, "SIP/2.0/UDP") == 0) return "udp";
  if (strcasecmp(protocol, "SIP/2.0/TCP") == 0) return "tcp";
  if (strcasecmp(protocol, "SIP/2.0/TLS") == 0) return "tls";
  return NULL;
}

/* ---- posting to the sofia thread -------------------------------------------------------- */

struct ss_post { ss_fn fn; void *ctx; };

static void ss_deliver(su_root_magic_t *magic, su_msg_r msg, su_msg_arg_t *arg)
{
  struct ss_post *p = (struct ss_post *)arg;
  (void)magic; (void)msg;
  p->fn(p->ctx);
}

int ss_root_post(su_root_t *root, ss_fn fn, void *ctx)
{
  su_msg_r m = SU_MSG_R_INIT;
  if (su_msg_create(m, su_root_task(root), su_task_null, ss_deliver, sizeof(struct ss_post)) != 0)
    return -1;
  struct ss_post *p = (struct ss_post *)su_msg_data(m);
  p->fn = fn;
  p->ctx = ctx;
  return su_msg_send(m);
}

/* ---- logging ---------------------------------------------------------------------------- */

static __thread ss_log_fn log_sink;
static __thread void *log_ctx;
static __thread char log_line[2048];
static __thread size_t log_used;
static __thread char log_bind_error[512];

static void ss_emit_line(void)
{
  log_line[log_used] = '\0';
  if (strstr(log_line, "bind(") || strstr(log_line, "Address already in use")) {
    strncpy(log_bind_error, log_line, sizeof log_bind_error - 1);
    log_bind_error[sizeof log_bind_error - 1] = '\0';
  }
  if (log_sink) log_sink(log_ctx, log_line);
  else fprintf(stderr, "%s\n", log_line);
  log_used = 0;
}

static void ss_logger(void *stream, char const *fmt, va_list ap)
{
  char chunk[2048];
  (void)stream;
  int n = vsnprintf(chunk, sizeof chunk, fmt, ap);
  if (n < 0) return;
  if ((size_t)n >= sizeof chunk) n = sizeof chunk - 1;
  for (int i = 0; i < n; i++) {
    char c = chunk[i];
    if (c == '\n') { ss_emit_line(); continue; }
    if (c == '\r') continue;
    if (log_used < sizeof log_line - 1) log_line[log_used++] = c;
  }
}

static pthread_once_t log_once = PTHREAD_ONCE_INIT;
static void ss_log_install_once(void) { su_log_redirect(NULL, ss_logger, NULL); }
void ss_log_install(void) { pthread_once(&log_once, ss_log_install_once); }

void ss_log_set_thread_sink(ss_log_fn fn, void *ctx)
{
  log_sink = fn;
  log_ctx = ctx;
  log_bind_error[0] = '\0';
}

const char *ss_log_last_bind_error(void) { return log_bind_error; }

char *ss_tags_refer_event_dup(const tagi_t *tags)
{
  tagi_t const *t = tags ? tl_find(tags, nutag_refer_event) : NULL;
  if (t == NULL || t->t_value == 0) return NULL;
  return ss_header_dup((const void *)t->t_value);
}

char *ss_refer_to_dup(const sip_t *sip)
{
  if (sip == NULL || sip->sip_refer_to == NULL || sip->sip_refer_to->r_url->url_type == url_invalid) return NULL;
  return ss_url_dup(sip->sip_refer_to->r_url);
}

char *ss_referred_by_dup(const sip_t *sip)
{
  if (sip == NULL || sip->sip_referred_by == NULL) return NULL;
  return ss_url_dup(sip->sip_referred_by->b_url);
}
