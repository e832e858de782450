/* image.c - the PNG images of a report folder, opened and decoded once. */
#define _POSIX_C_SOURCE 200809L
#include "image.h"

#include <errno.h>
#include <inttypes.h>
#include <png.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "folder.h"
#include "text.h"

enum {
	READ_BUFFER_BYTES = 1 << 16,
	WHY_BYTES = 200,
};

/* A hash table of images, by spelling (key) or by file (key NULL). */
struct slot {
	const char *key;
	struct image *im;
};

struct table {
	struct slot *slots;
	size_t cap, n; /* cap a power of two, at most half full */
};

struct image_set {
	char *dir;
	struct folder *folder;   /* opened on the first load */
	int folder_errno;        /* when it could not be */
	bool skip_pixels;
	unsigned long long pixels_used; /* by the images decoded so far */
	struct arena *arena;     /* images, spellings, messages */
	struct table by_src, by_file;
	struct image **all;      /* every image made, for freeing pixels */
	size_t n_all, cap_all;
};

struct image_set *image_set_new(const char *dir)
{
	struct image_set *set = xcalloc(1, sizeof *set);
	set->dir = xstrdup(dir && *dir ? dir : ".");
	set->arena = arena_new();
	return set;
}

void image_set_free(struct image_set *set)
{
	if (!set)
		return;
	for (size_t i = 0; i < set->n_all; i++) {
		free((void *)set->all[i]->pixels);
		free((void *)set->all[i]->alpha);
	}
	free(set->all);
	free(set->by_src.slots);
	free(set->by_file.slots);
	folder_free(set->folder);
	arena_free(set->arena);
	free(set->dir);
	free(set);
}

void image_set_skip_pixels(struct image_set *set)
{
	set->skip_pixels = true;
}

/* ---- the two tables -------------------------------------------------------- */

static size_t hash_src(const char *s)
{
	size_t h = 14695981039346656037u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	return h;
}

static size_t hash_file(dev_t dev, ino_t ino)
{
	uint64_t h = (uint64_t)ino * 0x9E3779B97F4A7C15u ^ (uint64_t)dev;
	return (size_t)(h ^ h >> 29);
}

static bool same(const struct slot *s, const char *key, const struct image *probe)
{
	if (key)
		return strcmp(s->key, key) == 0;
	return s->im->dev == probe->dev && s->im->ino == probe->ino;
}

static size_t hash_of(const char *key, const struct image *im)
{
	return key ? hash_src(key) : hash_file(im->dev, im->ino);
}

/* The slot of key (a spelling) or, key NULL, of probe's file: the one
 * holding it, or the empty one where it belongs. */
static struct slot *find(struct table *t, const char *key, const struct image *probe)
{
	if (!t->cap)
		return NULL;
	size_t mask = t->cap - 1;
	for (size_t i = hash_of(key, probe) & mask;; i = (i + 1) & mask)
		if (!t->slots[i].im || same(&t->slots[i], key, probe))
			return &t->slots[i];
}

static void put(struct table *t, const char *key, struct image *im)
{
	if ((t->n + 1) * 2 > t->cap) {
		struct table bigger = { xcalloc(t->cap ? t->cap * 2 : 64, sizeof *t->slots),
					t->cap ? t->cap * 2 : 64, 0 };
		for (size_t i = 0; i < t->cap; i++)
			if (t->slots[i].im)
				put(&bigger, t->slots[i].key, t->slots[i].im);
		free(t->slots);
		*t = bigger;
	}
	struct slot *s = find(t, key, im);
	if (!s->im)
		t->n++;
	*s = (struct slot){ key, im };
}

/* ---- reading the file -------------------------------------------------------- */

/* The file, read through its descriptor in blocks; libpng reads from here. */
struct reader {
	int fd;
	unsigned char buf[READ_BUFFER_BYTES];
	size_t len, pos;
	unsigned long long total;  /* bytes read from the file */
	uint64_t hash[2];          /* of those bytes */
	int sys_errno;             /* a read failed */
	char why[WHY_BYTES];       /* libpng's complaint */
};

/* Refills the buffer; false at the end of the file or on an error. */
static bool fill(struct reader *rd)
{
	for (;;) {
		ssize_t got = read(rd->fd, rd->buf, sizeof rd->buf);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			rd->sys_errno = errno;
			return false;
		}
		rd->len = (size_t)got;
		rd->pos = 0;
		rd->total += (unsigned long long)got;
		text_fingerprint_update(rd->hash, rd->buf, rd->len);
		return got > 0;
	}
}

