/* dl.c - building the display list and printing it as stable text. */
#include "dl.h"

#include <assert.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

struct dl *dl_new(void)
{
	struct dl *dl = xcalloc(1, sizeof *dl);
	dl->arena = arena_new();
	dl->page_width_pt = DL_A4_WIDTH_PT;
	dl->page_height_pt = DL_A4_HEIGHT_PT;
	return dl;
}

void dl_free(struct dl *dl)
{
	if (!dl)
		return;
	free(dl->fonts);
	free(dl->images);
	free(dl->labels);
	free(dl->elems);
	free(dl->ops);
	free(dl->open);
	free(dl->path);
	arena_free(dl->arena);
	free(dl);
}

/* ---- argument checks (bugs in the caller, hence assertions) ------------- */

/* These predicates exist for assert() alone, so they go with it. */
#ifndef NDEBUG
static bool finite2(double a, double b)
{
	return isfinite(a) && isfinite(b);
}

static bool finite4(double a, double b, double c, double d)
{
	return finite2(a, b) && finite2(c, d);
}

/* Well-formed UTF-8; with no_controls, also no C0 controls or DEL (they
 * have no glyph and would print as boxes). */
static bool valid_utf8(const char *s, size_t len, bool no_controls)
{
	size_t i = 0;
	while (i < len) {
		uint32_t cp;
		size_t n = text_utf8_decode(s + i, len - i, &cp);
		if (n == 0)
			return false;
		if (no_controls && (cp < 0x20 || cp == 0x7F))
			return false;
		i += n;
	}
	return true;
}

static bool valid_string(const char *s)
{
	return s && valid_utf8(s, strlen(s), false);
}

static bool printable_ascii(const char *s)
{
	for (; *s; s++)
		if (*s < 0x20 || *s > 0x7E)
			return false;
	return true;
}

static bool valid_paint(const struct dl_paint *p)
{
	return p && (p->fill || p->stroke) && isfinite(p->stroke_width_pt) &&
	       p->stroke_width_pt >= 0 && finite2(p->dash.on_pt, p->dash.off_pt) &&
	       p->dash.on_pt >= 0 && p->dash.off_pt >= 0 && p->fill_opacity >= 0 &&
	       p->fill_opacity <= 1;
}

/* libharu accepts page sides from 3 to 14400 points. */
static bool valid_page_size(double w, double h)
{
	return finite2(w, h) && w >= 3 && h >= 3 && w <= 14400 && h <= 14400;
}
#endif

/* A copy of utf8 without its soft hyphens (U+00AD): each is only a place
 * where a line may break (layout_break_word_points()), never a character
 * drawn or extracted, whatever lays the text out. */
static char *without_soft_hyphens(struct arena *arena, const char *utf8, size_t len)
{
	char *out = arena_strndup(arena, utf8, len);
	size_t n = 0;
	for (size_t i = 0; i < len; i++) {
		if ((unsigned char)utf8[i] == 0xC2 && i + 1 < len && (unsigned char)utf8[i + 1] == 0xAD) {
			i++;
			continue;
		}
		out[n++] = utf8[i];
	}
	out[n] = '\0';
	return out;
}

/* Every string the list keeps is copied without soft hyphens: titles of
 * bookmarks, alternative texts and document information are read, never
 * broken. */
static const char *copy(struct dl *dl, const char *s)
{
	return s ? without_soft_hyphens(dl->arena, s, strlen(s)) : NULL;
}

static struct dl_op *push(struct dl *dl, enum dl_op_kind kind)
{
	xgrow(&dl->ops, &dl->cap_ops, dl->n_ops, sizeof *dl->ops);
	struct dl_op *op = &dl->ops[dl->n_ops++];
	memset(op, 0, sizeof *op);
	op->kind = kind;
	return op;
}

/* ---- header -------------------------------------------------------------- */

void dl_set_info(struct dl *dl, const struct dl_info *info)
{
	assert(!info->title || valid_string(info->title));
	assert(!info->author || valid_string(info->author));
	assert(!info->subject || valid_string(info->subject));
	assert(!info->keywords || valid_string(info->keywords));
	assert(!info->creator || valid_string(info->creator));
	assert(!info->lang || printable_ascii(info->lang));
	dl->info = (struct dl_info){
		.title = copy(dl, info->title),
		.author = copy(dl, info->author),
		.subject = copy(dl, info->subject),
		.keywords = copy(dl, info->keywords),
		.creator = copy(dl, info->creator),
		.lang = copy(dl, info->lang),
	};
}

