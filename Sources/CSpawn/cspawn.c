#define _GNU_SOURCE
#include "cspawn.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

int cg_spawn(const char *path, char *const envp[], const char *directory, int in_fd, int out_fd, int err_fd, pid_t *pid) {
    posix_spawn_file_actions_t actions;
    posix_spawnattr_t attributes;
    int rc = posix_spawn_file_actions_init(&actions);
    if (rc != 0) return rc;
    rc = posix_spawnattr_init(&attributes);
    if (rc != 0) {
        posix_spawn_file_actions_destroy(&actions);
        return rc;
    }
    sigset_t all, none;
    sigfillset(&all);
    sigemptyset(&none);
    short flags = POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK;
    if ((rc = posix_spawnattr_setflags(&attributes, flags)) == 0 &&
        (rc = posix_spawnattr_setpgroup(&attributes, 0)) == 0 &&
        (rc = posix_spawnattr_setsigdefault(&attributes, &all)) == 0 &&
        (rc = posix_spawnattr_setsigmask(&attributes, &none)) == 0 &&
        (rc = posix_spawn_file_actions_adddup2(&actions, in_fd, 0)) == 0 &&
        (rc = posix_spawn_file_actions_adddup2(&actions, out_fd, 1)) == 0 &&
        (rc = posix_spawn_file_actions_adddup2(&actions, err_fd, 2)) == 0 &&
        (rc = posix_spawn_file_actions_addclosefrom_np(&actions, 3)) == 0 &&
        (rc = posix_spawn_file_actions_addchdir_np(&actions, directory)) == 0) {
        char *const argv[] = {(char *)path, NULL};
        rc = posix_spawn(pid, path, &actions, &attributes, argv, envp);
    }
    posix_spawnattr_destroy(&attributes);
    posix_spawn_file_actions_destroy(&actions);
    return rc;
}

int cg_pidfd_open(pid_t pid) {
    return (int)syscall(SYS_pidfd_open, pid, 0);
}

int cg_reap(pid_t pid, int *exited, int *status) {
    siginfo_t info;
    int rc;
    do {
        rc = waitid(P_PID, (id_t)pid, &info, WEXITED);
    } while (rc < 0 && errno == EINTR);
    if (rc < 0) return -1;
    *exited = info.si_code == CLD_EXITED;
    *status = info.si_status;
    return 0;
}

int cg_epoll_create(void) { return epoll_create1(EPOLL_CLOEXEC); }

int cg_epoll_add(int epoll, int fd, int writable, unsigned long long token) {
    struct epoll_event event = {.events = writable ? EPOLLOUT : EPOLLIN, .data.u64 = token};
    return epoll_ctl(epoll, EPOLL_CTL_ADD, fd, &event);
}

int cg_epoll_del(int epoll, int fd) { return epoll_ctl(epoll, EPOLL_CTL_DEL, fd, NULL); }

int cg_epoll_wait(int epoll, unsigned long long *tokens, int max, int timeout_ms) {
    struct epoll_event events[64];
    if (max > 64) max = 64;
    int n;
    do {
        n = epoll_wait(epoll, events, max, timeout_ms);
    } while (n < 0 && errno == EINTR);
    for (int i = 0; i < n; i++) tokens[i] = events[i].data.u64;
    return n < 0 ? 0 : n;
}

int cg_eventfd(void) { return eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK); }

int cg_pipe(int fds[2]) { return pipe2(fds, O_CLOEXEC); }
