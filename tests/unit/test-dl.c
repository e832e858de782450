/* test-dl.c - building the display list and its stable text dump (TAP). */
#include <locale.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dl.h"
#include "tap.h"


/* The dump of dl as a malloc'd string. */
static char *dump(const struct dl *dl)
{
	FILE *f = tmpfile();
	if (!f) {
		perror("tmpfile");
		exit(2);
	}
	dl_dump(dl, f);
	long size = ftell(f);
	rewind(f);
	char *s = xmalloc((size_t)size + 1);
	size_t got = fread(s, 1, (size_t)size, f);
	s[got] = '\0';
	fclose(f);
	return s;
}

/* Prints both texts as TAP comments when they differ. */
static bool same_text(const char *got, const char *want)
{
	if (strcmp(got, want) == 0)
		return true;
	printf("# --- want\n");
	for (const char *p = want; *p;) {
		const char *nl = strchr(p, '\n');
		int len = nl ? (int)(nl - p) : (int)strlen(p);
		printf("# %.*s\n", len, p);
		p += len + (nl != NULL);
	}
	printf("# --- got\n");
	for (const char *p = got; *p;) {
		const char *nl = strchr(p, '\n');
		int len = nl ? (int)(nl - p) : (int)strlen(p);
		printf("# %.*s\n", len, p);
		p += len + (nl != NULL);
	}
	return false;
}