void dl_set_created(struct dl *dl, struct dl_date d)
{
	assert(d.year >= 1 && d.year <= 9999 && d.month >= 1 && d.month <= 12);
	assert(d.day >= 1 && d.day <= 31 && d.hour >= 0 && d.hour <= 23);
	assert(d.minute >= 0 && d.minute <= 59 && d.second >= 0 && d.second <= 59);
	assert(d.utc_offset_min > -24 * 60 && d.utc_offset_min < 24 * 60);
	dl->created = d;
	dl->has_created = true;
}

void dl_set_id(struct dl *dl, const uint8_t id[16])
{
	memcpy(dl->id, id, sizeof dl->id);
	dl->has_id = true;
}

void dl_set_record(struct dl *dl, const struct dl_record *record)
{
	assert(!record->inputs || printable_ascii(record->inputs));
	assert(!record->style || valid_string(record->style));
	assert(!record->since || printable_ascii(record->since));
	assert(record->changes_first_page >= 0 && record->changes_pages >= 0);
	dl->record = (struct dl_record){
		.inputs = copy(dl, record->inputs),
		.style = copy(dl, record->style),
		.since = copy(dl, record->since),
		.changes_first_page = record->changes_first_page,
		.changes_pages = record->changes_pages,
	};
	dl->has_record = true;
}

void dl_set_page_size(struct dl *dl, double width_pt, double height_pt)
{
	assert(valid_page_size(width_pt, height_pt));
	dl->page_width_pt = width_pt;
	dl->page_height_pt = height_pt;
}

void dl_add_page_label(struct dl *dl, size_t first_page, enum dl_label_style style,
		       const char *prefix, int first_number)
{
	assert(style >= DL_LABEL_DECIMAL && style <= DL_LABEL_LETTER_UPPER);
	assert(first_number >= 1);
	/* libharu writes the prefix through the document's default (Latin)
	 * encoding, so only ASCII survives. */
	assert(!prefix || printable_ascii(prefix));
	xgrow(&dl->labels, &dl->cap_labels, dl->n_labels, sizeof *dl->labels);
	dl->labels[dl->n_labels++] = (struct dl_page_label){
		first_page, style, arena_strdup(dl->arena, prefix ? prefix : ""), first_number
	};
}

size_t dl_font_index(struct dl *dl, const char *path, const void *data, size_t size)
{
	assert(path && *path && data && size > 0);
	for (size_t i = 0; i < dl->n_fonts; i++)
		if (strcmp(dl->fonts[i].path, path) == 0)
			return i;
	xgrow(&dl->fonts, &dl->cap_fonts, dl->n_fonts, sizeof *dl->fonts);
	uint8_t *copy = arena_alloc(dl->arena, size);
	memcpy(copy, data, size);
	dl->fonts[dl->n_fonts] = (struct dl_font){ arena_strdup(dl->arena, path), copy, size };
	return dl->n_fonts++;
}

size_t dl_image_index(struct dl *dl, const char *name, const struct image *image)
{
	assert(name && *name && image && image->status == IMAGE_OK);
	for (size_t i = 0; i < dl->n_images; i++)
		if (dl->images[i].image == image)
			return i;
	xgrow(&dl->images, &dl->cap_images, dl->n_images, sizeof *dl->images);
	dl->images[dl->n_images] = (struct dl_image){ arena_strdup(dl->arena, name), image };
	return dl->n_images++;
}

/* ---- pages and drawing --------------------------------------------------- */

void dl_page_begin_size(struct dl *dl, double width_pt, double height_pt)
{
	assert(!dl->in_page);
	assert(valid_page_size(width_pt, height_pt));
	struct dl_op *op = push(dl, DL_PAGE_BEGIN);
	op->page.width_pt = width_pt;
	op->page.height_pt = height_pt;
	dl->in_page = true;
	dl->n_pages++;
}

void dl_page_begin(struct dl *dl)
{
	dl_page_begin_size(dl, dl->page_width_pt, dl->page_height_pt);
}

void dl_page_end(struct dl *dl)
{
	assert(dl->in_page && !dl->in_artifact);
	push(dl, DL_PAGE_END);
	dl->in_page = false;
}

