/* libopus (RFC 6716) for Media's Opus coder. Only non-variadic calls are used from Swift. */
#include <stdint.h>
#include <opus/opus.h>

/* opus_encoder_ctl is variadic, which Swift cannot call: one fixed-argument wrapper per setting. */
static inline int copus_set_complexity(OpusEncoder *encoder, int complexity) {
    return opus_encoder_ctl(encoder, OPUS_SET_COMPLEXITY(complexity));
}
static inline int copus_set_signal_voice(OpusEncoder *encoder) {
    return opus_encoder_ctl(encoder, OPUS_SET_SIGNAL(OPUS_SIGNAL_VOICE));
}
