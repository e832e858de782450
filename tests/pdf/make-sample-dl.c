/* make-sample-dl.c - builds a 3-page display list by hand and renders it,
 * for the end-to-end checks in check-render.sh.
 *
 * usage: make-sample-dl [--dump] [--damaged-font] [--fonts-elsewhere] [--unknown-dest]
 *                       OUT.pdf FONT_DIR PNG
 *
 * FONT_DIR holds OpenSans-{Regular,Bold,Italic,BoldItalic}.ttf; this program
 * reads them and hands the bytes to the list, as the font module does.
 * --dump prints the display list on stdout. --fonts-elsewhere names the
 * fonts by paths that do not exist, to show that the renderer opens no file
 * (the PDF comes out the same). --damaged-font (the bold face cut short)
 * and --unknown-dest make the render fail (at font loading, or half-way
 * through the walk) to show that a failed render leaves OUT.pdf as it was. The program follows the
 * locale of its environment. Exit status: 0 rendered, 1 the render failed
 * (reason on stderr), 2 bad usage. */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dl.h"
#include "output.h"
#include "render-pdf.h"

enum { REGULAR, BOLD, ITALIC, BOLD_ITALIC };

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


static const double left_pt = 72, right_pt = DL_A4_WIDTH_PT - 72;

#define INK DL_HEX(0x222222)
#define ACCENT DL_HEX(0x00558c)

/* A rough width for placing link rectangles: Open Sans averages about
 * 0.5 em per character. Real layout measures through the font module. */
static double approx_width(const char *s, double size_pt)
{
	size_t chars = 0;
	for (; *s; s++)
		chars += ((unsigned char)*s & 0xC0) != 0x80;
	return (double)chars * size_pt * 0.5;
}

static void footer(struct dl *dl, int page, int pages)
{
	char buf[64];
	snprintf(buf, sizeof buf, "Page %d of %d", page, pages);
	dl_artifact_begin(dl, DL_ARTIFACT_FOOTER);
	dl_add_line(dl, left_pt, 60, right_pt, 60, /*width_pt*/ 0.5, DL_HEX(0x999999), DL_SOLID);
	dl_add_text(dl, left_pt, 45, REGULAR, 8, DL_HEX(0x666666), 0,
		    "Sefton Safeguarding Children Partnership – Annual Report 2023–2024");
	dl_add_text(dl, right_pt - approx_width(buf, 8), 45, REGULAR, 8, DL_HEX(0x666666), 0,
		    buf);
	dl_artifact_end(dl);
}

static void header_rule(struct dl *dl)
{
	dl_artifact_begin(dl, DL_ARTIFACT_LAYOUT);
	struct dl_paint band = dl_paint_fill(ACCENT);
	dl_add_rect(dl, 0, DL_A4_HEIGHT_PT - 18, DL_A4_WIDTH_PT, 18, &band);
	dl_artifact_end(dl);
}

static void para_line(struct dl *dl, double y, const char *text)
{
	dl_add_text(dl, left_pt, y, REGULAR, 10, INK, 0, text);
}

/* One table row: a cell per column, TH with a scope in the head row. */
static void table_row(struct dl *dl, double y, const char *a, const char *b, bool head)
{
	dl_struct_open(dl, DL_TR, NULL);
	const char *cells[2] = { a, b };
	for (int c = 0; c < 2; c++) {
		double x = left_pt + c * 220;
		if (head) {
			dl_struct_open(dl, DL_TH, &(struct dl_struct_attrs){ .scope = DL_SCOPE_COLUMN });
			struct dl_paint bg = dl_paint_fill(DL_HEX(0xdde8f0));
			dl_add_rect(dl, x, y - 5, 220, 18, &bg);
			dl_add_text(dl, x + 4, y, BOLD, 10, INK, 0, cells[c]);
		} else {
			dl_struct_open(dl, DL_TD, NULL);
			/* Numbers right-aligned in the second column. */
			double w = approx_width(cells[c], 10);
			dl_add_text(dl, c ? x + 216 - w : x + 4, y, REGULAR, 10, INK, 0, cells[c]);
		}
		dl_struct_close(dl);
	}
	dl_struct_close(dl);
	dl_artifact_begin(dl, DL_ARTIFACT_LAYOUT);
	dl_add_line(dl, left_pt, y - 5, left_pt + 440, y - 5, 0.5, DL_HEX(0xaaaaaa), DL_SOLID);
	dl_artifact_end(dl);
}