static void add_text(struct dl *dl, double x_pt, double y_pt, size_t face, double size_pt,
		     struct dl_rgb color, unsigned flags, double angle_deg,
		     double fill_opacity, const char *utf8, size_t len)
{
	assert(dl->in_page);
	assert(finite4(x_pt, y_pt, size_pt, angle_deg) && size_pt > 0);
	assert(face < dl->n_fonts);
	assert((flags & ~DL_TEXT_HYPHEN_ADDED) == 0);
	assert(fill_opacity >= 0 && fill_opacity <= 1);
	assert(valid_utf8(utf8, len, true));
	/* The flag promises a final hyphen (ASCII or U+2010) to take away. */
	assert(!(flags & DL_TEXT_HYPHEN_ADDED) ||
	       (len >= 1 && utf8[len - 1] == '-') ||
	       (len >= 3 && memcmp(utf8 + len - 3, "\xE2\x80\x90", 3) == 0));
	struct dl_op *op = push(dl, DL_TEXT);
	op->text = (struct dl_text){
		.x_pt = x_pt,
		.y_pt = y_pt,
		.face = face,
		.size_pt = size_pt,
		.color = color,
		.flags = flags,
		.angle_deg = angle_deg,
		.fill_opacity = fill_opacity,
		.text = without_soft_hyphens(dl->arena, utf8, len),
	};
}

void dl_add_text_n(struct dl *dl, double x_pt, double y_pt, size_t face, double size_pt,
		   struct dl_rgb color, unsigned flags, const char *utf8, size_t len)
{
	add_text(dl, x_pt, y_pt, face, size_pt, color, flags, 0, 1, utf8, len);
}

void dl_add_text(struct dl *dl, double x_pt, double y_pt, size_t face, double size_pt,
		 struct dl_rgb color, unsigned flags, const char *utf8)
{
	add_text(dl, x_pt, y_pt, face, size_pt, color, flags, 0, 1, utf8, strlen(utf8));
}

void dl_add_text_rotated(struct dl *dl, double x_pt, double y_pt, size_t face,
			 double size_pt, struct dl_rgb color, double angle_deg,
			 double fill_opacity, const char *utf8)
{
	add_text(dl, x_pt, y_pt, face, size_pt, color, 0, angle_deg, fill_opacity, utf8,
		 strlen(utf8));
}

void dl_add_line(struct dl *dl, double x1_pt, double y1_pt, double x2_pt, double y2_pt,
		 double width_pt, struct dl_rgb color, struct dl_dash dash)
{
	assert(dl->in_page);
	assert(finite4(x1_pt, y1_pt, x2_pt, y2_pt) && isfinite(width_pt) && width_pt >= 0);
	assert(finite2(dash.on_pt, dash.off_pt) && dash.on_pt >= 0 && dash.off_pt >= 0);
	struct dl_op *op = push(dl, DL_LINE);
	op->line = (struct dl_line){ x1_pt, y1_pt, x2_pt, y2_pt, width_pt, color, dash };
}

struct dl_paint dl_paint_fill(struct dl_rgb fill)
{
	return (struct dl_paint){ .fill = true, .fill_color = fill, .fill_opacity = 1 };
}

struct dl_paint dl_paint_stroke(struct dl_rgb stroke, double width_pt)
{
	return (struct dl_paint){
		.stroke = true, .stroke_color = stroke, .stroke_width_pt = width_pt,
		.fill_opacity = 1,
	};
}

struct dl_paint dl_paint_fill_stroke(struct dl_rgb fill, struct dl_rgb stroke,
				     double width_pt)
{
	return (struct dl_paint){
		.fill = true, .stroke = true, .fill_color = fill, .stroke_color = stroke,
		.stroke_width_pt = width_pt, .fill_opacity = 1,
	};
}

void dl_add_rect(struct dl *dl, double x_pt, double y_pt, double w_pt, double h_pt,
		 const struct dl_paint *paint)
{
	assert(dl->in_page);
	assert(finite4(x_pt, y_pt, w_pt, h_pt));
	assert(valid_paint(paint));
	struct dl_op *op = push(dl, DL_RECT);
	op->rect = (struct dl_rect){ x_pt, y_pt, w_pt, h_pt, *paint };
}

static struct dl_seg *add_seg(struct dl *dl, enum dl_seg_kind kind)
{
	/* Everything but a move continues from a current point. */
	assert(kind == DL_MOVE || dl->n_path > 0);
	xgrow(&dl->path, &dl->cap_path, dl->n_path, sizeof *dl->path);
	struct dl_seg *s = &dl->path[dl->n_path++];
	memset(s, 0, sizeof *s);
	s->kind = kind;
	return s;
}

