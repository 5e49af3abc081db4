/* The benchmark's compiled scenario: reads the event (JSON on stdin), answers and hangs up. */
#include <stdio.h>
#include <unistd.h>

int main(void) {
    char buffer[65536];
    while (read(0, buffer, sizeof buffer) > 0) {}
    fputs("{\"actions\":[{\"action\":\"answer\"},{\"action\":\"hangup\"}]}\n", stdout);
    return 0;
}
