#ifndef FUZZ_SOFIA_H
#define FUZZ_SOFIA_H

/* Same libc-first prelude as CSofiaSIP/shim.h: su_configure.h defines _GNU_SOURCE. */
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

#include <sofia-sip/msg.h>
#include <sofia-sip/sip.h>

/* Parses one datagram with Sofia's SIP parser, as nta does with what a socket read
   (msg_make over sip_default_mclass()). NULL when Sofia makes no message of it at all. */
msg_t *fz_sip_parse(const uint8_t *data, size_t size);

/* The parsed message, but only if nta would hand it on to nua and so to callgate: no fatal
   parse error, a request or status line, and From, To, Call-ID, CSeq and Via. NULL otherwise. */
const sip_t *fz_sip_deliverable(msg_t *msg);

void fz_msg_destroy(msg_t *msg);

#endif
