/* The soak's prompt scenario: reads the event (JSON on stdin), answers, plays a short prompt, hangs up. */
#include <stdio.h>
#include <unistd.h>

int main(void) {
    char buffer[65536];
    while (read(0, buffer, sizeof buffer) > 0) {}
    fputs("{\"actions\":[{\"action\":\"answer\"},{\"action\":\"play\",\"file\":\"welcome.wav\"},{\"action\":\"hangup\"}]}\n", stdout);
    return 0;
}