void dl_path_move_to(struct dl *dl, double x_pt, double y_pt)
{
	assert(finite2(x_pt, y_pt));
	struct dl_seg *s = add_seg(dl, DL_MOVE);
	s->p[0][0] = x_pt;
	s->p[0][1] = y_pt;
}

void dl_path_line_to(struct dl *dl, double x_pt, double y_pt)
{
	assert(finite2(x_pt, y_pt));
	struct dl_seg *s = add_seg(dl, DL_LINE_TO);
	s->p[0][0] = x_pt;
	s->p[0][1] = y_pt;
}

void dl_path_curve_to(struct dl *dl, double x1_pt, double y1_pt, double x2_pt,
		      double y2_pt, double x3_pt, double y3_pt)
{
	assert(finite4(x1_pt, y1_pt, x2_pt, y2_pt) && finite2(x3_pt, y3_pt));
	struct dl_seg *s = add_seg(dl, DL_CURVE);
	s->p[0][0] = x1_pt;
	s->p[0][1] = y1_pt;
	s->p[1][0] = x2_pt;
	s->p[1][1] = y2_pt;
	s->p[2][0] = x3_pt;
	s->p[2][1] = y3_pt;
}

void dl_path_arc(struct dl *dl, double cx_pt, double cy_pt, double r_pt, double a0_deg,
		 double a1_deg)
{
	assert(finite4(cx_pt, cy_pt, r_pt, a0_deg) && isfinite(a1_deg) && r_pt >= 0);
	const double rad = acos(-1.0) / 180;
	double a = a0_deg * rad, sweep = (a1_deg - a0_deg) * rad;
	double x = cx_pt + r_pt * cos(a), y = cy_pt + r_pt * sin(a);
	if (dl->n_path == 0)
		dl_path_move_to(dl, x, y);
	else
		dl_path_line_to(dl, x, y);

	/* Quarter circles or less keep the Bézier within 0.03% of the radius;
	 * k is the usual tangent length 4/3 tan(theta/4). */
	int parts = (int)ceil(fabs(sweep) / (acos(-1.0) / 2) - 1e-9);
	if (parts < 1)
		return;
	double step = sweep / parts, k = 4.0 / 3.0 * tan(step / 4);
	for (int i = 0; i < parts; i++) {
		double b = a + step;
		double x3 = cx_pt + r_pt * cos(b), y3 = cy_pt + r_pt * sin(b);
		dl_path_curve_to(dl, x - k * r_pt * sin(a), y + k * r_pt * cos(a),
				 x3 + k * r_pt * sin(b), y3 - k * r_pt * cos(b), x3, y3);
		a = b, x = x3, y = y3;
	}
}

void dl_path_close(struct dl *dl)
{
	add_seg(dl, DL_CLOSE);
}

void dl_add_path(struct dl *dl, const struct dl_paint *paint)
{
	assert(dl->in_page);
	assert(dl->n_path > 0 && dl->path[0].kind == DL_MOVE);
	assert(valid_paint(paint));
	struct dl_seg *segs = arena_array(dl->arena, dl->n_path, sizeof *segs);
	memcpy(segs, dl->path, dl->n_path * sizeof *segs);
	struct dl_op *op = push(dl, DL_PATH);
	op->path = (struct dl_path){ segs, dl->n_path, *paint };
	dl->n_path = 0;
}

void dl_add_image(struct dl *dl, size_t image, double x_pt, double y_pt, double w_pt,
		  double h_pt)
{
	assert(dl->in_page);
	assert(image < dl->n_images);
	assert(finite4(x_pt, y_pt, w_pt, h_pt));
	struct dl_op *op = push(dl, DL_IMAGE);
	op->image = (struct dl_image_op){ image, x_pt, y_pt, w_pt, h_pt };
}

/* ---- navigation and annotations ------------------------------------------ */

static void add_link(struct dl *dl, enum dl_op_kind kind, double x_pt, double y_pt,
		     double w_pt, double h_pt, const char *target)
{
	assert(dl->in_page);
	assert(finite4(x_pt, y_pt, w_pt, h_pt) && w_pt >= 0 && h_pt >= 0);
	assert(valid_string(target) && *target);
	struct dl_op *op = push(dl, kind);
	op->link = (struct dl_link){ x_pt, y_pt, w_pt, h_pt, copy(dl, target) };
}

void dl_add_link_uri(struct dl *dl, double x_pt, double y_pt, double w_pt, double h_pt,
		     const char *uri)
{
	add_link(dl, DL_LINK_URI, x_pt, y_pt, w_pt, h_pt, uri);
}

