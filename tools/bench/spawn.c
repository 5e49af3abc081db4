/* Bare spawn baseline: posix_spawn of a scenario N times, the event JSON on its stdin, its JSON
   reply read to the end; prints the mean microseconds per run. Usage: spawn PROGRAM N */
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

static const char event[] =
    "{\"event\":\"call.start\",\"call\":{\"id\":\"bench\",\"from\":\"+15550100\",\"to\":\"100\"}}\n";

int main(int argc, char **argv) {
    if (argc != 3) { fprintf(stderr, "usage: %s PROGRAM N\n", argv[0]); return 64; }
    int n = atoi(argv[2]);
    if (n <= 0) return 64;
    struct timespec start, end;
    clock_gettime(CLOCK_MONOTONIC, &start);
    for (int i = 0; i < n; i++) {
        int in[2], out[2];
        if (pipe(in) || pipe(out)) { perror("pipe"); return 1; }
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_adddup2(&actions, in[0], 0);
        posix_spawn_file_actions_adddup2(&actions, out[1], 1);
        posix_spawn_file_actions_addclose(&actions, in[1]);
        posix_spawn_file_actions_addclose(&actions, out[0]);
        pid_t pid;
        char *child[] = {argv[1], NULL};
        if (posix_spawn(&pid, argv[1], &actions, NULL, child, environ) != 0) { perror("posix_spawn"); return 1; }
        posix_spawn_file_actions_destroy(&actions);
        close(in[0]); close(out[1]);
        if (write(in[1], event, sizeof event - 1) < 0) { perror("write"); return 1; }
        close(in[1]);
        char reply[4096]; size_t used = 0; ssize_t got;
        while ((got = read(out[0], reply + used, sizeof reply - 1 - used)) > 0) used += (size_t)got;
        close(out[0]);
        reply[used] = 0;
        int status;
        waitpid(pid, &status, 0);
        if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 || !strstr(reply, "\"actions\"")) {
            fprintf(stderr, "spawn: bad run %d: %s\n", i, reply); return 1;
        }
    }
    clock_gettime(CLOCK_MONOTONIC, &end);
    double us = ((end.tv_sec - start.tv_sec) * 1e9 + (end.tv_nsec - start.tv_nsec)) / 1e3 / n;
    printf("%.1f\n", us);
    return 0;
}
