/* arena.c - region allocator: big blocks carved up, freed all at once. */
#include "arena.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { BLOCK_MIN = 64 * 1024, ALIGN = 16 };

struct block {
	struct block *prev;
	size_t size, used;
	/* payload follows, ALIGN-aligned because the header is 32 bytes */
	max_align_t payload[];
};

struct arena {
	struct block *top;
	size_t total_used;
};

static void out_of_memory(size_t size)
{
	fprintf(stderr, "reportc: out of memory (asked for %zu bytes)\n", size);
	abort();
}

void *xmalloc(size_t size)
{
	void *p = malloc(size ? size : 1);
	if (!p)
		out_of_memory(size);
	return p;
}

void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		out_of_memory(n * size);
	return p;
}

void *xrealloc(void *p, size_t size)
{
	void *q = realloc(p, size ? size : 1);
	if (!q)
		out_of_memory(size);
	return q;
}

char *xstrdup(const char *s)
{
	size_t len = strlen(s) + 1;
	return memcpy(xmalloc(len), s, len);
}

char *xvasprintf(const char *fmt, va_list ap)
{
	/* Most strings fit the stack buffer: one formatting pass, one copy. */
	char small[256];
	va_list copy;
	va_copy(copy, ap);
	int len = vsnprintf(small, sizeof small, fmt, copy);
	va_end(copy);
	if (len < 0)
		return xstrdup("");
	char *p = xmalloc((size_t)len + 1);
	if ((size_t)len < sizeof small)
		memcpy(p, small, (size_t)len + 1);
	else
		vsnprintf(p, (size_t)len + 1, fmt, ap);
	return p;
}

void xgrow(void *items_ptr, size_t *cap, size_t n, size_t size)
{
	void **items = items_ptr;
	if (n < *cap)
		return;
	size_t new_cap = *cap ? *cap * 2 : 8;
	while (new_cap <= n)
		new_cap *= 2;
	if (new_cap > SIZE_MAX / size)
		out_of_memory(SIZE_MAX);
	*items = xrealloc(*items, new_cap * size);
	*cap = new_cap;
}

struct arena *arena_new(void)
{
	return xcalloc(1, sizeof(struct arena));
}

void arena_free(struct arena *arena)
{
	if (!arena)
		return;
	struct block *b = arena->top;
	while (b) {
		struct block *prev = b->prev;
		free(b);
		b = prev;
	}
	free(arena);
}

void *arena_alloc(struct arena *arena, size_t size)
{
	size_t rounded = (size + ALIGN - 1) & ~(size_t)(ALIGN - 1);
	if (rounded < size)
		out_of_memory(size);
	struct block *b = arena->top;
	if (!b || b->size - b->used < rounded) {
		size_t block_size = rounded > BLOCK_MIN ? rounded : BLOCK_MIN;
		b = malloc(sizeof(struct block) + block_size);
		if (!b)
			out_of_memory(block_size);
		b->size = block_size;
		b->used = 0;
		b->prev = arena->top;
		arena->top = b;
	}
	void *p = (char *)b->payload + b->used;
	b->used += rounded;
	arena->total_used += rounded;
	return memset(p, 0, size);
}

void *arena_array(struct arena *arena, size_t n, size_t size)
{
	if (size && n > SIZE_MAX / size)
		out_of_memory(SIZE_MAX);
	return arena_alloc(arena, n * size);
}

void *arena_grow(struct arena *arena, void *items, size_t *cap, size_t n, size_t size)
{
	if (n < *cap)
		return items;
	size_t new_cap = *cap ? *cap * 2 : 16;
	while (new_cap <= n)
		new_cap *= 2;
	void *bigger = arena_array(arena, new_cap, size);
	if (*cap)
		memcpy(bigger, items, *cap * size);
	*cap = new_cap;
	return bigger;
}

char *arena_strndup(struct arena *arena, const char *s, size_t len)
{
	char *p = arena_alloc(arena, len + 1);
	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

char *arena_strdup(struct arena *arena, const char *s)
{
	return arena_strndup(arena, s, strlen(s));
}

char *arena_vprintf(struct arena *arena, const char *fmt, va_list ap)
{
	char *tmp = xvasprintf(fmt, ap);
	char *p = arena_strdup(arena, tmp);
	free(tmp);
	return p;
}

char *arena_printf(struct arena *arena, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *p = arena_vprintf(arena, fmt, ap);
	va_end(ap);
	return p;
}

size_t arena_used(const struct arena *arena)
{
	return arena->total_used;
}
