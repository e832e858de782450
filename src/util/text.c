/* text.c - UTF-8 decoding and edit distance. */
#include "text.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"

size_t text_utf8_decode(const char *str, size_t len, uint32_t *cp)
{
	const unsigned char *s = (const unsigned char *)str;
	if (len == 0)
		return 0;
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	size_t n;
	uint32_t c, min;
	if ((s[0] & 0xE0) == 0xC0) {
		n = 2, c = s[0] & 0x1F, min = 0x80;
	} else if ((s[0] & 0xF0) == 0xE0) {
		n = 3, c = s[0] & 0x0F, min = 0x800;
	} else if ((s[0] & 0xF8) == 0xF0) {
		n = 4, c = s[0] & 0x07, min = 0x10000;
	} else {
		return 0;
	}
	if (len < n)
		return 0;
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3F);
	}
	if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		return 0;
	*cp = c;
	return n;
}

size_t text_utf8_encode(uint32_t cp, char *out)
{
	unsigned char *o = (unsigned char *)out;
	if (cp < 0x80) {
		o[0] = (unsigned char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (unsigned char)(0xC0 | (cp >> 6));
		o[1] = (unsigned char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (unsigned char)(0xE0 | (cp >> 12));
		o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		o[2] = (unsigned char)(0x80 | (cp & 0x3F));
		return 3;
	}
	o[0] = (unsigned char)(0xF0 | (cp >> 18));
	o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
	o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
	o[3] = (unsigned char)(0x80 | (cp & 0x3F));
	return 4;
}

size_t text_utf8_length(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			n++;
	return n;
}

/* Code points of s, ASCII folded to lower case; caller frees. */
static uint32_t *folded(const char *s, size_t *n)
{
	size_t len = strlen(s);
	uint32_t *cps = xmalloc((len + 1) * sizeof *cps);
	size_t k = 0;
	while (len) {
		uint32_t cp;
		size_t used = text_utf8_decode(s, len, &cp);
		if (!used) {
			cp = (unsigned char)*s;
			used = 1;
		}
		cps[k++] = cp < 0x80 ? (uint32_t)tolower((int)cp) : cp;
		s += used;
		len -= used;
	}
	*n = k;
	return cps;
}

size_t text_edit_distance(const char *a, const char *b)
{
	size_t na, nb;
	uint32_t *ca = folded(a, &na), *cb = folded(b, &nb);
	size_t *row = xmalloc((nb + 1) * sizeof *row);
	for (size_t j = 0; j <= nb; j++)
		row[j] = j;
	for (size_t i = 1; i <= na; i++) {
		size_t diag = row[0];
		row[0] = i;
		for (size_t j = 1; j <= nb; j++) {
			size_t up = row[j];
			size_t best = diag + (ca[i - 1] != cb[j - 1]);
			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diag = up;
		}
	}
	size_t d = row[nb];
	free(row);
	free(ca);
	free(cb);
	return d;
}

void text_fingerprint_init(uint64_t fp[2])
{
	fp[0] = 0xcbf29ce484222325u; /* FNV-1a's offset basis */
	fp[1] = 0x6c62272e07bb0142u; /* the upper half of FNV-128's, as a second lane */
}

void text_fingerprint_update(uint64_t fp[2], const void *data, size_t size)
{
	const uint64_t prime = 0x100000001b3u;
	const unsigned char *p = data;
	for (size_t i = 0; i < size; i++) {
		fp[0] = (fp[0] ^ p[i]) * prime;
		fp[1] = (fp[1] ^ (unsigned char)(p[i] + 0x5a)) * prime;
	}
}
