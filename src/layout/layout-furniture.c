/* layout-furniture.c - what every page but the cover carries, drawn as
 * artifacts: the running header (the report's short title) and footer
 * ("Page N of M", a draft's stamp), with their rules; a draft's watermark. */
#include "layout-private.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* The rules under the running header and above the footer stand this far
 * from the text's baseline. */
#define FURNITURE_RULE_GAP_PT 5.0

/* The draft watermark's size, and its opacity: it lies over the content
 * (tiles and zebra rows would hide it beneath) and lets the content show
 * through (PDF/A-2 allows transparency, blended in the output intent's
 * sRGB). */
#define WATERMARK_OPACITY 0.45
#define WATERMARK_SIZE_PT 110.0

const char *layout_running_title(struct layout *lo)
{
	const struct report_meta *meta = &lo->model->report.meta;
	const char *who = layout_collapse(lo, meta->partnership_short);
	if (!*who)
		who = layout_collapse(lo, meta->partnership);
	const char *title = layout_collapse(lo, meta->title_short);
	if (!*title)
		title = layout_collapse(lo, meta->title);
	const char *full = *who && *title ? arena_printf(lo->arena, "%s %s", who, title) :
			   *who		  ? who :
						    title;
	/* Never cut mid-phrase: what does not fit on the line gives way to
	 * the short name alone, then to nothing. */
	const struct style_text *t = &lo->style->text[STYLE_HEADER];
	double w = style_text_width_pt(lo->style);
	if (layout_text_width(lo, t->face, t->size_pt, full, strlen(full)) <= w)
		return full;
	if (layout_text_width(lo, t->face, t->size_pt, who, strlen(who)) <= w)
		return who;
	return "";
}

const char *layout_short_title(struct layout *lo)
{
	const struct report_meta *meta = &lo->model->report.meta;
	const char *who = layout_collapse(lo, meta->partnership_short);
	if (!*who)
		who = layout_collapse(lo, meta->partnership);
	const char *title = layout_collapse(lo, meta->title);
	if (*who && *title)
		return arena_printf(lo->arena, "%s %s", who, title);
	return *who ? who : title;
}

/* The style's footer pattern with {page} and {pages} filled in (the style
 * checked that each is there once). */
static const char *page_words(struct layout *lo, int page, const char *total)
{
	const char *pattern = lo->style->words.page;
	char num[16];
	snprintf(num, sizeof num, "%d", page);
	size_t len = strlen(pattern) + strlen(num) + strlen(total) + 1;
	char *out = arena_alloc(lo->arena, len);
	size_t k = 0;
	for (const char *p = pattern; *p;) {
		const char *put = NULL;
		if (strncmp(p, "{page}", 6) == 0) {
			put = num;
			p += 6;
		} else if (strncmp(p, "{pages}", 7) == 0) {
			put = total;
			p += 7;
		}
		if (put) {
			size_t n = strlen(put);
			memcpy(out + k, put, n);
			k += n;
		} else {
			out[k++] = *p++;
		}
	}
	out[k] = '\0';
	return out;
}

static void furniture_rule(struct layout *lo, double x_pt, double y_pt)
{
	const struct style_rule *r = &lo->style->rule;
	if (r->colour.none || r->width_pt <= 0)
		return;
	dl_add_line(lo->dl, x_pt, y_pt, x_pt + style_text_width_pt(lo->style), y_pt, r->width_pt,
		    layout_rgb(r->colour.rgb), DL_SOLID);
}

/* The first line of text in role, at baseline y, from x, or centred on
 * the text area or against its right edge. */
static void furniture_text(struct layout *lo, const char *text, enum style_role role,
			   double x_pt, double y_pt, enum cell_align align)
{
	const struct style_text *t = &lo->style->text[role];
	double w = style_text_width_pt(lo->style);
	struct text_block *tb = layout_set_text(lo, text, role, t->face, w, ALIGN_DEFAULT);
	if (!tb->n_lines)
		return;
	const struct text_line *ln = &tb->lines[0];
	for (size_t r = 0; r < ln->n_runs; r++) {
		const struct text_run *run = &ln->runs[r];
		double x = x_pt + run->x_pt;
		if (align == ALIGN_CENTRE)
			x += (w - ln->width_pt) / 2;
		else if (align == ALIGN_RIGHT)
			x += w - ln->width_pt;
		dl_add_text_n(lo->dl, x, y_pt, layout_face(lo, run->face), run->size_pt, run->color,
			      run->hyphen_added ? DL_TEXT_HYPHEN_ADDED : 0, run->text, run->len);
	}
}

static void watermark(struct layout *lo)
{
	const struct style_page *pg = &lo->style->page;
	const char *text = "DRAFT";
	double w = layout_text_width(lo, FACE_BOLD, WATERMARK_SIZE_PT, text, strlen(text));
	double cap = font_metrics(lo->fonts->face[FACE_BOLD])->cap_height * WATERMARK_SIZE_PT /
		     1000.0;
	/* Turned 45 degrees about its start, centred on the page. */
	double c = sqrt(0.5);
	double x = pg->width_pt / 2 - c * (w / 2) + c * (cap / 2);
	double y = pg->height_pt / 2 - c * (w / 2) - c * (cap / 2);
	dl_artifact_begin(lo->dl, DL_ARTIFACT_WATERMARK);
	dl_add_text_rotated(lo->dl, x, y, layout_face(lo, FACE_BOLD), WATERMARK_SIZE_PT,
			    layout_rgb(lo->style->draft.watermark), 45, WATERMARK_OPACITY, text);
	dl_artifact_end(lo->dl);
}

void layout_page_furniture(struct layout *lo)
{
	const struct style *st = lo->style;
	const struct style_page *pg = &st->page;
	struct dl *dl = lo->dl;
	bool draft = lo->opts && lo->opts->draft;
	if (lo->page == 1) {
		if (draft)
			watermark(lo);
		return;
	}
	double x = style_margin_left_pt(st, lo->page);

	double hy = pg->height_pt - pg->header_baseline_pt;
	dl_artifact_begin(dl, DL_ARTIFACT_HEADER);
	furniture_text(lo, layout_running_title(lo), STYLE_HEADER, x, hy, ALIGN_LEFT);
	furniture_rule(lo, x, hy - FURNITURE_RULE_GAP_PT);
	dl_artifact_end(dl);

	/* Pass 1 does not know the page count: "00" holds its place. */
	double fy = pg->footer_baseline_pt;
	char total[16];
	if (lo->prev_page_count > 0)
		snprintf(total, sizeof total, "%d", lo->prev_page_count);
	else
		snprintf(total, sizeof total, "00");
	const char *text = page_words(lo, lo->page, total);
	dl_artifact_begin(dl, DL_ARTIFACT_FOOTER);
	furniture_rule(lo, x, fy + st->text[STYLE_FOOTER].size_pt + FURNITURE_RULE_GAP_PT);
	/* A draft's stamp takes the left of the footer; the page number
	 * moves to the right to make room for it. */
	bool stamp = draft && lo->opts->draft_stamp;
	furniture_text(lo, text, STYLE_FOOTER, x, fy, stamp ? ALIGN_RIGHT : ALIGN_CENTRE);
	if (stamp)
		furniture_text(lo, lo->opts->draft_stamp, STYLE_FOOTER, x, fy, ALIGN_LEFT);
	dl_artifact_end(dl);
	if (draft)
		watermark(lo);
}
