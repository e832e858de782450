/* test-image.c - the image set: each file of the folder opened once inside
 * it and decoded once, found again by any spelling, within the pixel bound;
 * and layout drawing the pixels check decoded, whatever happens to the
 * file afterwards (TAP). Run from the source root. */
#define _XOPEN_SOURCE 700
#include <errno.h>
#include <png.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "dl.h"
#include "font.h"
#include "image.h"
#include "layout.h"
#include "load.h"
#include "model.h"
#include "style.h"
#include "tap.h"

static char work[] = "/tmp/reportc-test-image.XXXXXX";

static const char *at(const char *rel)
{
	static char buf[8][4096];
	static int k;
	k = (k + 1) % 8;
	snprintf(buf[k], sizeof buf[k], "%s/%s", work, rel);
	return buf[k];
}

/* A w x h PNG of the given libpng format, every sample v, written with
 * libpng's own writer. */
static void write_png(const char *rel, unsigned w, unsigned h, png_uint_32 format,
		      unsigned char v)
{
	png_image img = { .version = PNG_IMAGE_VERSION, .width = w, .height = h,
			  .format = format };
	size_t n = PNG_IMAGE_SIZE(img);
	unsigned char *px = malloc(n);
	memset(px, v, n);
	if (!png_image_write_to_file(&img, at(rel), 0, px, 0, NULL)) {
		fprintf(stderr, "cannot write %s: %s\n", rel, img.message);
		exit(2);
	}
	free(px);
}

static void test_set(void)
{
	write_png("images/a.png", 3, 2, PNG_FORMAT_RGB, 7);
	write_png("images/ga.png", 2, 2, PNG_FORMAT_GA, 200);
	write_png("images/opaque.png", 2, 2, PNG_FORMAT_RGBA, 255);
	symlink("a.png", at("images/link.png"));
	link(at("images/a.png"), at("images/hard.png"));
	symlink("/etc/passwd", at("images/out.png"));
	mkdir(at("images/dir.png"), 0755);
	mkfifo(at("images/fifo.png"), 0644);

	struct image_set *set = image_set_new(work);
	const struct image *a = image_set_load(set, "images/a.png");
	ok(a->status == IMAGE_OK && a->width_px == 3 && a->height_px == 2 && a->channels == 3 &&
		   a->pixels && a->pixels[0] == 7 && a->pixels[17] == 7 && !a->alpha,
	   "an RGB PNG decodes to 3 x 2 RGB pixels, no alpha");
	ok(image_set_load(set, "images/./a.png") == a && image_set_load(set, "images//a.png") == a &&
		   image_set_load(set, "./images/../images/a.png") == a &&
		   image_set_load(set, "images/link.png") == a &&
		   image_set_load(set, "images/hard.png") == a,
	   "other spellings, a link and a hard link find the same decoded image");
	const struct image *ga = image_set_load(set, "images/ga.png");
	ok(ga->status == IMAGE_OK && ga->channels == 1 && ga->alpha && ga->alpha[3] == 200,
	   "grey with alpha: a grey plane and an alpha plane");
	const struct image *op = image_set_load(set, "images/opaque.png");
	ok(op->status == IMAGE_OK && op->channels == 3 && !op->alpha,
	   "an alpha channel that is opaque everywhere makes no soft mask");

	ok(image_set_load(set, "images/out.png")->status == IMAGE_LINKS_OUT,
	   "a link leading out of the folder is refused");
	ok(image_set_load(set, "../x.png")->status == IMAGE_LEAVES &&
		   image_set_load(set, "/etc/passwd")->status == IMAGE_LEAVES,
	   "a path that leaves the folder by itself is refused before any look");
	ok(image_set_load(set, "images/dir.png")->status == IMAGE_NOT_REGULAR &&
		   image_set_load(set, "images/fifo.png")->status == IMAGE_NOT_REGULAR,
	   "a folder and a FIFO are not regular files (and the FIFO does not hang)");
	ok(image_set_load(set, "images/none.png")->status == IMAGE_MISSING, "a missing file");

	/* Gone from the disk: the spelling already seen is not opened again. */
	unlink(at("images/a.png"));
	ok(image_set_load(set, "images/a.png") == a, "a file is opened once per spelling");
	image_set_free(set);
}

/* The bound: 7000 x 7000 then 1000 x 1000 is exactly 50 million pixels;
 * one pixel more is a finding at the image that passes it, which itself
 * takes nothing from the bound. */