void dl_add_link_dest(struct dl *dl, double x_pt, double y_pt, double w_pt, double h_pt,
		      const char *dest)
{
	add_link(dl, DL_LINK_DEST, x_pt, y_pt, w_pt, h_pt, dest);
}

void dl_add_dest(struct dl *dl, const char *name, double y_pt)
{
	assert(dl->in_page);
	assert(valid_string(name) && *name && isfinite(y_pt));
	struct dl_op *op = push(dl, DL_DEST);
	op->dest = (struct dl_dest){ copy(dl, name), y_pt };
}

void dl_add_outline(struct dl *dl, int level, const char *title, const char *dest)
{
	assert(level >= 1 && level <= 3 && level <= dl->outline_level + 1);
	assert(valid_string(title) && valid_string(dest) && *dest);
	struct dl_op *op = push(dl, DL_OUTLINE);
	op->outline = (struct dl_outline){ level, copy(dl, title), copy(dl, dest) };
	dl->outline_level = level;
}

void dl_add_note(struct dl *dl, double x_pt, double y_pt, double w_pt, double h_pt,
		 const char *contents, const char *author)
{
	assert(dl->in_page);
	assert(finite4(x_pt, y_pt, w_pt, h_pt) && w_pt >= 0 && h_pt >= 0);
	assert(valid_string(contents) && (!author || valid_string(author)));
	struct dl_op *op = push(dl, DL_NOTE_ANNOT);
	op->note = (struct dl_note){ x_pt, y_pt, w_pt, h_pt, copy(dl, contents),
				     copy(dl, author) };
}

/* ---- structure ----------------------------------------------------------- */

static void push_open(struct dl *dl, size_t elem)
{
	xgrow(&dl->open, &dl->cap_open, dl->n_open, sizeof *dl->open);
	dl->open[dl->n_open++] = elem;
}

size_t dl_struct_open(struct dl *dl, enum dl_struct_type type,
		      const struct dl_struct_attrs *attrs)
{
	static const struct dl_struct_attrs none;
	if (!attrs)
		attrs = &none;
	assert(!dl->in_artifact);
	assert(type >= DL_DOCUMENT && type < DL_STRUCT_TYPES);
	assert(type != DL_FIGURE || (attrs->alt && *attrs->alt));
	assert(attrs->scope == DL_SCOPE_NONE || type == DL_TH);
	assert(!attrs->alt || valid_string(attrs->alt));
	assert(!attrs->actual_text || valid_string(attrs->actual_text));
	assert(!attrs->lang || (*attrs->lang && printable_ascii(attrs->lang)));

	xgrow(&dl->elems, &dl->cap_elems, dl->n_elems, sizeof *dl->elems);
	size_t id = dl->n_elems++;
	dl->elems[id] = (struct dl_struct_elem){
		.type = type,
		.parent = dl->n_open ? dl->open[dl->n_open - 1] : DL_NO_PARENT,
		.attrs = {
			.alt = copy(dl, attrs->alt),
			.lang = copy(dl, attrs->lang),
			.actual_text = copy(dl, attrs->actual_text),
			.scope = attrs->scope,
		},
	};
	push(dl, DL_STRUCT_OPEN)->elem = id;
	push_open(dl, id);
	return id;
}

void dl_struct_resume(struct dl *dl, size_t elem)
{
	assert(!dl->in_artifact);
	assert(elem < dl->n_elems);
	push(dl, DL_STRUCT_RESUME)->elem = elem;
	push_open(dl, elem);
}

void dl_struct_close(struct dl *dl)
{
	assert(!dl->in_artifact);
	assert(dl->n_open > 0);
	dl->n_open--;
	push(dl, DL_STRUCT_CLOSE);
}

void dl_artifact_begin(struct dl *dl, enum dl_artifact kind)
{
	assert(dl->in_page && !dl->in_artifact);
	assert(kind >= DL_ARTIFACT_PAGINATION && kind <= DL_ARTIFACT_LAYOUT);
	push(dl, DL_ARTIFACT_BEGIN)->artifact = kind;
	dl->in_artifact = true;
}

void dl_artifact_end(struct dl *dl)
{
	assert(dl->in_artifact);
	push(dl, DL_ARTIFACT_END);
	dl->in_artifact = false;
}

/* ---- reading ------------------------------------------------------------- */

