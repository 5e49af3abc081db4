/* G.711 stream generator and meter of the media benchmark. Each stream is a UDP socket on 127.0.0.1
   sending PCMU RTP (12-byte header, 160 bytes of payload) every 20 ms to an echo, the bare C
   rtp-echo or callgate's; one line of key=value results on stdout. Usage:
     rtp-load --streams N --seconds S --targets FILE             FILE: N lines "LOCAL_PORT REMOTE_PORT"
     rtp-load --streams N --seconds S --local-base P --remote-base Q      stream i: P+2i -> Q+2i
     --transcoded: the echo re-encodes the audio (G.711 -> Opus -> G.711), so no tag survives; a
       reply is then its stream's by the socket it arrives on, and is timed against that stream's
       oldest unanswered send (first in, first out: a lost packet makes the next ones look slower).
   A sender (main) paces all streams with absolute sleeps; a receiver thread waits on every socket
   with epoll, so replies are timed when they arrive, not when the sender has a moment. */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define FRAME_NS 20000000LL  /* 20 ms: 160 samples at 8 kHz, one byte each in PCMU */
#define PAYLOAD 160
#define HEADER 12
#define LATE_NS 5000000LL    /* a send this far behind schedule means the generator is overloaded */
#define DRAIN_NS 500000000LL /* how long replies are still awaited after the last send */
#define USAGE "usage: rtp-load --streams N --seconds S (--targets FILE | --local-base P --remote-base Q) [--transcoded]"
#define RING 256         /* --transcoded: the send times a stream may have outstanding */

/* The echo may rewrite the RTP header (callgate re-stamps seq, timestamp and SSRC as its own stream)
   but returns the payload unchanged, so each packet carries its identity at the start of the
   payload: this magic, the stream index (4 bytes) and the send time (8 bytes, CLOCK_MONOTONIC ns),
   big-endian. */
static const unsigned char magic[4] = {'C', 'G', 'r', 't'};
#define TAG 16

static int streams, stop_pipe[2], ep;
static int64_t start_ns;
/* Written by the receiver thread only, read by main after pthread_join. */
static uint32_t *rtt_us;
static size_t rtt_cap, rtt_count;
static unsigned long long received, foreign;
/* --transcoded: stream of each descriptor; per stream, send times (written by main before it
   publishes the count) and how many were sent and answered. */
static int transcoded, *stream_of_fd, max_fd;
static int64_t *send_ring;
static _Atomic unsigned long *sent_of;
static unsigned long *answered_of;

static void fail(int code, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    fputs("rtp-load: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    exit(code);
}

static long number(const char *s, long min, long max) {  /* -1 unless a whole number in range */
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    return (errno || end == s || *end || v < min || v > max) ? -1 : v;
}

static int64_t now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (int64_t)t.tv_sec * 1000000000 + t.tv_nsec;
}