static void pie(struct dl *dl, double cx, double cy, double r)
{
	static const double shares[] = { 0.45, 0.30, 0.25 };
	static const unsigned colours[] = { 0x00558c, 0x7fb800, 0xf6a800 };
	double a = 90;
	for (int i = 0; i < 3; i++) {
		double b = a - 360 * shares[i];
		dl_path_move_to(dl, cx, cy);
		dl_path_arc(dl, cx, cy, r, a, b);
		dl_path_close(dl);
		struct dl_paint p = dl_paint_fill_stroke(DL_HEX(colours[i]), DL_HEX(0xffffff), 1);
		dl_add_path(dl, &p);
		a = b;
	}
}

enum font_mode { FONTS_AS_READ, FONTS_ELSEWHERE, FONT_DAMAGED };

/* The whole file at path, or exit 2. */
static unsigned char *read_all(const char *path, size_t *size)
{
	FILE *fp = fopen(path, "rb");
	if (!fp) {
		perror(path);
		exit(2);
	}
	size_t cap = 1 << 16, n = 0;
	unsigned char *buf = malloc(cap);
	for (;;) {
		if (!buf) {
			perror("malloc");
			exit(2);
		}
		n += fread(buf + n, 1, cap - n, fp);
		if (n < cap)
			break;
		cap *= 2;
		buf = realloc(buf, cap);
	}
	if (ferror(fp)) {
		perror(path);
		exit(2);
	}
	fclose(fp);
	*size = n;
	return buf;
}

