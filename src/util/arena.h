/* arena.h - region allocation and allocation wrappers that abort on OOM.
 *
 * An arena owns everything allocated from it; one arena_free() releases it
 * all. Lifetimes: the model's arena lives for the run, layout allocates one
 * per pass, the display list one until rendering. */
#ifndef REPORTC_ARENA_H
#define REPORTC_ARENA_H

#include <stdarg.h>
#include <stddef.h>

#if defined(__GNUC__)
#define RC_PRINTF(fmt, args) __attribute__((format(printf, fmt, args)))
#else
#define RC_PRINTF(fmt, args)
#endif

struct arena;

struct arena *arena_new(void);
void arena_free(struct arena *arena);

/* Zeroed memory aligned for any type, valid until arena_free(). */
void *arena_alloc(struct arena *arena, size_t size);
/* Zeroed array of n elements of size bytes; aborts on overflow. */
void *arena_array(struct arena *arena, size_t n, size_t size);
/* Returns items (an array of *cap elements of size bytes in the arena)
 * with room for index n, copying into a larger block of the arena when
 * needed; the old block stays until arena_free(). */
void *arena_grow(struct arena *arena, void *items, size_t *cap, size_t n, size_t size);
char *arena_strdup(struct arena *arena, const char *s);
char *arena_strndup(struct arena *arena, const char *s, size_t len);
char *arena_printf(struct arena *arena, const char *fmt, ...) RC_PRINTF(2, 3);
char *arena_vprintf(struct arena *arena, const char *fmt, va_list ap);
/* Bytes handed out so far (for the memory bound and the benchmark). */
size_t arena_used(const struct arena *arena);

/* malloc family that prints a message and aborts when memory runs out. */
void *xmalloc(size_t size);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t size);
char *xstrdup(const char *s);
/* vsprintf into a new malloc'd string. */
char *xvasprintf(const char *fmt, va_list ap);
/* Grows *items (of *cap elements of size bytes) so that index n fits. */
void xgrow(void *items_ptr, size_t *cap, size_t n, size_t size);

#endif
