#ifndef CSRTP_SHIM_H
#define CSRTP_SHIM_H

/* libc first, as in CSofiaSIP: the system headers must be seen before the library's. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/random.h>
#include <errno.h>

#include <srtp2/srtp.h>

/* The largest growth of a packet by srtp_protect: the authentication tag (and an MKI, unused). */
static inline int csrtp_max_trailer_len(void) { return SRTP_MAX_TRAILER_LEN; }

/* Fills buf from the kernel's CSPRNG (getrandom(2), blocking until it is seeded); 0, or -1 on failure. */
static inline int csrtp_random(void *buf, size_t len) {
    size_t filled = 0;
    while (filled < len) {
        ssize_t n = getrandom((char *)buf + filled, len - filled, 0);
        if (n > 0) filled += (size_t)n;
        else if (errno != EINTR) return -1;
    }
    return 0;
}

#endif