static void test_format(void)
{
	static const struct {
		double v;
		const char *want;
	} cases[] = {
		{ 0, "0.00" },		{ 1.5, "1.50" },	{ -1.5, "-1.50" },
		{ -0.004, "0.00" },	{ 0.125, "0.13" },	{ -0.125, "-0.13" },
		{ 595.28, "595.28" },	{ 841.89, "841.89" },	{ 123.456, "123.46" },
		{ 1e6, "1000000.00" },	{ -72, "-72.00" },	{ 0.999, "1.00" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char buf[32];
		dl_format_pt(cases[i].v, buf);
		ok(strcmp(buf, cases[i].want) == 0, "dl_format_pt(%g) is %s (got %s)", cases[i].v,
		   cases[i].want, buf);
	}
}

/* Builds a list that uses every kind of operation. */
static struct dl *sample(void)
{
	struct dl *dl = dl_new();
	dl_set_info(dl, &(struct dl_info){ .title = "Café \"Zürich\"", .lang = "en-GB" });
	dl_set_created(dl, (struct dl_date){ 2024, 3, 31, 23, 5, 9, /*utc_offset_min*/ -90 });
	uint8_t id[16];
	for (int i = 0; i < 16; i++)
		id[i] = (uint8_t)i;
	dl_set_id(dl, id);
	size_t f = dl_font_index(dl, "fonts/OpenSans-Regular.ttf", "ttf", 3);
	static const unsigned char pixel[3] = { 1, 2, 3 };
	static const struct image logo = { .status = IMAGE_OK, .width_px = 1, .height_px = 1,
					   .channels = 3, .pixels = pixel };
	size_t img = dl_image_index(dl, "images/logo.png", &logo);
	dl_add_page_label(dl, 0, DL_LABEL_ROMAN_LOWER, "A-", 1);
	dl_add_outline(dl, 1, "Foreword", "fw");

	dl_struct_open(dl, DL_DOCUMENT, NULL);
	dl_page_begin(dl);
	dl_add_dest(dl, "fw", 800);
	size_t p = dl_struct_open(dl, DL_P, NULL);
	dl_add_text(dl, 72, 700.006, f, 10, DL_HEX(0x1a2b3c), 0, "a\\b");
	dl_add_text(dl, 72, 686, f, 10, DL_HEX(0x1a2b3c), DL_TEXT_HYPHEN_ADDED, "infor-");
	dl_struct_close(dl);
	dl_artifact_begin(dl, DL_ARTIFACT_FOOTER);
	dl_add_line(dl, 72, 60, 523.28, 60, /*width_pt*/ 0.5, DL_HEX(0x999999),
		    (struct dl_dash){ 1, 2 });
	dl_artifact_end(dl);
	dl_page_end(dl);

	dl_page_begin_size(dl, 842, 595);
	dl_struct_resume(dl, p);
	struct dl_paint fill = dl_paint_fill(DL_HEX(0xff0000));
	fill.fill_opacity = 0.15;
	dl_add_rect(dl, -0.004, 0, 10, 10, &fill);
	dl_struct_close(dl);
	dl_struct_open(dl, DL_FIGURE, &(struct dl_struct_attrs){ .alt = "A logo" });
	dl_add_image(dl, img, 1, 2, 3, 4);
	dl_struct_close(dl);
	dl_struct_open(dl, DL_TH, &(struct dl_struct_attrs){ .scope = DL_SCOPE_COLUMN });
	dl_path_move_to(dl, 0, 0);
	dl_path_line_to(dl, 10, 0);
	dl_path_close(dl);
	struct dl_paint stroke = dl_paint_stroke(DL_HEX(0x000000), 1.25);
	dl_add_path(dl, &stroke);
	dl_struct_close(dl);
	dl_struct_open(dl, DL_LINK, NULL);
	dl_add_link_uri(dl, 1, 2, 3, 4, "https://example.org/é");
	dl_struct_close(dl);
	dl_struct_open(dl, DL_SPAN, &(struct dl_struct_attrs){ .lang = "cy" });
	dl_add_text_n(dl, 5, 6, f, 9, DL_HEX(0x000000), 0, "diolch yn fawr", 6);
	dl_struct_close(dl);
	dl_artifact_begin(dl, DL_ARTIFACT_WATERMARK);
	dl_add_text_rotated(dl, 100, 100, f, 120, DL_HEX(0xcc0000), 45, 0.15, "DRAFT");
	dl_artifact_end(dl);
	dl_add_note(dl, 1, 2, 3, 4, "line1\nline2", NULL);
	dl_add_link_dest(dl, 1, 2, 3, 4, "fw");
	dl_page_end(dl);
	dl_struct_close(dl);
	return dl;
}

static const char sample_dump[] =
	"dl 1\n"
	"page-size 595.28 841.89\n"
	"info title \"Café \\\"Zürich\\\"\"\n"
	"info lang \"en-GB\"\n"
	"created 2024-03-31 23:05:09 -01'30\n"
	"id 000102030405060708090a0b0c0d0e0f\n"
	"font 0 \"fonts/OpenSans-Regular.ttf\"\n"
	"image-file 0 \"images/logo.png\"\n"
	"page-label 0 roman-lower \"A-\" 1\n"
	"outline 1 \"Foreword\" \"fw\"\n"
	"open 0 Document\n"
	"  page 1 595.28 841.89\n"
	"  dest \"fw\" 800.00\n"
	"  open 1 P\n"
	"    text 72.00 700.01 f0 10.00 #1a2b3c \"a\\\\b\"\n"
	"    text 72.00 686.00 f0 10.00 #1a2b3c hyphen-added \"infor-\"\n"
	"  close 1 P\n"
	"  artifact footer\n"
	"    line 72.00 60.00 523.28 60.00 w 0.50 #999999 dash 1.00 2.00\n"
	"  end-artifact\n"
	"  end-page\n"
	"  page 2 842.00 595.00\n"
	"  resume 1 P\n"
	"    rect 0.00 0.00 10.00 10.00 fill #ff0000 opacity 0.15\n"
	"  close 1 P\n"
	"  open 2 Figure alt=\"A logo\"\n"
	"    image 0 1.00 2.00 3.00 4.00\n"
	"  close 2 Figure\n"
	"  open 3 TH scope=column\n"
	"    path stroke #000000 w 1.25 : M 0.00 0.00 L 10.00 0.00 Z\n"
	"  close 3 TH\n"
	"  open 4 Link\n"
	"    link-uri 1.00 2.00 3.00 4.00 \"https://example.org/é\"\n"
	"  close 4 Link\n"
	"  open 5 Span lang=\"cy\"\n"
	"    text 5.00 6.00 f0 9.00 #000000 \"diolch\"\n"
	"  close 5 Span\n"
	"  artifact watermark\n"
	"    text 100.00 100.00 f0 120.00 #cc0000 angle 45.00 opacity 0.15 \"DRAFT\"\n"
	"  end-artifact\n"
	"  note 1.00 2.00 3.00 4.00 \"line1\\x0aline2\"\n"
	"  link-dest 1.00 2.00 3.00 4.00 \"fw\"\n"
	"  end-page\n"
	"close 0 Document\n";

static void test_dump(const char *locale_name)
{
	struct dl *dl = sample();
	char *got = dump(dl);
	ok(same_text(got, sample_dump), "dump of the sample list (LC_NUMERIC %s)", locale_name);
	free(got);
	dl_free(dl);
}

static void test_structure(void)
{
	struct dl *dl = sample();
	ok(dl->n_pages == 2, "two pages");
	ok(dl->n_elems == 6, "six structure elements");
	ok(dl->elems[0].parent == DL_NO_PARENT, "Document is at the top");
	ok(dl->elems[1].parent == 0 && dl->elems[2].parent == 0,
	   "P and Figure are children of Document");
	ok(dl->n_open == 0 && !dl->in_page && !dl->in_artifact, "everything is closed");
	ok(strcmp(dl->elems[2].attrs.alt, "A logo") == 0, "Figure keeps its alt text");
	ok(dl->elems[3].attrs.scope == DL_SCOPE_COLUMN, "TH keeps its scope");
	ok(strcmp(dl->elems[5].attrs.lang, "cy") == 0, "Span keeps its language");

	size_t resumes = 0;
	for (size_t i = 0; i < dl->n_ops; i++)
		if (dl->ops[i].kind == DL_STRUCT_RESUME)
			resumes += dl->ops[i].elem == 1;
	ok(resumes == 1, "the paragraph is resumed once");
	ok(strcmp(dl_struct_type_name(DL_BLOCKQUOTE), "BlockQuote") == 0 &&
	   strcmp(dl_struct_type_name(DL_LBODY), "LBody") == 0,
	   "structure type names are PDF's");
	dl_free(dl);
}

static void test_tables(void)
{
	struct dl *dl = dl_new();
	char bytes[] = "A-bytes";
	size_t a = dl_font_index(dl, "a.ttf", bytes, 7), b = dl_font_index(dl, "b.ttf", "B", 1);
	ok(a == 0 && b == 1 && dl_font_index(dl, "a.ttf", "other", 5) == 0 && dl->n_fonts == 2,
	   "a font path is added once");
	bytes[0] = 'X';
	ok(dl->fonts[0].size == 7 && memcmp(dl->fonts[0].data, "A-bytes", 7) == 0 &&
	   strcmp(dl->fonts[0].path, "a.ttf") == 0,
	   "a font's bytes are copied, the first ones given for its path kept");
	static const struct image x = { .status = IMAGE_OK, .width_px = 1, .height_px = 1 },
				  y = { .status = IMAGE_OK, .width_px = 1, .height_px = 1 };
	size_t i = dl_image_index(dl, "x.png", &x);
	ok(i == 0 && dl_image_index(dl, "./x.png", &x) == 0 && dl->n_images == 1 &&
		   strcmp(dl->images[0].name, "x.png") == 0,
	   "an image is added once, under the name it was first drawn by");
	ok(dl_image_index(dl, "x.png", &y) == 1 && dl->n_images == 2,
	   "another image is another entry, whatever its name");

	/* The list copies strings: the caller's buffer can change. */
	char buf[16] = "first";
	dl_page_begin(dl);
	dl_add_text(dl, 0, 0, a, 10, DL_HEX(0), 0, buf);
	strcpy(buf, "second");
	ok(strcmp(dl->ops[1].text.text, "first") == 0, "text is copied");
	dl_page_end(dl);
	dl_free(dl);
}

static void test_growth(void)
{
	struct dl *dl = dl_new();
	size_t f = dl_font_index(dl, "a.ttf", "ttf", 3);
	enum { PAGES = 400, RUNS = 250 };
	for (int p = 0; p < PAGES; p++) {
		dl_page_begin(dl);
		dl_struct_open(dl, DL_P, NULL);
		for (int r = 0; r < RUNS; r++)
			dl_add_text(dl, 72, 700 - r, f, 9, DL_HEX(0), 0, "words on a line");
		dl_struct_close(dl);
		dl_page_end(dl);
	}
	ok(dl->n_ops == (size_t)PAGES * (RUNS + 4) && dl->n_pages == PAGES &&
	   dl->n_elems == PAGES,
	   "100000 runs on 400 pages are all kept (no caps)");
	ok(strcmp(dl->ops[dl->n_ops - 3].text.text, "words on a line") == 0,
	   "the last run is intact");
	dl_free(dl);
}

static double dist(double x, double y)
{
	return sqrt(x * x + y * y);
}

static void test_arc(void)
{
	struct dl *dl = dl_new();
	dl_page_begin(dl);
	dl_path_move_to(dl, 0, 0);
	dl_path_arc(dl, 0, 0, 100, 90, -270);
	dl_path_close(dl);
	ok(dl->n_path == 7, "a full clockwise circle is a move, a line and 4 curves, closed");
	ok(dl->path[1].kind == DL_LINE_TO && fabs(dl->path[1].p[0][0]) < 1e-9 &&
	   fabs(dl->path[1].p[0][1] - 100) < 1e-9,
	   "the arc starts with a line to its first point (0, 100)");
	bool on_circle = true;
	for (size_t i = 2; i < 6; i++) {
		const struct dl_seg *s = &dl->path[i];
		/* The Bézier's point at t = 1/2, from the Bernstein weights. */
		double x0 = dl->path[i - 1].kind == DL_CURVE ? dl->path[i - 1].p[2][0]
							      : dl->path[i - 1].p[0][0];
		double y0 = dl->path[i - 1].kind == DL_CURVE ? dl->path[i - 1].p[2][1]
							      : dl->path[i - 1].p[0][1];
		double mx = (x0 + 3 * s->p[0][0] + 3 * s->p[1][0] + s->p[2][0]) / 8;
		double my = (y0 + 3 * s->p[0][1] + 3 * s->p[1][1] + s->p[2][1]) / 8;
		on_circle = on_circle && s->kind == DL_CURVE &&
			    fabs(dist(s->p[2][0], s->p[2][1]) - 100) < 1e-9 &&
			    fabs(dist(mx, my) - 100) < 0.03;
	}
	ok(on_circle, "each curve ends on the circle, its midpoint within 0.03 pt of it");
	ok(dl->path[2].p[2][0] > 99.99 && fabs(dl->path[2].p[2][1]) < 1e-9,
	   "going clockwise from 90 degrees reaches 0 degrees first");
	struct dl_paint p = dl_paint_fill(DL_HEX(0x00558c));
	dl_add_path(dl, &p);
	ok(dl->n_path == 0 && dl->ops[1].path.n_segs == 7 && dl->ops[1].path.paint.fill_opacity == 1,
	   "dl_add_path takes the segments and starts the next path empty");
	dl_page_end(dl);
	dl_free(dl);
}

int main(void)
{
	test_format();
	test_dump("C");
	test_structure();
	test_tables();
	test_growth();
	test_arc();

	/* Again under a decimal-comma locale, if the system has one. */
	static const char *const commas[] = { "de_DE.UTF-8", "de_DE.utf8", "fr_FR.UTF-8",
					      "nl_NL.UTF-8" };
	const char *name = NULL;
	for (size_t i = 0; i < sizeof commas / sizeof commas[0] && !name; i++)
		if (setlocale(LC_NUMERIC, commas[i]))
			name = commas[i];
	if (!name && setlocale(LC_NUMERIC, "C.UTF-8"))
		name = "C.UTF-8 (no decimal-comma locale installed)";
	if (!name)
		name = "C (no other locale installed)";
	test_dump(name);
	char buf[32];
	ok(strcmp(dl_format_pt(-1234.5, buf), "-1234.50") == 0,
	   "dl_format_pt under LC_NUMERIC %s", name);
	setlocale(LC_NUMERIC, "C");
	return tap_done();
}
