/* The benchmark's persistent scenario: one event per line on stdin, one answer per line on stdout.
 * call.start -> answer + hangup; any other event (call.end) -> no actions. Every answer names its
 * call: the event line is compact JSON with sorted keys, so the first "id":" is the call's id. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void field(const char *line, const char *key, char *out, size_t size) {
    out[0] = '\0';
    const char *start = strstr(line, key);
    if (!start) return;
    start += strlen(key);
    size_t n = strcspn(start, "\"");
    if (n >= size) n = size - 1;
    memcpy(out, start, n);
    out[n] = '\0';
}

int main(void) {
    char *line = NULL;
    size_t capacity = 0;
    char id[256], event[64];
    while (getline(&line, &capacity, stdin) > 0) {
        field(line, "\"event\":\"", event, sizeof event);
        field(line, "\"id\":\"", id, sizeof id);
        if (strcmp(event, "call.start") == 0)
            printf("{\"call_id\":\"%s\",\"actions\":[{\"action\":\"answer\"},{\"action\":\"hangup\"}]}\n", id);
        else
            printf("{\"call_id\":\"%s\",\"actions\":[]}\n", id);
        fflush(stdout);  /* the engine waits for this line: never leave it in a buffer */
    }
    free(line);
    return 0;
}
