/* make-untagged-dl.c - renders a one-page tagged display list with one mark
 * drawn outside every structure element and artifact, to show that the
 * renderer refuses it (run.sh checks the exit status and the message).
 *
 * usage: make-untagged-dl KIND OUT.pdf FONT PNG
 *
 * KIND is text, line, rect, path or image: what is drawn outside; or none,
 * which draws it inside a paragraph and must render. FONT is a TrueType
 * file, PNG an 8-bit PNG image. Exit status: 0 rendered, 1 the render
 * failed (reason on stderr), 2 bad usage. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dl.h"
#include "font.h"
#include "output.h"
#include "render-pdf.h"

#define INK DL_HEX(0x222222)

/* The PNG at path, decoded as reportc decodes a report's images (from a
 * set over its folder, which must outlive the rendering); exits when it
 * cannot be drawn. */
static const struct image *load_png(const char *path, struct image_set **set)
{
	const char *slash = strrchr(path, '/');
	char dir[4096];
	snprintf(dir, sizeof dir, "%.*s", slash ? (int)(slash - path) : 1, slash ? path : ".");
	*set = image_set_new(*dir ? dir : "/");
	const struct image *im = image_set_load(*set, slash ? slash + 1 : path);
	if (im->status != IMAGE_OK) {
		struct arena *arena = arena_new();
		fprintf(stderr, "%s%s\n", path, image_problem(im, path, arena));
		arena_free(arena);
		exit(2);
	}
	return im;
}

static void draw(struct dl *dl, const char *kind, size_t font, size_t image)
{
	if (strcmp(kind, "text") == 0 || strcmp(kind, "none") == 0) {
		dl_add_text(dl, 72, 600, font, 12, INK, 0, "Drawn where no element holds it.");
	} else if (strcmp(kind, "line") == 0) {
		dl_add_line(dl, 72, 590, 300, 590, 1, INK, DL_SOLID);
	} else if (strcmp(kind, "rect") == 0) {
		struct dl_paint fill = dl_paint_fill(INK);
		dl_add_rect(dl, 72, 560, 100, 20, &fill);
	} else if (strcmp(kind, "path") == 0) {
		dl_path_move_to(dl, 72, 540);
		dl_path_line_to(dl, 172, 540);
		dl_path_line_to(dl, 122, 520);
		dl_path_close(dl);
		struct dl_paint fill = dl_paint_fill(INK);
		dl_add_path(dl, &fill);
	} else {
		dl_add_image(dl, image, 72, 400, 64, 64);
	}
}

int main(int argc, char **argv)
{
	static const char *const kinds[] = { "text", "line", "rect", "path", "image", "none" };
	bool known = false;
	for (size_t i = 0; argc == 5 && i < sizeof kinds / sizeof kinds[0]; i++)
		known |= strcmp(argv[1], kinds[i]) == 0;
	if (!known) {
		fprintf(stderr, "usage: make-untagged-dl text|line|rect|path|image|none OUT.pdf "
				"FONT PNG\n");
		return 2;
	}
	const char *kind = argv[1];
	struct dl *dl = dl_new();
	dl_set_info(dl, &(struct dl_info){ .title = "Untagged", .lang = "en-GB",
					   .creator = "make-untagged-dl" });
	char font_err[512];
	struct font *face = font_load(argv[3], font_err, sizeof font_err);
	if (!face) {
		fprintf(stderr, "make-untagged-dl: %s\n", font_err);
		return 2;
	}
	size_t size;
	const void *bytes = font_bytes(face, &size);
	size_t font = dl_font_index(dl, argv[3], bytes, size);
	font_free(face);
	struct image_set *images;
	size_t image = dl_image_index(dl, argv[4], load_png(argv[4], &images));
	dl_struct_open(dl, DL_DOCUMENT, NULL);
	dl_page_begin(dl);
	dl_struct_open(dl, DL_H1, NULL);
	dl_add_text(dl, 72, 700, font, 20, INK, 0, "Untagged content");
	dl_struct_close(dl);
	if (strcmp(kind, "none") == 0) {
		dl_struct_open(dl, DL_P, NULL);
		draw(dl, kind, font, image);
		dl_struct_close(dl);
		dl_struct_close(dl);
	} else {
		/* The document element is closed: nothing holds what follows. */
		dl_struct_close(dl);
		draw(dl, kind, font, image);
	}
	dl_page_end(dl);

	char err[1024];
	struct output *out = output_open(argv[2], OUTPUT_PDF, /*force*/ true, NULL, err, sizeof err);
	int ret = out ? render_pdf(dl, output_write, out, err, sizeof err) : -1;
	if (out && ret != 0)
		(void)output_abandon(out, err, sizeof err);
	else if (out)
		ret = output_commit(out, NULL, err, sizeof err);
	if (ret != 0)
		fprintf(stderr, "make-untagged-dl: %s\n", err);
	dl_free(dl);
	image_set_free(images);
	return ret == 0 ? 0 : 1;
}
