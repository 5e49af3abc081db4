#include "ctls_check.h"

#include <stdio.h>
#include <string.h>
#include <time.h>
#include <openssl/bio.h>
#include <openssl/conf.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

static void last_error(char *detail, size_t size)
{
  unsigned long code = ERR_peek_last_error();
  if (detail == NULL || size == 0) return;
  detail[0] = '\0';
  if (code != 0) ERR_error_string_n(code, detail, size);
  ERR_clear_error();
}

static void format_time(const ASN1_TIME *t, char *out, size_t size)
{
  struct tm tm;
  if (out == NULL || size == 0) return;
  out[0] = '\0';
  if (t == NULL || ASN1_TIME_to_tm(t, &tm) != 1) return;
  strftime(out, size, "%Y-%m-%d %H:%M:%S UTC", &tm);
}

int ctls_check_pair(const char *cert_path, const char *key_path, char *detail, size_t detail_size,
                    char *not_after, size_t not_after_size)
{
  int result = CTLS_OK;
  X509 *cert = NULL;
  EVP_PKEY *key = NULL;
  SSL_CTX *ctx = NULL;
  if (detail && detail_size) detail[0] = '\0';
  if (not_after && not_after_size) not_after[0] = '\0';
  ERR_clear_error();

  FILE *f = fopen(cert_path, "r");
  if (f == NULL) return CTLS_UNREADABLE;
  cert = PEM_read_X509(f, NULL, NULL, NULL);
  fclose(f);
  if (cert == NULL) { last_error(detail, detail_size); return CTLS_CERT_NOT_PEM; }
  format_time(X509_get0_notAfter(cert), not_after, not_after_size);

  f = fopen(key_path, "r");
  if (f == NULL) { result = CTLS_UNREADABLE; goto done; }
  /* No passphrase callback: an encrypted key fails here instead of prompting on the terminal. */
  key = PEM_read_PrivateKey(f, NULL, NULL, (void *)"");
  fclose(f);
  if (key == NULL) { last_error(detail, detail_size); result = CTLS_KEY_NOT_PEM; goto done; }

  if (X509_check_private_key(cert, key) != 1) { last_error(detail, detail_size); result = CTLS_KEY_MISMATCH; goto done; }
  if (X509_cmp_current_time(X509_get0_notAfter(cert)) <= 0) { result = CTLS_CERT_EXPIRED; goto done; }
  if (X509_cmp_current_time(X509_get0_notBefore(cert)) >= 0) {
    format_time(X509_get0_notBefore(cert), detail, detail_size);
    result = CTLS_CERT_NOT_YET_VALID;
    goto done;
  }

  /* The same three steps Sofia's tls_init_context takes, in a context with the process's
     system-default settings (security level, minimum version). */
  ctx = SSL_CTX_new(TLS_server_method());
  /* At least the security level ctls_set_min_version gives Sofia's contexts (2: RSA >= 2048 bits),
     whether or not it has run yet in this process. */
  if (ctx != NULL && SSL_CTX_get_security_level(ctx) < 2) SSL_CTX_set_security_level(ctx, 2);
  if (ctx == NULL || SSL_CTX_use_certificate(ctx, cert) != 1 || SSL_CTX_use_PrivateKey(ctx, key) != 1
      || SSL_CTX_check_private_key(ctx) != 1) {
    last_error(detail, detail_size);
    result = CTLS_REFUSED;
  }

done:
  SSL_CTX_free(ctx);
  EVP_PKEY_free(key);
  X509_free(cert);
  ERR_clear_error();
  return result;
}

int ctls_set_min_version(int minor, char *detail, size_t detail_size)
{
  char text[512];
  long line = 0;
  int wanted = minor >= 3 ? TLS1_3_VERSION : TLS1_2_VERSION;
  if (detail && detail_size) detail[0] = '\0';
  /* Load the system configuration first: OpenSSL loads it once, so a later implicit load (by
     Sofia's first SSL_CTX_new) cannot replace what is set below. */
  OPENSSL_init_ssl(OPENSSL_INIT_LOAD_CONFIG, NULL);
  OPENSSL_load_builtin_modules();
  snprintf(text, sizeof text,
           "callgate_tls = callgate_tls_init\n"
           "[callgate_tls_init]\nssl_conf = callgate_ssl\n"
           "[callgate_ssl]\nsystem_default = callgate_tls_defaults\n"
           "[callgate_tls_defaults]\nMinProtocol = TLSv1.%d\nCipherString = DEFAULT:@SECLEVEL=2\n",
           minor >= 3 ? 3 : 2);
  BIO *bio = BIO_new_mem_buf(text, -1);
  CONF *conf = NCONF_new(NULL);
  int ok = bio && conf && NCONF_load_bio(conf, bio, &line) > 0 && CONF_modules_load(conf, "callgate_tls", 0) > 0;
  if (!ok) last_error(detail, detail_size);
  NCONF_free(conf);
  BIO_free(bio);
  if (!ok) return -1;

  SSL_CTX *ctx = SSL_CTX_new(TLS_method());
  long min = ctx ? SSL_CTX_get_min_proto_version(ctx) : 0;
  SSL_CTX_free(ctx);
  if (min != wanted) {
    if (detail && detail_size) snprintf(detail, detail_size, "a new TLS context allows 0x%lx, not 0x%x", min, wanted);
    return -1;
  }
  return 0;
}
