/* A libFuzzer custom mutator for text formats that repeat a number in several places, as SDP
   does (the payload type in the m= line and again in a=rtpmap and a=fmtp). Byte mutations almost
   never change every occurrence at once, so an offer with a payload type past 127 was not found
   in minutes from seeds that lack one; renumbering every occurrence of a number together finds
   it in seconds. Half of the time it does that, with a value from the edges of the integer types
   the engine narrows to; otherwise libFuzzer mutates as usual. Linked into the targets that
   depend on this module (SIP, SDP, config). */
#include "fuzz_number_mutator.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

size_t LLVMFuzzerMutate(uint8_t *data, size_t size, size_t max_size);

static const char *const edges[] = {
    "0", "1", "-1", "127", "128", "255", "256", "300", "32767", "32768", "65535", "65536",
    "2147483647", "2147483648", "4294967295", "4294967296", "9223372036854775807",
    "9223372036854775808", "18446744073709551615", "99999999999999999999",
};

static int is_digit(uint8_t c) { return c >= '0' && c <= '9'; }

/* Replaces every whole-token occurrence of data[start, start+len) with value; 0 if it won't fit. */
static size_t renumber(uint8_t *data, size_t size, size_t max_size, size_t start, size_t len, const char *value)
{
    uint8_t token[32];
    size_t value_len = strlen(value);
    if (len > sizeof token) return 0;
    memcpy(token, data + start, len);
    uint8_t *out = malloc(max_size);
    if (out == NULL) return 0;
    size_t n = 0;
    for (size_t i = 0; i < size;) {
        int whole = i + len <= size && memcmp(data + i, token, len) == 0
                    && (i == 0 || !is_digit(data[i - 1])) && (i + len == size || !is_digit(data[i + len]));
        if (whole) {
            if (n + value_len > max_size) { free(out); return 0; }
            memcpy(out + n, value, value_len);
            n += value_len;
            i += len;
        } else {
            if (n + 1 > max_size) { free(out); return 0; }
            out[n++] = data[i++];
        }
    }
    memcpy(data, out, n);
    free(out);
    return n;
}

size_t LLVMFuzzerCustomMutator(unsigned char *data, size_t size, size_t max_size, unsigned int seed)
{
    srand(seed);
    if (rand() % 2) return LLVMFuzzerMutate(data, size, max_size);
    /* Pick the k-th number token of the input. */
    size_t count = 0;
    for (size_t i = 0; i < size; i++)
        if (is_digit(data[i]) && (i == 0 || !is_digit(data[i - 1]))) count++;
    if (count == 0) return LLVMFuzzerMutate(data, size, max_size);
    size_t pick = (size_t)rand() % count, start = 0, len = 0;
    for (size_t i = 0, k = 0; i < size; i++) {
        if (is_digit(data[i]) && (i == 0 || !is_digit(data[i - 1])) && k++ == pick) {
            start = i;
            while (i < size && is_digit(data[i])) i++;
            len = i - start;
            break;
        }
    }
    char random_value[24];
    const char *value = edges[rand() % (int)(sizeof edges / sizeof *edges)];
    if (rand() % 4 == 0) {
        snprintf(random_value, sizeof random_value, "%d", rand() % 1000);
        value = random_value;
    }
    size_t n = renumber(data, size, max_size, start, len, value);
    return n ? n : LLVMFuzzerMutate(data, size, max_size);
}
