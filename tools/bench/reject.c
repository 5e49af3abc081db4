/* The soak's rejecting scenario: reads the event (JSON on stdin) and turns the call away with 486. */
#include <stdio.h>
#include <unistd.h>

int main(void) {
    char buffer[65536];
    while (read(0, buffer, sizeof buffer) > 0) {}
    fputs("{\"actions\":[{\"action\":\"reject\",\"code\":486}]}\n", stdout);
    return 0;
}
