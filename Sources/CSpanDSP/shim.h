/* spandsp's G.722 coder only: telephony.h for SPAN_DECLARE, then g722.h (no tiff, no fax). */
#include <stdint.h>
#include <stdlib.h>
#include <spandsp/telephony.h>
#include <spandsp/g722.h>