const char *dl_struct_type_name(enum dl_struct_type type)
{
	static const char *const names[DL_STRUCT_TYPES] = {
		[DL_DOCUMENT] = "Document", [DL_PART] = "Part", [DL_ART] = "Art",
		[DL_SECT] = "Sect", [DL_DIV] = "Div", [DL_TOC] = "TOC", [DL_TOCI] = "TOCI",
		[DL_H1] = "H1", [DL_H2] = "H2", [DL_H3] = "H3", [DL_H4] = "H4",
		[DL_H5] = "H5", [DL_H6] = "H6", [DL_P] = "P", [DL_L] = "L", [DL_LI] = "LI",
		[DL_LBL] = "Lbl", [DL_LBODY] = "LBody", [DL_BLOCKQUOTE] = "BlockQuote",
		[DL_QUOTE] = "Quote", [DL_CAPTION] = "Caption", [DL_TABLE] = "Table",
		[DL_THEAD] = "THead", [DL_TBODY] = "TBody", [DL_TFOOT] = "TFoot",
		[DL_TR] = "TR", [DL_TH] = "TH", [DL_TD] = "TD", [DL_FIGURE] = "Figure",
		[DL_LINK] = "Link", [DL_ANNOT] = "Annot", [DL_NOTE] = "Note",
		[DL_REFERENCE] = "Reference", [DL_SPAN] = "Span",
	};
	assert(type >= DL_DOCUMENT && type < DL_STRUCT_TYPES);
	return names[type];
}

const char *dl_op_name(enum dl_op_kind kind)
{
	switch (kind) {
	case DL_PAGE_BEGIN: return "page";
	case DL_PAGE_END: return "end-page";
	case DL_TEXT: return "text";
	case DL_LINE: return "line";
	case DL_RECT: return "rect";
	case DL_PATH: return "path";
	case DL_IMAGE: return "image";
	case DL_LINK_URI: return "link-uri";
	case DL_LINK_DEST: return "link-dest";
	case DL_DEST: return "dest";
	case DL_OUTLINE: return "outline";
	case DL_NOTE_ANNOT: return "note";
	case DL_STRUCT_OPEN: return "open";
	case DL_STRUCT_RESUME: return "resume";
	case DL_STRUCT_CLOSE: return "close";
	case DL_ARTIFACT_BEGIN: return "artifact";
	case DL_ARTIFACT_END: return "end-artifact";
	}
	return "?";
}

char *dl_format_pt(double v, char *buf)
{
	/* Integer hundredths, rounded half away from zero: printf's %f would
	 * follow LC_NUMERIC and print a decimal comma in de_DE. */
	assert(isfinite(v) && fabs(v) < 1e15);
	long long h = llround(v * 100);
	unsigned long long a = h < 0 ? 0ULL - (unsigned long long)h : (unsigned long long)h;
	snprintf(buf, 32, "%s%llu.%02llu", h < 0 ? "-" : "", a / 100, a % 100);
	return buf;
}

/* Prints " " followed by each number, two decimals. */
static void put_pts(FILE *out, int n, const double *v)
{
	char buf[32];
	for (int i = 0; i < n; i++)
		fprintf(out, " %s", dl_format_pt(v[i], buf));
}

static void put_quoted(FILE *out, const char *s)
{
	fputc('"', out);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == '"' || *p == '\\')
			fprintf(out, "\\%c", *p);
		else if (*p < 0x20 || *p == 0x7F)
			fprintf(out, "\\x%02x", *p);
		else
			fputc(*p, out);
	}
	fputc('"', out);
}

static void put_string(FILE *out, const char *s)
{
	fputc(' ', out);
	put_quoted(out, s);
}

static void put_rgb(FILE *out, struct dl_rgb c)
{
	fprintf(out, " #%02x%02x%02x", c.r, c.g, c.b);
}

static void put_dash(FILE *out, struct dl_dash d)
{
	if (d.on_pt == 0 && d.off_pt == 0)
		return;
	fputs(" dash", out);
	put_pts(out, 2, (double[]){ d.on_pt, d.off_pt });
}

static void put_paint(FILE *out, const struct dl_paint *p)
{
	if (p->fill) {
		fputs(" fill", out);
		put_rgb(out, p->fill_color);
	}
	if (p->stroke) {
		fputs(" stroke", out);
		put_rgb(out, p->stroke_color);
		fputs(" w", out);
		put_pts(out, 1, &p->stroke_width_pt);
		put_dash(out, p->dash);
	}
	if (p->fill_opacity != 1) {
		fputs(" opacity", out);
		put_pts(out, 1, &p->fill_opacity);
	}
}