static void put32(unsigned char *p, uint32_t v) { p[0] = v >> 24; p[1] = v >> 16; p[2] = v >> 8; p[3] = v; }
static uint32_t get32(const unsigned char *p) {
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* A 16-bit linear sample in PCMU (G.711 µ-law): sign, 3-bit segment (where the leading one lands
   once the bias is added), 4 bits of mantissa, all inverted. */
static unsigned char ulaw(int pcm) {
    int sign = 0;
    if (pcm < 0) { sign = 0x80; pcm = -pcm; }
    if (pcm > 32635) pcm = 32635;
    pcm += 0x84;  /* the bias puts the leading one at bit 7 or above */
    int seg = 7;
    while (seg > 0 && !(pcm & (0x80 << seg))) seg--;
    return (unsigned char)~(sign | seg << 4 | ((pcm >> (seg + 3)) & 0x0F));
}

/* Where the payload starts: after the fixed header, the CSRCs and any extension (RFC 3550 5.1,
   5.3.1); -1 when this is not RTP. The header is only skipped, never trusted. */
static long payload_at(const unsigned char *p, long len) {
    if (len < HEADER || p[0] >> 6 != 2) return -1;
    long at = HEADER + 4 * (p[0] & 0x0F);
    if (p[0] & 0x10) {
        if (len < at + 4) return -1;
        at += 4 + 4 * (p[at + 2] << 8 | p[at + 3]);
    }
    return at <= len ? at : -1;
}

static void *receiver(void *unused) {
    (void)unused;
    struct epoll_event ready[512];
    unsigned char buf[2048];
    for (;;) {
        int n = epoll_wait(ep, ready, 512, -1);
        if (n < 0) {
            if (errno == EINTR) continue;
            fail(1, "epoll_wait: %s", strerror(errno));
        }
        for (int k = 0; k < n; k++) {
            int fd = ready[k].data.fd;
            if (fd == stop_pipe[0]) return NULL;
            ssize_t len;
            while ((len = recv(fd, buf, sizeof buf, MSG_DONTWAIT)) >= 0) {
                int64_t now = now_ns();
                if (transcoded) {
                    int i = fd <= max_fd ? stream_of_fd[fd] : -1;
                    if (i < 0 || payload_at(buf, len) < 0 || answered_of[i] >= sent_of[i]) { foreign++; continue; }
                    int64_t sent = send_ring[(size_t)i * RING + answered_of[i] % RING];
                    answered_of[i]++;
                    received++;
                    if (rtt_count < rtt_cap) rtt_us[rtt_count++] = (uint32_t)((now - sent) / 1000);
                    continue;
                }
                long at = payload_at(buf, len);
                if (at < 0 || len - at < TAG || memcmp(buf + at, magic, 4) != 0) { foreign++; continue; }
                const unsigned char *tag = buf + at;
                uint32_t index = get32(tag + 4);
                int64_t sent = (int64_t)((uint64_t)get32(tag + 8) << 32 | get32(tag + 12));
                /* A stale tag (another run's packet on a reused port) is not ours either. */
                if (index >= (uint32_t)streams || sent < start_ns || sent > now) { foreign++; continue; }
                received++;
                if (rtt_count < rtt_cap) rtt_us[rtt_count++] = (uint32_t)((now - sent) / 1000);
            }
        }
    }
}

static int by_value(const void *a, const void *b) {
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}

static double percentile_ms(int pct) {  /* nearest rank; 0 when nothing came back */
    if (rtt_count == 0) return 0;
    size_t rank = (rtt_count * pct + 99) / 100;
    return rtt_us[rank - 1] / 1000.0;
}

int main(int argc, char **argv) {
    long seconds = -1, local_base = -1, remote_base = -1;
    const char *targets = NULL;
    for (int i = 1; i < argc; i += 2) {
        const char *key = argv[i], *value = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(key, "--transcoded")) { transcoded = 1; i--; continue; }
        if (!value) fail(2, "%s needs a value\n" USAGE, key);
        if (!strcmp(key, "--streams")) streams = (int)number(value, 1, 32768);
        else if (!strcmp(key, "--seconds")) seconds = number(value, 1, 86400);
        else if (!strcmp(key, "--targets")) targets = value;
        else if (!strcmp(key, "--local-base")) local_base = number(value, 1, 65535);
        else if (!strcmp(key, "--remote-base")) remote_base = number(value, 1, 65535);
        else fail(2, "unknown option %s\n" USAGE, key);
    }
    if (streams <= 0 || seconds < 0) fail(2, "--streams and --seconds need positive whole numbers\n" USAGE);
    int any_base = local_base >= 0 || remote_base >= 0, both_bases = local_base >= 0 && remote_base >= 0;
    if (targets ? any_base : !both_bases)
        fail(2, "give either --targets or both --local-base and --remote-base\n" USAGE);
    if (!targets && (local_base + 2L * (streams - 1) > 65535 || remote_base + 2L * (streams - 1) > 65535))
        fail(2, "%d streams from these bases go past port 65535", streams);

    /* Stream i's ports, from the file or the bases. */
    int *local = malloc(sizeof *local * streams), *remote = malloc(sizeof *remote * streams);
    if (!local || !remote) fail(1, "out of memory");
    if (targets) {
        FILE *f = fopen(targets, "r");
        if (!f) fail(2, "cannot read %s: %s", targets, strerror(errno));
        long l, r;
        for (int i = 0; i < streams; i++) {
            if (fscanf(f, "%ld %ld", &l, &r) != 2 || l < 1 || l > 65535 || r < 1 || r > 65535)
                fail(2, "%s: line %d is not \"LOCAL_PORT REMOTE_PORT\" (%d streams need %d lines)",
                     targets, i + 1, streams, streams);
            local[i] = (int)l;
            remote[i] = (int)r;
        }
        if (fscanf(f, "%ld", &l) != EOF) fail(2, "%s has more than %d lines", targets, streams);
        fclose(f);
    } else {
        for (int i = 0; i < streams; i++) {
            local[i] = (int)(local_base + 2 * i);
            remote[i] = (int)(remote_base + 2 * i);
        }
    }

    /* One descriptor per stream: thousands of them are past the usual soft limit of 1024. */
    struct rlimit rl;
    if (getrlimit(RLIMIT_NOFILE, &rl) == 0) { rl.rlim_cur = rl.rlim_max; setrlimit(RLIMIT_NOFILE, &rl); }

    ep = epoll_create1(0);
    if (ep < 0 || pipe(stop_pipe) < 0) fail(1, "epoll/pipe: %s", strerror(errno));
    struct epoll_event ev = {.events = EPOLLIN, .data.fd = stop_pipe[0]};
    epoll_ctl(ep, EPOLL_CTL_ADD, stop_pipe[0], &ev);
    int *fds = malloc(sizeof *fds * streams);
    struct sockaddr_in *to = malloc(sizeof *to * streams);
    if (!fds || !to) fail(1, "out of memory");
    for (int i = 0; i < streams; i++) {
        struct sockaddr_in at = {.sin_family = AF_INET, .sin_port = htons((unsigned short)local[i]),
                                 .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
        to[i] = at;
        to[i].sin_port = htons((unsigned short)remote[i]);
        fds[i] = socket(AF_INET, SOCK_DGRAM, 0);
        if (fds[i] < 0) fail(2, "cannot open socket %d: %s", i + 1, strerror(errno));
        if (bind(fds[i], (struct sockaddr *)&at, sizeof at) < 0)
            fail(2, "cannot bind 127.0.0.1:%d: %s", local[i], strerror(errno));
        ev.data.fd = fds[i];
        if (epoll_ctl(ep, EPOLL_CTL_ADD, fds[i], &ev) < 0) fail(1, "epoll_ctl: %s", strerror(errno));
    }

    if (transcoded) {
        for (int i = 0; i < streams; i++) if (fds[i] > max_fd) max_fd = fds[i];
        stream_of_fd = malloc(sizeof *stream_of_fd * (size_t)(max_fd + 1));
        send_ring = calloc((size_t)streams * RING, sizeof *send_ring);
        sent_of = calloc((size_t)streams, sizeof *sent_of);
        answered_of = calloc((size_t)streams, sizeof *answered_of);
        if (!stream_of_fd || !send_ring || !sent_of || !answered_of) fail(1, "out of memory");
        for (int f = 0; f <= max_fd; f++) stream_of_fd[f] = -1;
        for (int i = 0; i < streams; i++) stream_of_fd[fds[i]] = i;
    }

    long frames = seconds * 50;
    rtt_cap = (size_t)streams * frames + 1024;  /* every packet once, and room for a few duplicates */
    rtt_us = malloc(sizeof *rtt_us * rtt_cap);
    if (!rtt_us) fail(1, "out of memory for %zu samples", rtt_cap);

    /* One 20 ms frame of a 1 kHz tone at -12 dBFS (8 samples a cycle), PCMU-encoded: the bytes a
       codec-aware echo would see in a real call. The tag overwrites its first 16 bytes. */
    static const int cycle[8] = {0, 5793, 8192, 5793, 0, -5793, -8192, -5793};
    unsigned char pkt[HEADER + PAYLOAD];
    for (int s = 0; s < PAYLOAD; s++) pkt[HEADER + s] = ulaw(cycle[s % 8]);
    memcpy(pkt + HEADER, magic, 4);

    start_ns = now_ns() + 10000000;  /* 10 ms ahead: the first round starts on schedule */
    pthread_t rx;
    if (pthread_create(&rx, NULL, receiver, NULL) != 0) fail(1, "cannot start the receiver thread");

    unsigned long long sent = 0, late = 0, send_errors = 0;
    for (long k = 0; k < frames; k++) {
        for (int i = 0; i < streams; i++) {
            /* Stream i is i/N of a frame behind stream 0: the streams spread over the 20 ms instead
               of all sending in one burst. Absolute deadlines: a late wake-up does not shift the rest. */
            int64_t due = start_ns + k * FRAME_NS + FRAME_NS * i / streams, now = now_ns();
            if (now < due) {
                struct timespec at = {(time_t)(due / 1000000000), (long)(due % 1000000000)};
                while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &at, NULL) == EINTR) {}
                now = now_ns();
            }
            if (now - due > LATE_NS) late++;
            pkt[0] = 0x80;                     /* V=2, no padding, extension or CSRC */
            pkt[1] = k == 0 ? 0x80 : 0;        /* marker on the first packet of the talkspurt; PT 0 */
            pkt[2] = (unsigned char)(k >> 8);  /* sequence number, this stream's own count */
            pkt[3] = (unsigned char)k;
            put32(pkt + 4, (uint32_t)(k * PAYLOAD));  /* timestamp: +160 samples a packet */
            put32(pkt + 8, (uint32_t)i + 1);          /* SSRC */
            put32(pkt + HEADER + 4, (uint32_t)i);
            put32(pkt + HEADER + 8, (uint32_t)((uint64_t)now >> 32));
            put32(pkt + HEADER + 12, (uint32_t)now);
            if (transcoded) {  /* recorded before it leaves: the reply may come back at once */
                send_ring[(size_t)i * RING + sent_of[i] % RING] = now;
                atomic_fetch_add(&sent_of[i], 1);
            }
            if (sendto(fds[i], pkt, sizeof pkt, 0, (struct sockaddr *)&to[i], sizeof to[i]) < 0) send_errors++;
            sent++;  /* a failed send is still a packet the stream owed: it shows as loss */
        }
    }

    struct timespec until;
    int64_t drain_end = now_ns() + DRAIN_NS;
    until.tv_sec = (time_t)(drain_end / 1000000000);
    until.tv_nsec = (long)(drain_end % 1000000000);
    while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &until, NULL) == EINTR) {}
    if (write(stop_pipe[1], "x", 1) != 1) fail(1, "cannot stop the receiver: %s", strerror(errno));
    pthread_join(rx, NULL);

    if (send_errors) fprintf(stderr, "rtp-load: %llu sends failed (counted as lost)\n", send_errors);
    qsort(rtt_us, rtt_count, sizeof *rtt_us, by_value);
    printf("streams=%d sent=%llu received=%llu loss_pct=%.3f rtt_p50_ms=%.3f rtt_p99_ms=%.3f "
           "rtt_max_ms=%.3f late_sends=%llu foreign=%llu\n",
           streams, sent, received, (double)((long long)sent - (long long)received) * 100.0 / sent,
           percentile_ms(50), percentile_ms(99), rtt_count ? rtt_us[rtt_count - 1] / 1000.0 : 0.0,
           late, foreign);
    return 0;
}