static void read_png(png_structp png, png_bytep out, size_t n)
{
	struct reader *rd = png_get_io_ptr(png);
	while (n) {
		if (rd->pos == rd->len) {
			if (rd->total > IMAGE_MAX_FILE_BYTES)
				png_error(png, "the file grew past the limit while it was read");
			if (!fill(rd))
				png_error(png, rd->sys_errno ? strerror(rd->sys_errno)
							    : "the file ends in the middle of the image");
		}
		size_t take = rd->len - rd->pos < n ? rd->len - rd->pos : n;
		memcpy(out, rd->buf + rd->pos, take);
		rd->pos += take;
		out += take;
		n -= take;
	}
}

/* libpng's error handler must not return: it jumps back to decode(). */
static void png_failed(png_structp png, png_const_charp msg)
{
	struct reader *rd = png_get_error_ptr(png);
	snprintf(rd->why, sizeof rd->why, "%s", msg);
	png_longjmp(png, 1);
}

/* Warnings are about chunks libpng skips (a bad ancillary CRC, a junk ICC
 * profile): the image itself is fine. */
static void png_warned(png_structp png, png_const_charp msg)
{
	(void)png;
	(void)msg;
}

static uint32_t be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* Splits the grey+alpha or RGBA samples of buf (w*h pixels of channels
 * bytes) into im's colour plane and alpha plane; buf becomes the colour
 * plane, and the alpha plane is dropped when every pixel is opaque. */
static void split_alpha(struct image *im, unsigned char *buf, size_t n_pixels, unsigned channels)
{
	unsigned colour = channels - 1;
	unsigned char *alpha = xmalloc(n_pixels ? n_pixels : 1);
	bool opaque = true;
	for (size_t i = 0; i < n_pixels; i++) {
		const unsigned char *px = buf + i * channels;
		memmove(buf + i * colour, px, colour);
		alpha[i] = px[colour];
		opaque = opaque && alpha[i] == 0xFF;
	}
	im->channels = colour;
	im->pixels = xrealloc(buf, n_pixels ? n_pixels * colour : 1);
	if (opaque)
		free(alpha);
	else
		im->alpha = alpha;
}

/* Decodes the PNG read from rd into im (pixels unless the set skips
 * them), or sets why it cannot be. The whole image is decoded even when
 * the pixels are dropped, so that check finds what build would. */
static void decode(struct image_set *set, struct image *im, struct reader *rd)
{
	static const unsigned char sig[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' };
	fill(rd);
	if (rd->sys_errno) {
		im->status = IMAGE_UNREADABLE;
		im->sys_errno = rd->sys_errno;
		return;
	}
	if (rd->len < sizeof sig || memcmp(rd->buf, sig, sizeof sig) != 0) {
		im->status = IMAGE_NOT_PNG;
		return;
	}
	/* The size from the header first: libpng would only say "Invalid
	 * IHDR data", and an image past the bound is not decoded at all. */
	if (rd->len >= 24 && memcmp(rd->buf + 12, "IHDR", 4) == 0) {
		im->width_px = be32(rd->buf + 16);
		im->height_px = be32(rd->buf + 20);
		unsigned long long n = (unsigned long long)im->width_px * im->height_px;
		if (im->width_px > IMAGE_MAX_SIDE || im->height_px > IMAGE_MAX_SIDE ||
		    n > IMAGE_MAX_PIXELS) {
			im->status = IMAGE_TOO_LARGE;
			return;
		}
		if (set->pixels_used + n > IMAGE_MAX_PIXELS) {
			im->status = IMAGE_OVER_BUDGET;
			im->pixels_before = set->pixels_used;
			return;
		}
	}

	png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, rd, png_failed,
						 png_warned);
	png_infop info = png ? png_create_info_struct(png) : NULL;
	if (!info) {
		fprintf(stderr, "reportc: out of memory decoding an image\n");
		abort();
	}
	unsigned char *volatile buf = NULL;
	png_bytep *volatile rows = NULL;
	if (setjmp(png_jmpbuf(png))) {
		png_destroy_read_struct(&png, &info, NULL);
		free(buf);
		free(rows);
		im->status = IMAGE_CORRUPT;
		im->why = arena_strdup(set->arena, rd->why);
		return;
	}
	png_set_read_fn(png, rd, read_png);
	png_set_user_limits(png, IMAGE_MAX_SIDE, IMAGE_MAX_SIDE);
	png_read_info(png, info);
	uint32_t w = png_get_image_width(png, info), h = png_get_image_height(png, info);
	/* To 8-bit grey or RGB, with alpha from an alpha channel or tRNS:
	 * palettes and 1-, 2-, 4-bit grey expand, 16-bit samples scale. */
	png_set_expand(png);
	png_set_scale_16(png);
	int passes = png_set_interlace_handling(png);
	png_read_update_info(png, info);
	unsigned channels = png_get_channels(png, info);
	size_t row_bytes = png_get_rowbytes(png, info);
	if (png_get_bit_depth(png, info) != 8 || row_bytes != (size_t)w * channels)
		png_error(png, "unexpected sample layout after expansion");
	if (set->skip_pixels) {
		buf = xmalloc(row_bytes ? row_bytes : 1);
		for (int pass = 0; pass < passes; pass++)
			for (uint32_t y = 0; y < h; y++)
				png_read_row(png, buf, NULL);
	} else {
		buf = xmalloc(h ? row_bytes * h : 1);
		rows = xmalloc(sizeof *rows * (h ? h : 1));
		for (uint32_t y = 0; y < h; y++)
			rows[y] = buf + row_bytes * y;
		png_read_image(png, rows);
	}
	png_read_end(png, NULL);
	png_destroy_read_struct(&png, &info, NULL);
	free(rows);

	im->status = IMAGE_OK;
	im->width_px = w;
	im->height_px = h;
	im->channels = channels;
	set->pixels_used += (unsigned long long)w * h;
	if (set->skip_pixels) {
		free(buf);
		im->channels = channels == 2 || channels == 4 ? channels - 1 : channels;
	} else if (channels == 2 || channels == 4) {
		split_alpha(im, buf, (size_t)w * h, channels);
	} else {
		im->pixels = buf;
	}
}

