/* text.h - UTF-8 and string helpers shared by loading, checking and layout. */
#ifndef REPORTC_TEXT_H
#define REPORTC_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Decodes one code point at s (len bytes available). Returns the number of
 * bytes used, or 0 for a malformed, overlong or surrogate sequence. */
size_t text_utf8_decode(const char *s, size_t len, uint32_t *cp);
/* Encodes cp into out (4 bytes room); returns bytes written. */
size_t text_utf8_encode(uint32_t cp, char *out);
/* Code points in s. */
size_t text_utf8_length(const char *s);

/* Levenshtein distance in code points, case-insensitive for ASCII. */
size_t text_edit_distance(const char *a, const char *b);

/* A 128-bit fingerprint in two FNV-1a lanes with different offset bases:
 * not cryptographic, only a stable name for a set of input bytes. Start
 * with text_fingerprint_init(), feed bytes in order. */
void text_fingerprint_init(uint64_t fp[2]);
void text_fingerprint_update(uint64_t fp[2], const void *data, size_t size);

#endif