static struct dl *build(const char *font_dir, const struct image *png, enum font_mode fonts,
			bool unknown_dest)
{
	struct dl *dl = dl_new();
	dl_set_info(dl, &(struct dl_info){
		.title = "Annual Report 2023–2024 – “Safer Together” £",
		.author = "Zoë O’Brien",
		.subject = "Sefton Safeguarding Children Partnership",
		.keywords = "safeguarding, LADO, finance",
		.creator = "reportc make-sample-dl",
		.lang = "en-GB",
	});
	dl_set_created(dl, (struct dl_date){ 2024, 5, 1, 12, 30, 0, /*utc_offset_min*/ 60 });
	uint8_t id[16];
	for (int i = 0; i < 16; i++)
		id[i] = (uint8_t)(0xA0 + i);
	dl_set_id(dl, id);

	static const char *const faces[] = { "OpenSans-Regular.ttf", "OpenSans-Bold.ttf",
					     "OpenSans-Italic.ttf", "OpenSans-BoldItalic.ttf" };
	for (int i = 0; i < 4; i++) {
		char path[4096];
		snprintf(path, sizeof path, "%s/%s", font_dir, faces[i]);
		size_t size;
		unsigned char *bytes = read_all(path, &size);
		if (fonts == FONT_DAMAGED && i == BOLD && size > 100)
			size = 100;
		if (fonts == FONTS_ELSEWHERE)
			snprintf(path, sizeof path, "/nonexistent/reportc/%s", faces[i]);
		dl_font_index(dl, path, bytes, size);
		free(bytes);
	}
	size_t logo = dl_image_index(dl, "logo.png", png);

	/* Added out of order on purpose: the renderer sorts them. */
	dl_add_page_label(dl, 1, DL_LABEL_DECIMAL, "", 1);
	dl_add_page_label(dl, 0, DL_LABEL_ROMAN_LOWER, "", 1);

	dl_add_outline(dl, 1, "Foreword – “why” £", "foreword");
	dl_add_outline(dl, 2, "Our data", "data");
	dl_add_outline(dl, 1, "Appendix: Zoë’s notes", "appendix");

	dl_struct_open(dl, DL_DOCUMENT, NULL);

	/* ---- page 1 ---- */
	dl_page_begin(dl);
	header_rule(dl);
	dl_struct_open(dl, DL_SECT, NULL);
	dl_add_dest(dl, "foreword", 800);
	dl_struct_open(dl, DL_H1, NULL);
	dl_add_text(dl, left_pt, 770, BOLD, 20, ACCENT, 0, "Foreword");
	dl_struct_close(dl);

	size_t para = dl_struct_open(dl, DL_P, NULL);
	para_line(dl, 740, "This report describes how partners kept children safe from 1 April");
	para_line(dl, 726, "2023 to 31 March 2024: £1,250.50 per school, “Café Zürich” – naïve");
	dl_add_text(dl, left_pt, 712, REGULAR, 10, INK, 0, "résumé — see ");
	double x = left_pt + approx_width("résumé — see ", 10);
	dl_struct_open(dl, DL_LINK, NULL);
	const char *link_text = "our partners’ website";
	dl_add_text(dl, x, 712, ITALIC, 10, ACCENT, 0, link_text);
	dl_add_link_uri(dl, x, 709, approx_width(link_text, 10), 12,
			"https://example.org/café?q=a b");
	dl_struct_close(dl);
	x += approx_width(link_text, 10);
	dl_add_text(dl, x, 712, REGULAR, 10, INK, 0, " and the ");
	x += approx_width(" and the ", 10);
	dl_struct_open(dl, DL_LINK, NULL);
	dl_add_text(dl, x, 712, BOLD, 10, ACCENT, 0, "appendix");
	dl_add_link_dest(dl, x, 709, approx_width("appendix", 10), 12,
			 unknown_dest ? "nowhere" : "appendix");
	dl_struct_close(dl);
	x += approx_width("appendix", 10);
	/* A footnote: the reference in the text, the note's own element
	 * created here and filled at the page foot. */
	dl_struct_open(dl, DL_REFERENCE, NULL);
	dl_add_text(dl, x, 716, REGULAR, 6, INK, 0, "1");
	dl_struct_close(dl);
	size_t note = dl_struct_open(dl, DL_NOTE, NULL);
	dl_struct_close(dl);
	dl_add_text(dl, x + 5, 712, REGULAR, 10, INK, 0, ".");
	para_line(dl, 698, "The partnership met eleven times; every meeting was quorate and its");
	para_line(dl, 684, "minutes are published. The paragraph continues on the next page,");
	dl_struct_close(dl); /* para, resumed on page 2 */

	dl_struct_resume(dl, note);
	dl_add_line(dl, left_pt, 92, left_pt + 100, 92, 0.5, INK, DL_SOLID);
	dl_add_text(dl, left_pt, 80, REGULAR, 8, INK, 0,
		    "1 Working Together to Safeguard Children 2023, chapter 2.");
	dl_struct_close(dl);
	footer(dl, 1, 3);
	dl_page_end(dl);

	/* ---- page 2 ---- */
	dl_page_begin(dl);
	header_rule(dl);
	dl_struct_resume(dl, para);
	const char *before = "where it ends with a word broken by line breaking: multi-agency ";
	para_line(dl, 790, before);
	dl_add_text(dl, left_pt + approx_width(before, 10), 790, REGULAR, 10, INK,
		    DL_TEXT_HYPHEN_ADDED, "safe-");
	para_line(dl, 776, "guarding arrangements were reviewed in full.");
	dl_struct_close(dl);

	dl_add_dest(dl, "data", 760);
	dl_struct_open(dl, DL_H2, NULL);
	dl_add_text(dl, left_pt, 740, BOLD, 14, ACCENT, 0, "Our data");
	dl_struct_close(dl);

	size_t table = dl_struct_open(dl, DL_TABLE, NULL);
	table_row(dl, 710, "Agency", "Referrals", true);
	table_row(dl, 692, "Police", "1,204", false);
	table_row(dl, 674, "Education", "987", false);
	dl_struct_close(dl); /* table, continued on page 3 */

	dl_struct_open(dl, DL_FIGURE,
		       &(struct dl_struct_attrs){ .alt = "The partnership’s logo: a blue "
							  "circle with a white house." });
	dl_add_image(dl, logo, left_pt, 500, 120, 120);
	dl_struct_close(dl);
	dl_struct_open(dl, DL_CAPTION, NULL);
	dl_add_text(dl, left_pt, 485, ITALIC, 9, INK, 0, "Figure 1: the partnership’s logo.");
	dl_struct_close(dl);

	dl_struct_open(dl, DL_FIGURE,
		       &(struct dl_struct_attrs){ .alt = "Pie chart of referrals: police 45%, "
							  "education 30%, health 25%." });
	pie(dl, 400, 560, 60);
	dl_struct_close(dl);
	footer(dl, 2, 3);
	dl_page_end(dl);

	/* ---- page 3 ---- */
	dl_page_begin(dl);
	header_rule(dl);
	dl_struct_resume(dl, table);
	table_row(dl, 790, "Health", "1,530", false);
	dl_struct_close(dl);

	dl_struct_open(dl, DL_SECT, NULL);
	dl_add_dest(dl, "appendix", 760);
	dl_struct_open(dl, DL_H1, NULL);
	dl_add_text(dl, left_pt, 740, BOLD, 20, ACCENT, 0, "Appendix: Zoë’s notes");
	dl_struct_close(dl);

	dl_struct_open(dl, DL_L, NULL);
	static const char *const items[] = { "Allegations managed within one month: 87%.",
					     "Training sessions delivered: 112." };
	for (int i = 0; i < 2; i++) {
		double y = 710 - 16 * i;
		dl_struct_open(dl, DL_LI, NULL);
		dl_struct_open(dl, DL_LBL, NULL);
		dl_add_text(dl, left_pt, y, REGULAR, 10, INK, 0, "•");
		dl_struct_close(dl);
		dl_struct_open(dl, DL_LBODY, NULL);
		dl_add_text(dl, left_pt + 12, y, REGULAR, 10, INK, 0, items[i]);
		dl_struct_close(dl);
		dl_struct_close(dl);
	}
	dl_struct_close(dl);

	dl_struct_open(dl, DL_P, NULL);
	dl_add_text(dl, left_pt, 660, REGULAR, 10, INK, 0, "With thanks – in Welsh, ");
	dl_struct_open(dl, DL_SPAN, &(struct dl_struct_attrs){ .lang = "cy" });
	dl_add_text(dl, left_pt + approx_width("With thanks – in Welsh, ", 10), 660, ITALIC, 10,
		    INK, 0, "diolch yn fawr");
	dl_struct_close(dl);
	dl_struct_close(dl);

	dl_struct_open(dl, DL_ANNOT, NULL);
	dl_add_note(dl, right_pt - 20, 650, 20, 20, "Zoë: check the £ figures – “final”?",
		    "Zoë O’Brien");
	dl_struct_close(dl);
	dl_struct_close(dl); /* appendix Sect */

	dl_artifact_begin(dl, DL_ARTIFACT_WATERMARK);
	dl_add_text_rotated(dl, 150, 250, BOLD, 110, DL_HEX(0xcc0000), 45, 0.15, "DRAFT");
	dl_artifact_end(dl);
	footer(dl, 3, 3);
	dl_page_end(dl);

	dl_struct_close(dl); /* Document */
	return dl;
}