/* ---- loading ------------------------------------------------------------------- */

/* Does src climb out of the folder by itself (absolute, or more `..` than
 * it has gone down)? Decided on the text, so it holds for files that do
 * not exist. */
static bool climbs_out(const char *src)
{
	if (src[0] == '/')
		return true;
	long depth = 0;
	for (const char *p = src; *p;) {
		size_t len = strcspn(p, "/");
		if (len == 2 && p[0] == '.' && p[1] == '.') {
			if (--depth < 0)
				return true;
		} else if (len && !(len == 1 && p[0] == '.')) {
			depth++;
		}
		p += len;
		if (*p == '/')
			p++;
	}
	return false;
}

static struct image *new_image(struct image_set *set, enum image_status status)
{
	struct image *im = arena_alloc(set->arena, sizeof *im);
	im->status = status;
	xgrow(&set->all, &set->cap_all, set->n_all, sizeof *set->all);
	set->all[set->n_all++] = im;
	return im;
}

/* Opens src inside the folder and decodes it, or finds the file among
 * those already decoded. */
static struct image *open_image(struct image_set *set, const char *src)
{
	if (climbs_out(src))
		return new_image(set, IMAGE_LEAVES);
	if (!set->folder && !set->folder_errno) {
		set->folder = folder_new(set->dir);
		if (!set->folder)
			set->folder_errno = errno ? errno : EIO;
	}
	if (!set->folder) {
		struct image *im = new_image(set, IMAGE_UNREADABLE);
		im->sys_errno = set->folder_errno;
		return im;
	}
	struct stat st;
	enum folder_error why;
	int fd = folder_open_file(set->folder, src, &st, &why);
	if (fd < 0) {
		int saved = errno;
		switch (why) {
		case FOLDER_OUTSIDE: return new_image(set, IMAGE_LINKS_OUT);
		case FOLDER_NOT_REGULAR: return new_image(set, IMAGE_NOT_REGULAR);
		case FOLDER_OK:
		case FOLDER_SYSTEM: break;
		}
		if (saved == ENOENT || saved == ENOTDIR)
			return new_image(set, IMAGE_MISSING);
		struct image *im = new_image(set, IMAGE_UNREADABLE);
		im->sys_errno = saved;
		return im;
	}
	/* The same file by another spelling or link: decoded once. */
	struct image probe = { .dev = st.st_dev, .ino = st.st_ino };
	struct slot *known = find(&set->by_file, NULL, &probe);
	if (known && known->im) {
		close(fd);
		return known->im;
	}
	struct image *im = new_image(set, IMAGE_OK);
	im->dev = st.st_dev;
	im->ino = st.st_ino;
	put(&set->by_file, NULL, im);
	if ((unsigned long long)st.st_size > IMAGE_MAX_FILE_BYTES) {
		im->status = IMAGE_FILE_TOO_BIG;
	} else {
		struct reader *rd = xcalloc(1, sizeof *rd);
		rd->fd = fd;
		text_fingerprint_init(rd->hash);
		decode(set, im, rd);
		im->hashed = true;
		im->hash[0] = rd->hash[0];
		im->hash[1] = rd->hash[1];
		free(rd);
	}
	close(fd);
	return im;
}

