/*
 * outage-notice.c - tell callers from an affected area about a known outage before they queue.
 *
 * The idea: a scenario can be any executable, here a small C program. It needs no JSON parser:
 * everything it uses comes from the environment (CALLGATE_EVENT, CALLGATE_FROM). It only has
 * to write JSON, with strings escaped properly.
 *
 * On call.start it reads data/outages.txt (relative to its working directory, which callgate
 * sets to this folder): lines "PREFIX|MESSAGE", '#' comments. If the caller's number starts
 * with a PREFIX (the longest one wins), it answers, says the MESSAGE, sets the var "outage" to
 * the PREFIX (for the call record and the agents), then enqueues to "support". Any other caller
 * is enqueued directly. On queue.done it hangs up; any other event gets {"actions": []}.
 * A missing outages file is logged on stderr and means "no outage".
 *
 * Build (the binary next to this file is gitignored):
 *   cc -std=c99 -Wall -Wextra -O2 -o scenarios/examples/outage-notice scenarios/examples/outage-notice.c
 *
 * Try it:
 *   callgate test scenarios/examples/outage-notice --from +15550002 --expect "say:power outage" --expect set:outage=+1555000 --expect enqueue:support
 *   callgate test scenarios/examples/outage-notice --from +4989123456 --expect enqueue:support
 */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define OUTAGES_FILE "data/outages.txt"
#define MAX_LINE 4096
#define MAX_PREFIX 32
#define MAX_MESSAGE 2000 /* bytes; callgate allows 2000 characters in a say text */

struct outage {
    char prefix[MAX_PREFIX + 1];
    char message[MAX_MESSAGE + 1];
};

/* Writes s as a JSON string: quotes, backslashes and control characters escaped. */
static void json_string(const char *s)
{
    const unsigned char *p;

    putchar('"');
    for (p = (const unsigned char *)s; *p != '\0'; p++) {
        switch (*p) {
        case '"':  fputs("\\\"", stdout); break;
        case '\\': fputs("\\\\", stdout); break;
        case '\b': fputs("\\b", stdout); break;
        case '\f': fputs("\\f", stdout); break;
        case '\n': fputs("\\n", stdout); break;
        case '\r': fputs("\\r", stdout); break;
        case '\t': fputs("\\t", stdout); break;
        default:
            if (*p < 0x20)
                printf("\\u%04x", (unsigned)*p);
            else
                putchar(*p);
        }
    }
    putchar('"');
}

/* Whether s is valid UTF-8 (JSON text must be). */
static int valid_utf8(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;

    while (*p != '\0') {
        unsigned long cp;
        int more, i;

        if (*p < 0x80) { p++; continue; }
        if ((*p & 0xE0) == 0xC0)      { more = 1; cp = *p & 0x1F; }
        else if ((*p & 0xF0) == 0xE0) { more = 2; cp = *p & 0x0F; }
        else if ((*p & 0xF8) == 0xF0) { more = 3; cp = *p & 0x07; }
        else return 0;
        for (i = 1; i <= more; i++) {
            if ((p[i] & 0xC0) != 0x80) /* also stops at the terminating NUL */
                return 0;
            cp = (cp << 6) | (p[i] & 0x3F);
        }
        if ((more == 1 && cp < 0x80) || (more == 2 && cp < 0x800) || (more == 3 && cp < 0x10000)
            || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return 0;
        p += more + 1;
    }
    return 1;
}

/* Cuts leading and trailing blanks (and the line end) off s, in place. */
static char *trim(char *s)
{
    char *end;

    while (*s == ' ' || *s == '\t')
        s++;
    end = s + strlen(s);
    while (end > s && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\n' || end[-1] == '\r'))
        *--end = '\0';
    return s;
}

/* Looks the caller up in the outages file. Returns 1 and fills *found on a match. */
static int find_outage(const char *caller, struct outage *found)
{
    char line[MAX_LINE];
    size_t best = 0;
    long number = 0;
    FILE *f = fopen(OUTAGES_FILE, "r");

    if (f == NULL) {
        fprintf(stderr, "outage-notice: cannot open %s: %s; assuming no outage\n", OUTAGES_FILE, strerror(errno));
        return 0;
    }
    while (fgets(line, sizeof line, f) != NULL) {
        char *text, *bar, *prefix, *message;
        size_t length;

        number++;
        if (strchr(line, '\n') == NULL && !feof(f)) {
            int c;
            while ((c = getc(f)) != EOF && c != '\n')
                ;
            fprintf(stderr, "outage-notice: %s:%ld: line too long, skipped\n", OUTAGES_FILE, number);
            continue;
        }
        text = trim(line);
        if (*text == '\0' || *text == '#')
            continue;
        bar = strchr(text, '|');
        if (bar == NULL) {
            fprintf(stderr, "outage-notice: %s:%ld: no '|' between prefix and message, skipped\n", OUTAGES_FILE, number);
            continue;
        }
        *bar = '\0';
        prefix = trim(text);
        message = trim(bar + 1);
        length = strlen(prefix);
        if (length == 0 || length > MAX_PREFIX || *message == '\0' || strlen(message) > MAX_MESSAGE) {
            fprintf(stderr, "outage-notice: %s:%ld: empty or too long prefix or message, skipped\n", OUTAGES_FILE, number);
            continue;
        }
        if (!valid_utf8(prefix) || !valid_utf8(message)) {
            fprintf(stderr, "outage-notice: %s:%ld: not UTF-8, skipped\n", OUTAGES_FILE, number);
            continue;
        }
        if (length > best && strncmp(caller, prefix, length) == 0) {
            best = length;
            strcpy(found->prefix, prefix);
            strcpy(found->message, message);
        }
    }
    if (ferror(f))
        fprintf(stderr, "outage-notice: error reading %s\n", OUTAGES_FILE);
    fclose(f);
    return best > 0;
}

int main(void)
{
    static struct outage outage;
    const char *event = getenv("CALLGATE_EVENT");
    const char *caller = getenv("CALLGATE_FROM");

    if (event == NULL)
        event = "";
    if (caller == NULL)
        caller = "";

    fputs("{\"actions\": [", stdout);
    if (strcmp(event, "call.start") == 0) {
        if (find_outage(caller, &outage)) {
            fprintf(stderr, "outage-notice: %s is in outage area %s\n", caller, outage.prefix);
            fputs("{\"action\": \"answer\"}, {\"action\": \"say\", \"text\": ", stdout);
            json_string(outage.message);
            fputs("}, {\"action\": \"set\", \"vars\": {\"outage\": ", stdout);
            json_string(outage.prefix);
            fputs("}}, ", stdout);
        }
        fputs("{\"action\": \"enqueue\", \"queue\": \"support\"}", stdout);
    } else if (strcmp(event, "queue.done") == 0) {
        fputs("{\"action\": \"hangup\"}", stdout);
    }
    fputs("]}\n", stdout);

    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "outage-notice: cannot write the reply\n");
        return 1;
    }
    return 0;
}
