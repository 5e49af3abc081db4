#ifndef CSOFIASIP_SHIM_H
#define CSOFIASIP_SHIM_H

/* libc first: su_configure.h defines _GNU_SOURCE, which changes fd_set and clashes with the
   CDispatch module's view of it ("'__fds_bits' ... is not present") if sofia comes first. */
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>
#include <sys/types.h>
#include <sys/socket.h>
#include <sys/select.h>
#include <sys/ioctl.h>
#include <poll.h>
#include <netinet/in.h>
#include <netdb.h>
#include <pthread.h>
#include <time.h>

#include <sofia-sip/su.h>
#include <sofia-sip/su_wait.h>
#include <sofia-sip/su_tag.h>
#include <sofia-sip/su_log.h>
#include <sofia-sip/nua.h>
#include <sofia-sip/nua_tag.h>
#include <sofia-sip/sip.h>
#include <sofia-sip/sip_header.h>
#include <sofia-sip/sip_status.h>
#include <sofia-sip/msg_addr.h>
#include <sofia-sip/url.h>
#include <sofia-sip/sofia_features.h>

#endif