static void put_path(FILE *out, const struct dl_path *path)
{
	put_paint(out, &path->paint);
	fputs(" :", out);
	for (size_t i = 0; i < path->n_segs; i++) {
		const struct dl_seg *s = &path->segs[i];
		switch (s->kind) {
		case DL_MOVE:
			fputs(" M", out);
			put_pts(out, 2, s->p[0]);
			break;
		case DL_LINE_TO:
			fputs(" L", out);
			put_pts(out, 2, s->p[0]);
			break;
		case DL_CURVE:
			fputs(" C", out);
			for (int k = 0; k < 3; k++)
				put_pts(out, 2, s->p[k]);
			break;
		case DL_CLOSE:
			fputs(" Z", out);
			break;
		}
	}
}

static const char *artifact_name(enum dl_artifact kind)
{
	switch (kind) {
	case DL_ARTIFACT_PAGINATION: return "pagination";
	case DL_ARTIFACT_HEADER: return "header";
	case DL_ARTIFACT_FOOTER: return "footer";
	case DL_ARTIFACT_WATERMARK: return "watermark";
	case DL_ARTIFACT_LAYOUT: return "layout";
	}
	return "?";
}

static const char *label_name(enum dl_label_style style)
{
	switch (style) {
	case DL_LABEL_DECIMAL: return "decimal";
	case DL_LABEL_ROMAN_LOWER: return "roman-lower";
	case DL_LABEL_ROMAN_UPPER: return "roman-upper";
	case DL_LABEL_LETTER_LOWER: return "letter-lower";
	case DL_LABEL_LETTER_UPPER: return "letter-upper";
	}
	return "?";
}

static void put_elem(FILE *out, const struct dl *dl, size_t id)
{
	const struct dl_struct_elem *e = &dl->elems[id];
	fprintf(out, " %zu %s", id, dl_struct_type_name(e->type));
}

static void put_attrs(FILE *out, const struct dl_struct_attrs *a)
{
	static const char *const scopes[] = { "", "row", "column", "both" };
	if (a->scope != DL_SCOPE_NONE)
		fprintf(out, " scope=%s", scopes[a->scope]);
	if (a->lang) {
		fputs(" lang=", out);
		put_quoted(out, a->lang);
	}
	if (a->alt) {
		fputs(" alt=", out);
		put_quoted(out, a->alt);
	}
	if (a->actual_text) {
		fputs(" actual-text=", out);
		put_quoted(out, a->actual_text);
	}
}

static void dump_header(const struct dl *dl, FILE *out)
{
	fputs("dl 1\npage-size", out);
	put_pts(out, 2, (double[]){ dl->page_width_pt, dl->page_height_pt });
	fputc('\n', out);
	const struct { const char *key, *value; } info[] = {
		{ "title", dl->info.title },     { "author", dl->info.author },
		{ "subject", dl->info.subject }, { "keywords", dl->info.keywords },
		{ "creator", dl->info.creator }, { "lang", dl->info.lang },
	};
	for (size_t i = 0; i < sizeof info / sizeof info[0]; i++) {
		if (!info[i].value)
			continue;
		fprintf(out, "info %s", info[i].key);
		put_string(out, info[i].value);
		fputc('\n', out);
	}
	if (dl->has_created) {
		const struct dl_date *d = &dl->created;
		int off = abs(d->utc_offset_min);
		fprintf(out, "created %04d-%02d-%02d %02d:%02d:%02d %c%02d'%02d\n", d->year,
			d->month, d->day, d->hour, d->minute, d->second,
			d->utc_offset_min < 0 ? '-' : '+', off / 60, off % 60);
	}
	if (dl->has_id) {
		fputs("id ", out);
		for (size_t i = 0; i < sizeof dl->id; i++)
			fprintf(out, "%02x", dl->id[i]);
		fputc('\n', out);
	}
	for (size_t i = 0; i < dl->n_fonts; i++) {
		fprintf(out, "font %zu", i);
		put_string(out, dl->fonts[i].path);
		fputc('\n', out);
	}
	for (size_t i = 0; i < dl->n_images; i++) {
		fprintf(out, "image-file %zu", i);
		put_string(out, dl->images[i].name);
		fputc('\n', out);
	}
	for (size_t i = 0; i < dl->n_labels; i++) {
		const struct dl_page_label *l = &dl->labels[i];
		fprintf(out, "page-label %zu %s", l->first_page, label_name(l->style));
		put_string(out, l->prefix);
		fprintf(out, " %d\n", l->first_number);
	}
}