static void test_bound(void)
{
	write_png("images/big.png", 7000, 7000, PNG_FORMAT_GRAY, 0);
	write_png("images/mid.png", 1000, 1000, PNG_FORMAT_GRAY, 0);
	write_png("images/two.png", 2, 1, PNG_FORMAT_GRAY, 0);
	struct image_set *set = image_set_new(work);
	image_set_skip_pixels(set);
	const struct image *big = image_set_load(set, "images/big.png");
	ok(big->status == IMAGE_OK && !big->pixels && big->width_px == 7000,
	   "without pixels, an image is still decoded and measured");
	ok(image_set_load(set, "images/mid.png")->status == IMAGE_OK,
	   "images up to 50 million pixels in all are accepted");
	const struct image *two = image_set_load(set, "images/two.png");
	struct arena *arena = arena_new();
	ok(two->status == IMAGE_OVER_BUDGET && image_rule(two) == 0 &&
		   strcmp(image_problem(two, "images/two.png", arena),
			  " is 2 x 1 pixels, and the report's images before it already have "
			  "50,000,000: together they pass the limit of 50,000,000 pixels for all "
			  "the images of a report; scale the images down") == 0,
	   "the image that passes the bound is refused, saying by how much");
	ok(image_set_load(set, "images/big.png") == big, "an image already counted counts once");
	arena_free(arena);
	image_set_free(set);
	unlink(at("images/big.png"));
	unlink(at("images/mid.png"));
	unlink(at("images/two.png"));
}

/* check decodes the logo; then the file is swapped for a link to a larger
 * PNG outside the folder. Layout (and so the renderer, which only gets the
 * display list) still draws the pixels check saw. */
static void test_swap(const struct font_family *fam, const char *const *font_paths)
{
	char cmd[8192];
	snprintf(cmd, sizeof cmd, "rm -rf '%s/report' && cp -RP tests/check/base '%s/report'",
		 work, work);
	if (system(cmd) != 0) {
		ok(false, "copy tests/check/base");
		return;
	}
	struct diags d;
	diags_init(&d);
	char err[512];
	struct model *m = load_folder(at("report"), &d, err, sizeof err);
	if (!m) {
		ok(false, "load_folder: %s", err);
		return;
	}
	check_model(m, &d);
	const struct image *logo = image_set_load(m->images, "images/logo.png");
	ok(d.n_errors == 0 && logo->status == IMAGE_OK && logo->width_px == 1,
	   "check decodes the 1 x 1 logo");

	char outside[4096];
	if (!realpath("tests/layout/base/images/logo.png", outside)) {
		ok(false, "tests/layout/base/images/logo.png: %s", strerror(errno));
		return;
	}
	unlink(at("report/images/logo.png"));
	if (symlink(outside, at("report/images/logo.png")) != 0) {
		ok(false, "symlink: %s", strerror(errno));
		return;
	}

	struct style st;
	style_defaults(&st);
	struct layout_options o = { 0 };
	for (int i = 0; i < FACE_COUNT; i++)
		o.font_paths[i] = font_paths[i];
	struct dl *dl = layout_report(m, &st, fam, &o, &d);
	bool same = dl && dl->n_images == 1 && dl->images[0].image == logo &&
		    dl->images[0].image->width_px == 1;
	ok(same && d.n_errors == 0,
	   "after a link to an outside file is swapped in, layout draws the image check decoded");
	dl_free(dl);
	model_free(m);
	diags_free(&d);
}

int main(void)
{
	if (!mkdtemp(work)) {
		printf("1..0 # SKIP cannot make a temporary folder\n");
		return 0;
	}
	mkdir(at("images"), 0755);
	test_set();
	test_bound();

	struct font_family fam;
	char err[512];
	const char *font_paths[FACE_COUNT];
	char paths[FACE_COUNT][256];
	if (font_family_load(&fam, "fonts", font_default_files, err, sizeof err)) {
		for (int i = 0; i < FACE_COUNT; i++) {
			snprintf(paths[i], sizeof paths[i], "fonts/%s", font_default_files[i]);
			font_paths[i] = paths[i];
		}
		test_swap(&fam, font_paths);
		font_family_free(&fam);
	} else {
		ok(false, "cannot load fonts: %s", err);
	}

	char cmd[4200];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", work);
	if (system(cmd) != 0)
		fprintf(stderr, "cannot remove %s\n", work);
	return tap_done();
}
