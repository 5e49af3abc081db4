#ifndef CALLGATE_CSPAWN_H
#define CALLGATE_CSPAWN_H

#include <sys/types.h>

/// Starts `path` directly (argv is just the path; no shell), with `envp`, in `directory`, in a
/// new process group of its own, every signal at its default and none blocked, stdin, stdout
/// and stderr on the given descriptors and every other descriptor closed. Returns 0 and the
/// child's pid in `*pid`, or an errno.
int cg_spawn(const char *path, char *const envp[], const char *directory, int in_fd, int out_fd, int err_fd, pid_t *pid);

/// A pidfd for the child (Linux 5.3+), or -1 with errno set.
int cg_pidfd_open(pid_t pid);

/// Reaps the child (it must have exited: its pidfd is readable). Returns 0 with `*exited` 1 and
/// `*status` the exit code, or `*exited` 0 and `*status` the signal; -1 with errno on error.
int cg_reap(pid_t pid, int *exited, int *status);

/// epoll, as the scenario reactor uses it: one descriptor per interest, a 64-bit token each.
int cg_epoll_create(void);
/// Watches `fd` for reading (`writable` 0) or writing (1), with `token`; 0 or -1 with errno.
int cg_epoll_add(int epoll, int fd, int writable, unsigned long long token);
int cg_epoll_del(int epoll, int fd);
/// Waits up to `timeout_ms` (-1: forever); writes the tokens of ready descriptors; returns their count.
int cg_epoll_wait(int epoll, unsigned long long *tokens, int max, int timeout_ms);
/// pipe2 with O_CLOEXEC: fds[0] to read, fds[1] to write; 0 or -1 with errno.
int cg_pipe(int fds[2]);

/// A non-blocking eventfd to wake the loop.
int cg_eventfd(void);

#endif