void dl_dump(const struct dl *dl, FILE *out)
{
	dump_header(dl, out);

	/* The dump keeps its own stack of open elements so that a close can
	 * name what it closes and lines indent by structure depth. */
	size_t *stack = xmalloc((dl->n_ops + 1) * sizeof *stack);
	size_t depth = 0, page = 0;
	bool in_artifact = false;
	for (size_t i = 0; i < dl->n_ops; i++) {
		const struct dl_op *op = &dl->ops[i];
		size_t indent = depth + in_artifact;
		if (op->kind == DL_STRUCT_CLOSE || op->kind == DL_ARTIFACT_END)
			indent--;
		for (size_t k = 0; k < indent; k++)
			fputs("  ", out);
		fputs(dl_op_name(op->kind), out);

		switch (op->kind) {
		case DL_PAGE_BEGIN:
			fprintf(out, " %zu", ++page);
			put_pts(out, 2, (double[]){ op->page.width_pt, op->page.height_pt });
			break;
		case DL_PAGE_END:
			break;
		case DL_TEXT: {
			const struct dl_text *t = &op->text;
			put_pts(out, 2, (double[]){ t->x_pt, t->y_pt });
			fprintf(out, " f%zu", t->face);
			put_pts(out, 1, &t->size_pt);
			put_rgb(out, t->color);
			if (t->angle_deg != 0) {
				fputs(" angle", out);
				put_pts(out, 1, &t->angle_deg);
			}
			if (t->fill_opacity != 1) {
				fputs(" opacity", out);
				put_pts(out, 1, &t->fill_opacity);
			}
			if (t->flags & DL_TEXT_HYPHEN_ADDED)
				fputs(" hyphen-added", out);
			put_string(out, t->text);
			break;
		}
		case DL_LINE: {
			const struct dl_line *l = &op->line;
			put_pts(out, 4, (double[]){ l->x1_pt, l->y1_pt, l->x2_pt, l->y2_pt });
			fputs(" w", out);
			put_pts(out, 1, &l->width_pt);
			put_rgb(out, l->color);
			put_dash(out, l->dash);
			break;
		}
		case DL_RECT: {
			const struct dl_rect *r = &op->rect;
			put_pts(out, 4, (double[]){ r->x_pt, r->y_pt, r->w_pt, r->h_pt });
			put_paint(out, &r->paint);
			break;
		}
		case DL_PATH:
			put_path(out, &op->path);
			break;
		case DL_IMAGE: {
			const struct dl_image_op *im = &op->image;
			fprintf(out, " %zu", im->image);
			put_pts(out, 4, (double[]){ im->x_pt, im->y_pt, im->w_pt, im->h_pt });
			break;
		}
		case DL_LINK_URI:
		case DL_LINK_DEST: {
			const struct dl_link *l = &op->link;
			put_pts(out, 4, (double[]){ l->x_pt, l->y_pt, l->w_pt, l->h_pt });
			put_string(out, l->target);
			break;
		}
		case DL_DEST:
			put_string(out, op->dest.name);
			put_pts(out, 1, &op->dest.y_pt);
			break;
		case DL_OUTLINE:
			fprintf(out, " %d", op->outline.level);
			put_string(out, op->outline.title);
			put_string(out, op->outline.dest);
			break;
		case DL_NOTE_ANNOT: {
			const struct dl_note *n = &op->note;
			put_pts(out, 4, (double[]){ n->x_pt, n->y_pt, n->w_pt, n->h_pt });
			put_string(out, n->contents);
			if (n->author)
				put_string(out, n->author);
			break;
		}
		case DL_STRUCT_OPEN:
			put_elem(out, dl, op->elem);
			put_attrs(out, &dl->elems[op->elem].attrs);
			stack[depth++] = op->elem;
			break;
		case DL_STRUCT_RESUME:
			put_elem(out, dl, op->elem);
			stack[depth++] = op->elem;
			break;
		case DL_STRUCT_CLOSE:
			assert(depth > 0);
			put_elem(out, dl, stack[--depth]);
			break;
		case DL_ARTIFACT_BEGIN:
			fprintf(out, " %s", artifact_name(op->artifact));
			in_artifact = true;
			break;
		case DL_ARTIFACT_END:
			in_artifact = false;
			break;
		}
		fputc('\n', out);
	}
	free(stack);
}