int main(int argc, char **argv)
{
	/* Honour LC_ALL and friends, so that a run under a decimal-comma locale
	 * shows the output does not depend on it. */
	setlocale(LC_ALL, "");
	bool dump = false, unknown_dest = false;
	enum font_mode fonts = FONTS_AS_READ;
	int i = 1;
	for (; i < argc && argv[i][0] == '-' && argv[i][1] == '-'; i++) {
		if (strcmp(argv[i], "--dump") == 0)
			dump = true;
		else if (strcmp(argv[i], "--damaged-font") == 0)
			fonts = FONT_DAMAGED;
		else if (strcmp(argv[i], "--fonts-elsewhere") == 0)
			fonts = FONTS_ELSEWHERE;
		else if (strcmp(argv[i], "--unknown-dest") == 0)
			unknown_dest = true;
		else
			break;
	}
	if (argc - i != 3) {
		fprintf(stderr, "usage: make-sample-dl [--dump] [--damaged-font] "
				"[--fonts-elsewhere] [--unknown-dest] OUT.pdf FONT_DIR PNG\n");
		return 2;
	}
	struct image_set *images;
	const struct image *png = load_png(argv[i + 2], &images);
	struct dl *dl = build(argv[i + 1], png, fonts, unknown_dest);
	if (dump)
		dl_dump(dl, stdout);
	char err[512];
	struct output *out = output_open(argv[i], OUTPUT_PDF, /*force*/ true, NULL, err, sizeof err);
	int ret = out ? render_pdf(dl, output_write, out, err, sizeof err) : -1;
	if (out && ret != 0)
		(void)output_abandon(out, err, sizeof err);
	else if (out)
		ret = output_commit(out, NULL, err, sizeof err);
	if (ret != 0)
		fprintf(stderr, "make-sample-dl: %s\n", err);
	dl_free(dl);
	image_set_free(images);
	return ret == 0 ? 0 : 1;
}
