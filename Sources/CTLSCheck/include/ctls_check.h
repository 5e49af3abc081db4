#ifndef CTLS_CHECK_H
#define CTLS_CHECK_H

#include <stddef.h>

/* Checks of SIP-over-TLS material, made with the OpenSSL that Sofia-SIP's TLS transport links
   (libssl 3), so what passes here is what Sofia will load. Nothing here touches Sofia. */

/* What is wrong with a certificate and key pair. */
enum ctls_problem {
  CTLS_OK = 0,
  CTLS_CERT_NOT_PEM = 1,        /* the certificate file holds no PEM certificate */
  CTLS_KEY_NOT_PEM = 2,         /* the key file holds no PEM private key (or an encrypted one) */
  CTLS_KEY_MISMATCH = 3,        /* the key is not the certificate's */
  CTLS_CERT_EXPIRED = 4,
  CTLS_CERT_NOT_YET_VALID = 5,
  CTLS_REFUSED = 6,             /* OpenSSL refused the pair in a TLS context (e.g. a key too weak) */
  CTLS_UNREADABLE = 7,
};

/* Loads the first certificate of cert_path and the private key of key_path, checks that they
   match and that the certificate is valid now, then loads both into a TLS server context as
   Sofia does. detail gets OpenSSL's reason (or the certificate's dates), NUL-terminated.
   not_after gets the certificate's expiry as "YYYY-MM-DD HH:MM:SS UTC" when it was read. */
int ctls_check_pair(const char *cert_path, const char *key_path, char *detail, size_t detail_size,
                    char *not_after, size_t not_after_size);

/* Makes every TLS context created from now on in this process accept no protocol older than
   TLS 1.2 (minor = 2) or TLS 1.3 (minor = 3), through OpenSSL's system-default configuration
   (Sofia 1.12 has no tag for a minimum version). Returns 0 when a fresh context confirms it. */
int ctls_set_min_version(int minor, char *detail, size_t detail_size);

#endif
