#include "fuzz_sofia.h"

#include <sofia-sip/sip_header.h>

msg_t *fz_sip_parse(const uint8_t *data, size_t size)
{
    if (size == 0) return NULL;  /* msg_make reads strlen(data) for a length of -1 only, but 0 is refused too */
    return msg_make(sip_default_mclass(), 0, data, (ssize_t)size);
}

const sip_t *fz_sip_deliverable(msg_t *msg)
{
    sip_t const *sip = sip_object(msg);
    if (sip == NULL || (sip->sip_flags & MSG_FLG_ERROR)) return NULL;
    if (sip->sip_request == NULL && sip->sip_status == NULL) return NULL;
    if (!sip->sip_from || !sip->sip_to || !sip->sip_call_id || !sip->sip_cseq || !sip->sip_via) return NULL;
    return sip;
}

void fz_msg_destroy(msg_t *msg)
{
    msg_destroy(msg);
}
