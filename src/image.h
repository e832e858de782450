/* image.h - the PNG images of a report folder: each file opened once (inside
 * the folder, folder.h), decoded once with libpng to 8-bit pixels, and
 * shared by every element that names it, however it is spelled.
 *
 * check finds every problem through image_set_load(); layout takes sizes
 * and the display list the decoded pixels from the same set, so the
 * renderer never opens a file and libharu never parses a PNG (its PNG
 * loader crashes on valid files: tRNS in RGB, interlaced RGBA). */
#ifndef REPORTC_IMAGE_H
#define REPORTC_IMAGE_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "arena.h"

enum {
	IMAGE_MAX_SIDE = 65535,               /* pixels, libharu's coordinates stop there */
	IMAGE_MAX_PIXELS = 50 * 1000 * 1000,  /* all the report's images together */
	IMAGE_MAX_FILE_BYTES = 256 * 1024 * 1024,
};

enum image_status {
	IMAGE_OK,
	IMAGE_LEAVES,        /* the path leaves the folder by itself (absolute, `..`) */
	IMAGE_MISSING,       /* no such file */
	IMAGE_LINKS_OUT,     /* a symbolic link leads out of the folder */
	IMAGE_UNREADABLE,    /* the system refused: sys_errno */
	IMAGE_NOT_REGULAR,   /* a folder, device, FIFO or socket */
	IMAGE_NOT_PNG,       /* no PNG signature */
	IMAGE_CORRUPT,       /* libpng cannot decode it: why */
	IMAGE_FILE_TOO_BIG,  /* more than IMAGE_MAX_FILE_BYTES */
	IMAGE_TOO_LARGE,     /* a side past IMAGE_MAX_SIDE, or more pixels than all may have */
	IMAGE_OVER_BUDGET,   /* with the images before it, past IMAGE_MAX_PIXELS */
};

/* One image file (or one spelling that names no usable file). The pixels
 * are rows top to bottom, width_px * channels bytes each, no padding:
 * grey (1 channel) or RGB (3), whatever the PNG held (palette, 1 to 16
 * bits, interlaced); alpha, one byte a pixel, comes from an alpha channel
 * or tRNS and is NULL when every pixel is opaque. */
struct image {
	enum image_status status;
	int sys_errno;                /* IMAGE_UNREADABLE */
	const char *why;              /* IMAGE_CORRUPT: libpng's words */
	uint32_t width_px, height_px; /* from the header, also when too large */
	unsigned long long pixels_before; /* IMAGE_OVER_BUDGET: the images before it */
	unsigned channels;
	const unsigned char *pixels;  /* NULL when the set keeps none */
	const unsigned char *alpha;
	dev_t dev;                    /* the file, for sharing it between spellings */
	ino_t ino;
	bool hashed;                  /* the bytes read from the file, hashed */
	uint64_t hash[2];
};

struct image_set;

/* A set for the images of the folder dir (opened when first needed);
 * valid until image_set_free(), with every image it returned. */
struct image_set *image_set_new(const char *dir);
void image_set_free(struct image_set *set);

/* From now on images are decoded to be checked and measured only, their
 * pixels dropped (`reportc check` draws nothing). Call before any load. */
void image_set_skip_pixels(struct image_set *set);

/* The image src (relative to the folder) names: opened, checked and
 * decoded on the first request for that file, found again for any later
 * spelling of it (images/a.png, images/./a.png, a link to it). Never
 * NULL; status says whether it can be drawn. */
const struct image *image_set_load(struct image_set *set, const char *src);

/* Folds the files of every image loaded so far into fp (a fingerprint of
 * text_fingerprint_init()): their hashes in sorted order, so that neither
 * the order of loading nor how they are spelled changes it. */
void image_set_fingerprint(const struct image_set *set, uint64_t fp[2]);

/* What is wrong with im, as the rest of a sentence that starts with
 * `figure src="SRC"`: "is not a PNG file (...); save the image as PNG".
 * The string is made in arena. */
const char *image_problem(const struct image *im, const char *src, struct arena *arena);

/* The rule of FORMAT.md a problem breaks: 9 when src names no usable PNG
 * inside the folder, 0 for reportc's own size limits. */
int image_rule(const struct image *im);

#endif
