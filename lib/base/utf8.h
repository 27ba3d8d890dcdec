/* UTF-8, one sequence at a time: the strict decoder every writer of JSON, XML and HTML uses to
 * tell valid text from bytes to replace, and the encoder of a code point. */
#pragma once

#include <stddef.h>
#include <stdint.h>

/* Decode the sequence at s (n >= 1 bytes left): its length (1-4) with its code point in *cp (cp
 * may be NULL), or 0 when it is not valid UTF-8 (overlong, a surrogate, past U+10FFFF, a bad or
 * missing continuation byte). */
size_t utf8_decode(const unsigned char *s, size_t n, uint32_t *cp);

/* Encode cp (below 0x200000: the 4-byte form's reach, so surrogates and code points past
 * U+10FFFF are encoded too; callers that must not write them check first) into out. Returns the
 * length, or 0 for cp >= 0x200000 (out untouched). */
size_t utf8_encode(uint32_t cp, char out[4]);