const struct image *image_set_load(struct image_set *set, const char *src)
{
	struct slot *s = find(&set->by_src, src, NULL);
	if (s && s->im)
		return s->im;
	struct image *im = open_image(set, src);
	put(&set->by_src, arena_strdup(set->arena, src), im);
	return im;
}

static int compare_hash(const void *a, const void *b)
{
	const uint64_t *x = a, *y = b;
	if (x[0] != y[0])
		return x[0] < y[0] ? -1 : 1;
	return x[1] < y[1] ? -1 : x[1] > y[1];
}

void image_set_fingerprint(const struct image_set *set, uint64_t fp[2])
{
	uint64_t(*hashes)[2] = xcalloc(set->n_all + 1, sizeof *hashes);
	size_t n = 0;
	for (size_t i = 0; i < set->n_all; i++)
		if (set->all[i]->hashed) {
			hashes[n][0] = set->all[i]->hash[0];
			hashes[n][1] = set->all[i]->hash[1];
			n++;
		}
	qsort(hashes, n, sizeof *hashes, compare_hash);
	for (size_t i = 0; i < n; i++)
		text_fingerprint_update(fp, hashes[i], sizeof hashes[i]);
	free(hashes);
}

/* ---- messages ------------------------------------------------------------------ */

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? slash + 1 : path;
}

/* n as "49,000,000". */
static const char *grouped(struct arena *arena, unsigned long long n)
{
	char digits[32], out[48];
	int len = snprintf(digits, sizeof digits, "%llu", n);
	size_t o = 0;
	for (int i = 0; i < len; i++) {
		if (i && (len - i) % 3 == 0)
			out[o++] = ',';
		out[o++] = digits[i];
	}
	out[o] = '\0';
	return arena_strdup(arena, out);
}

const char *image_problem(const struct image *im, const char *src, struct arena *arena)
{
	switch (im->status) {
	case IMAGE_OK:
		return "";
	case IMAGE_LEAVES:
		return arena_printf(arena, " leaves the report folder; put the image in the folder "
					   "(for example images/%s) and name it from there",
				    base_name(src));
	case IMAGE_MISSING:
		return ": there is no such file in the report folder; add the image or correct "
		       "the path";
	case IMAGE_LINKS_OUT:
		return " leads out of the report folder through a symbolic link; copy the image "
		       "itself into the folder";
	case IMAGE_UNREADABLE:
		return arena_printf(arena, " cannot be read (%s); check the file",
				    strerror(im->sys_errno));
	case IMAGE_NOT_REGULAR:
		return " is not a regular file; name a PNG file";
	case IMAGE_NOT_PNG:
		return " is not a PNG file (it does not start with the PNG signature); save the "
		       "image as PNG";
	case IMAGE_CORRUPT:
		return arena_printf(arena, " is a damaged PNG file (libpng: %s); save the image "
					   "again as PNG",
				    im->why);
	case IMAGE_FILE_TOO_BIG:
		return arena_printf(arena, " is larger than %d MB; save the image smaller",
				    IMAGE_MAX_FILE_BYTES / (1024 * 1024));
	case IMAGE_TOO_LARGE:
		return arena_printf(arena, " is %" PRIu32 " x %" PRIu32 " pixels; the limit is %d "
					   "pixels a side and %s pixels in all: scale it down",
				    im->width_px, im->height_px, IMAGE_MAX_SIDE,
				    grouped(arena, IMAGE_MAX_PIXELS));
	case IMAGE_OVER_BUDGET:
		return arena_printf(arena, " is %" PRIu32 " x %" PRIu32 " pixels, and the "
					   "report's images before it already have %s: together "
					   "they pass the limit of %s pixels for all the images of "
					   "a report; scale the images down",
				    im->width_px, im->height_px, grouped(arena, im->pixels_before),
				    grouped(arena, IMAGE_MAX_PIXELS));
	}
	return "";
}

int image_rule(const struct image *im)
{
	switch (im->status) {
	case IMAGE_FILE_TOO_BIG:
	case IMAGE_TOO_LARGE:
	case IMAGE_OVER_BUDGET:
		return 0;
	default:
		return 9;
	}
}
