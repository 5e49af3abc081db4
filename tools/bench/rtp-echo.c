/* Bare C RTP echo, the baseline of the G.711 streams benchmark: COUNT UDP sockets on 127.0.0.1 at
   PORT, PORT+2, ... (RTP takes the even ports), each datagram sent back to its sender unchanged,
   one thread, epoll. Runs until SIGTERM or SIGINT, then exits 0. Usage: rtp-echo PORT COUNT */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <unistd.h>

static long number(const char *s, long min, long max) {  /* -1 unless a whole number in range */
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    return (errno || end == s || *end || v < min || v > max) ? -1 : v;
}

int main(int argc, char **argv) {
    long port = argc == 3 ? number(argv[1], 1, 65535) : -1;
    long count = argc == 3 ? number(argv[2], 1, 65535) : -1;
    if (port < 0 || count < 0 || port + 2 * (count - 1) > 65535) {
        fprintf(stderr, "usage: %s PORT COUNT (binds PORT, PORT+2, ... up to 65535)\n", argv[0]);
        return 2;
    }
    /* One descriptor per socket: thousands of them are past the usual soft limit of 1024. */
    struct rlimit rl;
    if (getrlimit(RLIMIT_NOFILE, &rl) == 0) { rl.rlim_cur = rl.rlim_max; setrlimit(RLIMIT_NOFILE, &rl); }

    /* SIGTERM and SIGINT arrive as a readable descriptor in the same epoll set: no handler, and no
       window between testing a flag and blocking in epoll_wait. */
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGTERM);
    sigaddset(&stop, SIGINT);
    sigprocmask(SIG_BLOCK, &stop, NULL);
    int sfd = signalfd(-1, &stop, 0), ep = epoll_create1(0);
    if (sfd < 0 || ep < 0) { perror("rtp-echo: signalfd/epoll"); return 1; }
    struct epoll_event ev = {.events = EPOLLIN, .data.fd = sfd};
    if (epoll_ctl(ep, EPOLL_CTL_ADD, sfd, &ev) < 0) { perror("rtp-echo: epoll_ctl"); return 1; }

    for (long i = 0; i < count; i++) {
        long p = port + 2 * i;
        struct sockaddr_in at = {.sin_family = AF_INET, .sin_port = htons((unsigned short)p),
                                 .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
        int fd = socket(AF_INET, SOCK_DGRAM, 0);
        if (fd < 0 || bind(fd, (struct sockaddr *)&at, sizeof at) < 0) {
            fprintf(stderr, "rtp-echo: cannot bind 127.0.0.1:%ld: %s\n", p, strerror(errno));
            return 2;
        }
        ev.data.fd = fd;
        if (epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev) < 0) { perror("rtp-echo: epoll_ctl"); return 1; }
    }
    printf("rtp-echo: ready %ld sockets\n", count);
    fflush(stdout);

    static unsigned char buf[65536];  /* holds any UDP datagram: nothing is echoed truncated */
    struct epoll_event ready[256];
    for (;;) {
        int n = epoll_wait(ep, ready, 256, -1);
        if (n < 0) {
            if (errno == EINTR) continue;
            perror("rtp-echo: epoll_wait");
            return 1;
        }
        for (int k = 0; k < n; k++) {
            int fd = ready[k].data.fd;
            if (fd == sfd) return 0;
            /* Drain the socket: one epoll_wait per burst rather than per datagram. */
            for (;;) {
                struct sockaddr_in from;
                socklen_t fromlen = sizeof from;
                ssize_t len = recvfrom(fd, buf, sizeof buf, MSG_DONTWAIT, (struct sockaddr *)&from, &fromlen);
                if (len < 0) break;  /* EAGAIN: drained */
                /* A full send buffer drops the datagram, as a network would; the meter counts it lost. */
                (void)sendto(fd, buf, (size_t)len, MSG_DONTWAIT, (struct sockaddr *)&from, fromlen);
            }
        }
    }
}
