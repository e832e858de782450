/* render-pdf.c - walks a display list once and writes a tagged PDF through
 * libharu 2.3.0, working round the bugs measured in
 * ../shared/notes/libharu-2.3.0.md (numbers like §12 refer to it). */
#define _POSIX_C_SOURCE 200809L
#include "render-pdf.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The public API has no marked content, structure tree, ToUnicode fix or
 * trailer /ID, so this file also uses the private headers Debian installs
 * (§12): HPDF_Dict_*, HPDF_Array_*, HPDF_Xref_Add and the page stream. */
#include <hpdf.h>
#include <hpdf_doc.h>
#include <hpdf_font.h>
#include <hpdf_fontdef.h>
#include <hpdf_objects.h>
#include <hpdf_pages.h>
#include <hpdf_streams.h>
#include <zlib.h>

#include "arena.h"
#include "srgb-icc.h"
#include "text.h"

/* Keys per leaf of the structure parent tree; several leaves keep each
 * array far below libharu's 32767-item limit however long the report. */
enum { PARENT_TREE_LEAF = 512 };

/* libharu strings stop at 65535 bytes (ShowText truncates silently). */
enum { MAX_RUN_BYTES = 65535 };

/* zlib level for page content, deflated as each page ends (finish_page()).
 * libharu's level 6 made deflate a fifth of the sample's build; level 2
 * takes a third of that time for 6% more bytes in the file (measured on
 * the sample: 350 KB at level 6, 372 KB at level 2, 380 KB at level 1). */
enum { PAGE_DEFLATE_LEVEL = 2 };

/* The Info dictionary's /Producer, written by us (it is libharu's default)
 * so that the XMP's pdf:Producer is the same string, as PDF/A wants. */
#define PRODUCER "Haru Free PDF Library " HPDF_VERSION_TEXT

/* The ICC profile's description in the output intent (icc/README.md). */
#define OUTPUT_CONDITION "sRGB IEC61966-2.1"

struct dest {
	const char *name;
	size_t page; /* 0-based */
	double y_pt;
	const char *title; /* of the first outline entry going there, or NULL */
	/* The /Contents of every link here: one numbered string object that
	 * each link refers to, made at the first (see add_link()). */
	HPDF_String contents;
};

/* The structure tree is kept in these compact records and written by
 * write_elem() and write_leaf() as the PDF is saved: as libharu objects
 * its kids and parent tree took about 2 KB an element, three quarters of
 * the memory of a large build, and libharu's arrays stop at 32767 items. */
enum kid_kind { KID_MCID, KID_ELEM, KID_OBJR };

struct kid {
	uint32_t elem;   /* the element whose /K holds it */
	uint32_t kind;   /* enum kid_kind */
	uint32_t value;  /* the MCID, the element, or the annotation's object number */
	uint32_t page;   /* the page of the MCID or the annotation */
};

/* A structure element: an empty libharu dictionary (for its object
 * number and the few optional entries) whose write_fn writes the rest;
 * pg is its /Pg, the page of its first marked content, plus one (0: none);
 * its kids are kids[first_kid ...] once sort_kids() has run. */
struct elem {
	HPDF_Dict dict;
	struct render *r;
	size_t pg;
	size_t first_kid, n_kids;
};

/* A leaf of the parent tree: keys first to last. */
struct leaf {
	struct render *r;
	size_t first, last;
};

/* What the current page's content stream last set, so that runs of the
 * same colour and font do not repeat their operators. */
struct gcache {
	bool fill_set, stroke_set, width_set, dash_set, font_set;
	struct dl_rgb fill, stroke;
	double width_pt;
	struct dl_dash dash;
	size_t face;
	double size_pt;
};

struct alpha {
	double opacity;
	HPDF_ExtGState gs;
};

struct render {
	const struct dl *dl;
	struct arena *arena; /* strings made while rendering */
	/* The address of the last link to a URI, with its /Contents and its
	 * action as numbered objects that the annotations of each of its
	 * lines share (see add_link()). */
	const char *uri;
	HPDF_String uri_contents;
	HPDF_Dict uri_action;
	HPDF_Doc pdf;
	HPDF_Encoder utf8;
	char *err;
	size_t err_size;
	bool failed;
	HPDF_STATUS lib_error, lib_detail; /* first error libharu reported */
	size_t notes_made;                 /* the draft's notes so far (their /NM) */

	HPDF_Font *fonts;
	HPDF_FontDef *fontdefs;
	uint8_t **glyph_ok; /* per font, a bit per BMP code point known drawable */
	HPDF_Image *images;
	HPDF_Page *pages;
	size_t n_pages;
	struct dest *dests; /* sorted by name */
	size_t n_dests;
	const struct dl_page_label **labels; /* sorted by first page */
	struct alpha *alphas;
	size_t n_alphas, cap_alphas;
	HPDF_Outline outline_at[3]; /* last entry made at each level */
	bool has_outline;

	/* tagging (only when the list has structure elements) */
	bool tagged;
	HPDF_Dict tree_root;
	HPDF_Array root_kids;
	HPDF_Dict parent_tree;
	struct elem *elems;
	struct kid *kids;          /* in the order met, then by element */
	size_t n_kids, cap_kids;
	uint32_t *mcid_owner;      /* the element of each MCID, page after page */
	size_t n_mcids, cap_mcids;
	size_t *page_mcids;        /* per page, its first entry in mcid_owner */
	uint32_t *annot_owner;     /* the element of each tagged annotation */
	size_t n_annots, cap_annots;

	/* the walk */
	size_t op_index;
	size_t page; /* index of the current page */
	HPDF_Page cur;
	HPDF_Stream stream;
	size_t *open; /* open and resumed elements, innermost last */
	size_t n_open, cap_open;
	bool in_artifact;
	bool untagged_annots; /* an annotation was drawn in an artifact */
	bool mc_open; /* a marked-content sequence of mc_elem is open */
	size_t mc_elem;
	int next_mcid;
	struct gcache g;
};

/* ---- errors -------------------------------------------------------------- */

/* libharu calls this before returning an error code; we only remember the
 * first error and let the return value unwind (no longjmp). */
static void on_error(HPDF_STATUS error_no, HPDF_STATUS detail_no, void *user_data)
{
	struct render *r = user_data;
	if (!r->lib_error) {
		r->lib_error = error_no;
		r->lib_detail = detail_no;
	}
}

static int fail(struct render *r, const char *fmt, ...) RC_PRINTF(2, 3);

/* Keeps the first failure's message: later ones are its consequences. */
static int fail(struct render *r, const char *fmt, ...)
{
	if (!r->failed && r->err_size > 0) {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(r->err, r->err_size, fmt, ap);
		va_end(ap);
	}
	r->failed = true;
	return -1;
}

static void describe(HPDF_STATUS code, HPDF_STATUS detail, char *buf, size_t size)
{
	static const struct {
		HPDF_STATUS code;
		const char *text;
	} known[] = {
		{ HPDF_FILE_OPEN_ERROR, "cannot open the file" },
		{ HPDF_FILE_IO_ERROR, "cannot read or write the file" },
		{ HPDF_FAILD_TO_ALLOC_MEM, "out of memory" },
		{ HPDF_INVALID_PNG_IMAGE, "not a PNG image libharu can read" },
		{ HPDF_LIBPNG_ERROR, "libpng cannot decode the image" },
		{ HPDF_TTF_MISSING_TABLE, "not a TrueType font (a table is missing)" },
		{ HPDF_TTF_INVALID_FOMAT, "not a TrueType font" },
		{ HPDF_TTF_INVALID_CMAP, "the font has no usable Unicode cmap" },
		{ HPDF_TTF_CANNOT_EMBEDDING_FONT, "the font's licence forbids embedding" },
		{ HPDF_INVALID_FONTDEF_DATA, "the font has no glyphs libharu can use" },
		{ HPDF_UNSUPPORTED_FONT_TYPE, "unsupported font (only TrueType outlines)" },
		{ HPDF_ARRAY_COUNT_ERR, "a PDF array would exceed 32767 items" },
		{ HPDF_DICT_COUNT_ERR, "a PDF dictionary would exceed 4095 entries" },
		{ HPDF_XREF_COUNT_ERR, "the PDF would exceed 8388607 objects" },
		{ HPDF_PAGE_INVALID_SIZE, "page size outside 3 to 14400 pt" },
		{ HPDF_PAGE_OUT_OF_RANGE, "a value is out of range" },
		{ HPDF_REAL_OUT_OF_RANGE, "a number is out of range" },
		{ HPDF_INVALID_PARAMETER, "invalid parameter" },
		{ HPDF_INVALID_DATE_TIME, "invalid date" },
		{ HPDF_STRING_OUT_OF_RANGE, "a string is longer than 65535 bytes" },
		{ HPDF_ZLIB_ERROR, "zlib cannot compress" },
		{ HPDF_EXCEED_GSTATE_LIMIT, "graphics states nested too deep" },
		{ HPDF_PAGE_INVALID_GMODE, "operator not allowed in this graphics mode" },
		{ HPDF_PAGE_INVALID_FONT_SIZE, "invalid font size" },
		{ HPDF_INVALID_DOCUMENT, "the document is in an error state" },
	};
	const char *text = "see hpdf_error.h";
	for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
		if (known[i].code == code)
			text = known[i].text;
	/* For file errors the detail is errno. */
	if ((code == HPDF_FILE_OPEN_ERROR || code == HPDF_FILE_IO_ERROR) && detail)
		snprintf(buf, size, "libharu error 0x%04lX (%s: %s)", code, text,
			 strerror((int)detail));
	else
		snprintf(buf, size, "libharu error 0x%04lX (%s)", code, text);
}

static int lib_fail(struct render *r, const char *fmt, ...) RC_PRINTF(2, 3);

/* A failure inside libharu: what we were doing, then its error code. The
 * private API sets the document's error without calling the handler, so
 * that is the fallback. */
static int lib_fail(struct render *r, const char *fmt, ...)
{
	char what[512], why[256];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(what, sizeof what, fmt, ap);
	va_end(ap);
	HPDF_STATUS code = r->lib_error, detail = r->lib_detail;
	if (!code && r->pdf) {
		code = r->pdf->error.error_no;
		detail = r->pdf->error.detail_no;
	}
	if (code)
		describe(code, detail, why, sizeof why);
	else
		snprintf(why, sizeof why, "libharu failed without an error code");
	return fail(r, "%s: %s", what, why);
}

/* ---- small helpers over the private object API ---------------------------- */

/* Each returns 0 or -1; the reason is left in the document's error. */
static int put(HPDF_Dict dict, const char *key, void *obj)
{
	return obj && HPDF_Dict_Add(dict, key, obj) == HPDF_OK ? 0 : -1;
}

static int put_name(HPDF_Dict dict, const char *key, const char *name)
{
	return HPDF_Dict_AddName(dict, key, name) == HPDF_OK ? 0 : -1;
}

static int put_number(HPDF_Dict dict, const char *key, HPDF_INT32 n)
{
	return HPDF_Dict_AddNumber(dict, key, n) == HPDF_OK ? 0 : -1;
}

/* libharu grows a list by a fixed number of entries (1024 for the
 * cross-reference table, 20 for an array), copying it byte by byte each
 * time: quadratic in the list's length. Raising the step to the length
 * makes each growth double the list instead. Call before adding. */
static void grow_geometrically(HPDF_List list)
{
	if (list->count >= list->block_siz && list->count > list->items_per_block)
		list->items_per_block = list->count;
}

static int append(HPDF_Array array, void *obj)
{
	if (!obj)
		return -1;
	grow_geometrically(array->list);
	return HPDF_Array_Add(array, obj) == HPDF_OK ? 0 : -1;
}


/* A text string: literal when it is ASCII (a quarter of the bytes of the
 * hex UTF-16 that libharu's UTF-8 encoder writes), else UTF-16. */
static HPDF_String text_string(struct render *r, const char *s)
{
	for (const char *p = s; *p; p++)
		if ((unsigned char)*p >= 0x80)
			return HPDF_String_New(r->pdf->mmgr, s, r->utf8);
	return HPDF_String_New(r->pdf->mmgr, s, NULL);
}

/* A dictionary that is its own numbered object, as parents, /Kids and
 * /Obj references need. */
static HPDF_Dict new_indirect(struct render *r)
{
	HPDF_Dict d = HPDF_Dict_New(r->pdf->mmgr);
	grow_geometrically(r->pdf->xref->entries);
	if (!d || HPDF_Xref_Add(r->pdf->xref, d) != HPDF_OK)
		return NULL; /* Xref_Add frees d when it fails */
	return d;
}

static int raw(struct render *r, const char *s)
{
	if (HPDF_Stream_WriteStr(r->stream, s) != HPDF_OK)
		return lib_fail(r, "page %zu: cannot write the content stream", r->page + 1);
	return 0;
}

/* ---- before libharu: checks on the whole list ------------------------------ */

static int compare_dests(const void *pa, const void *pb)
{
	const struct dest *a = pa, *b = pb;
	return strcmp(a->name, b->name);
}

static int compare_labels(const void *pa, const void *pb)
{
	const struct dl_page_label *a = *(const struct dl_page_label *const *)pa;
	const struct dl_page_label *b = *(const struct dl_page_label *const *)pb;
	return (a->first_page > b->first_page) - (a->first_page < b->first_page);
}

static int prepass(struct render *r)
{
	const struct dl *dl = r->dl;
	r->n_pages = dl->n_pages;
	if (r->n_pages == 0)
		return fail(r, "the display list has no pages");

	size_t n = 0;
	for (size_t i = 0; i < dl->n_ops; i++)
		n += dl->ops[i].kind == DL_DEST;
	r->dests = xcalloc(n ? n : 1, sizeof *r->dests);
	size_t page = 0;
	for (size_t i = 0; i < dl->n_ops; i++) {
		const struct dl_op *op = &dl->ops[i];
		if (op->kind == DL_PAGE_BEGIN)
			page++;
		else if (op->kind == DL_DEST)
			r->dests[r->n_dests++] = (struct dest){ op->dest.name, page - 1, op->dest.y_pt, NULL, NULL };
	}
	qsort(r->dests, r->n_dests, sizeof *r->dests, compare_dests);
	for (size_t i = 1; i < r->n_dests; i++)
		if (strcmp(r->dests[i - 1].name, r->dests[i].name) == 0)
			return fail(r, "destination \"%s\" is defined twice", r->dests[i].name);
	/* A link names its target by the outline entry that goes there. */
	for (size_t i = 0; i < dl->n_ops; i++) {
		if (dl->ops[i].kind != DL_OUTLINE)
			continue;
		struct dest key = { .name = dl->ops[i].outline.dest };
		struct dest *d = bsearch(&key, r->dests, r->n_dests, sizeof *r->dests, compare_dests);
		if (d && !d->title)
			d->title = dl->ops[i].outline.title;
	}

	/* libharu appends page labels to the number tree in call order, but
	 * the tree must be sorted by page. */
	r->labels = xcalloc(dl->n_labels ? dl->n_labels : 1, sizeof *r->labels);
	for (size_t i = 0; i < dl->n_labels; i++)
		r->labels[i] = &dl->labels[i];
	qsort(r->labels, dl->n_labels, sizeof *r->labels, compare_labels);
	for (size_t i = 0; i < dl->n_labels; i++) {
		size_t p = r->labels[i]->first_page;
		if (p >= r->n_pages)
			return fail(r, "a page label starts at page %zu of a %zu-page document", p + 1,
				    r->n_pages);
		if (i > 0 && r->labels[i - 1]->first_page == p)
			return fail(r, "two page labels start at page %zu", p + 1);
	}

	r->tagged = dl->n_elems > 0;
	return 0;
}

static const struct dest *find_dest(const struct render *r, const char *name)
{
	struct dest key = { .name = name };
	return bsearch(&key, r->dests, r->n_dests, sizeof *r->dests, compare_dests);
}

/* ---- document set-up ------------------------------------------------------- */

static int set_date(struct render *r, HPDF_InfoType type, const struct dl_date *d)
{
	int off = abs(d->utc_offset_min);
	HPDF_Date date = {
		.year = d->year, .month = d->month, .day = d->day,
		.hour = d->hour, .minutes = d->minute, .seconds = d->second,
		/* A sign, never 'Z': 'Z' breaks libharu's XMP dates (§9). */
		.ind = d->utc_offset_min < 0 ? '-' : '+',
		.off_hour = off / 60, .off_minutes = off % 60,
	};
	if (HPDF_SetInfoDateAttr(r->pdf, type, date) != HPDF_OK)
		return lib_fail(r, "cannot set the document date");
	return 0;
}

static int setup(struct render *r)
{
	HPDF_Doc pdf = r->pdf;
	/* SetInfoAttr encodes with the current encoder, so UTF-8 comes first
	 * (§3-5). */
	if (HPDF_UseUTFEncodings(pdf) != HPDF_OK ||
	    HPDF_SetCurrentEncoder(pdf, "UTF-8") != HPDF_OK)
		return lib_fail(r, "cannot switch libharu to UTF-8");
	r->utf8 = HPDF_GetEncoder(pdf, "UTF-8");
	if (!r->utf8)
		return lib_fail(r, "cannot get libharu's UTF-8 encoder");
	if (HPDF_SetCompressionMode(pdf, HPDF_COMP_ALL) != HPDF_OK)
		return lib_fail(r, "cannot turn on compression");

	const struct dl_info *info = &r->dl->info;
	const struct {
		HPDF_InfoType type;
		const char *value;
	} attrs[] = {
		{ HPDF_INFO_TITLE, info->title },     { HPDF_INFO_AUTHOR, info->author },
		{ HPDF_INFO_SUBJECT, info->subject }, { HPDF_INFO_KEYWORDS, info->keywords },
		{ HPDF_INFO_CREATOR, info->creator }, { HPDF_INFO_PRODUCER, PRODUCER },
	};
	for (size_t i = 0; i < sizeof attrs / sizeof attrs[0]; i++)
		if (attrs[i].value && HPDF_SetInfoAttr(pdf, attrs[i].type, attrs[i].value) != HPDF_OK)
			return lib_fail(r, "cannot set the document information");
	if (r->dl->has_created && (set_date(r, HPDF_INFO_CREATION_DATE, &r->dl->created) ||
				   set_date(r, HPDF_INFO_MOD_DATE, &r->dl->created)))
		return -1;
	return 0;
}

/* Replaces libharu's ToUnicode CMap, whose "begincidrange <0000> <FFFF> 0"
 * is not valid in a ToUnicode map (§1), with an identity map from each
 * code (the code point, for libharu's UTF-8 fonts) to itself, in bfranges
 * that vary only the last byte as the CMap syntax requires. Surrogate codes
 * are left out: they never occur. Also corrects CIDSystemInfo /Ordering
 * from (Identity-H) to (Identity). */
static int fix_font(struct render *r, HPDF_Font font, const char *path)
{
	HPDF_FontAttr attr = font->attr;
	HPDF_Dict cmap = HPDF_Dict_GetItem(font, "ToUnicode", HPDF_OCLASS_DICT);
	HPDF_Dict sysinfo = attr->descendant_font ?
		HPDF_Dict_GetItem(attr->descendant_font, "CIDSystemInfo", HPDF_OCLASS_DICT) : NULL;
	if (!cmap || !cmap->stream || !sysinfo)
		return fail(r, "font '%s': libharu did not build the font dictionaries "
			       "this program knows how to repair", path);

	/* The keys of a CMap resource do not belong on a ToUnicode stream. */
	static const char *const stale[] = { "Type", "CMapName", "CIDSystemInfo", "WMode" };
	for (size_t i = 0; i < sizeof stale / sizeof stale[0]; i++)
		HPDF_Dict_RemoveElement(cmap, stale[i]); /* absent is fine */
	HPDF_MemStream_FreeData(cmap->stream);

	static const char head[] =
		"/CIDInit /ProcSet findresource begin\n"
		"12 dict begin\n"
		"begincmap\n"
		"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
		"/CMapName /Adobe-Identity-UCS def\n"
		"/CMapType 2 def\n"
		"1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n";
	static const char tail[] =
		"endcmap\n"
		"CMapName currentdict /CMap defineresource pop\n"
		"end\n"
		"end\n";
	if (HPDF_Stream_WriteStr(cmap->stream, head) != HPDF_OK)
		return lib_fail(r, "font '%s': cannot write its ToUnicode map", path);

	/* 248 high bytes (0x00-0xFF without 0xD8-0xDF), at most 100 ranges per
	 * block. */
	unsigned highs[256], n = 0;
	for (unsigned hi = 0; hi < 256; hi++)
		if (hi < 0xD8 || hi > 0xDF)
			highs[n++] = hi;
	for (unsigned i = 0; i < n; i += 100) {
		unsigned block = n - i < 100 ? n - i : 100;
		char line[64];
		snprintf(line, sizeof line, "%u beginbfrange\n", block);
		if (HPDF_Stream_WriteStr(cmap->stream, line) != HPDF_OK)
			return lib_fail(r, "font '%s': cannot write its ToUnicode map", path);
		for (unsigned k = i; k < i + block; k++) {
			snprintf(line, sizeof line, "<%02X00> <%02XFF> <%02X00>\n", highs[k],
				 highs[k], highs[k]);
			if (HPDF_Stream_WriteStr(cmap->stream, line) != HPDF_OK)
				return lib_fail(r, "font '%s': cannot write its ToUnicode map", path);
		}
		if (HPDF_Stream_WriteStr(cmap->stream, "endbfrange\n") != HPDF_OK)
			return lib_fail(r, "font '%s': cannot write its ToUnicode map", path);
	}
	if (HPDF_Stream_WriteStr(cmap->stream, tail) != HPDF_OK)
		return lib_fail(r, "font '%s': cannot write its ToUnicode map", path);

	if (put(sysinfo, "Ordering", HPDF_String_New(r->pdf->mmgr, "Identity", NULL)))
		return lib_fail(r, "font '%s': cannot correct its CIDSystemInfo", path);
	return 0;
}

/* libharu's CIDToGIDMap covers every code from U+0000 to U+FFFE (128 KB a
 * font, almost all zeros, deflated at each save). After the walk the codes
 * drawn are known (glyph_ok): the map is cut after the highest, and codes
 * never drawn map to glyph 0. */
static int trim_gid_map(struct render *r, size_t font)
{
	HPDF_Dict map = ((HPDF_FontAttr)r->fonts[font]->attr)->map_stream;
	const uint8_t *ok = r->glyph_ok[font];
	if (!map || !map->stream)
		return 0;
	size_t top = 0x10000;
	while (top > 0 && !(ok[(top - 1) >> 3] & (1u << ((top - 1) & 7))))
		top--;
	unsigned char *bytes = xcalloc(top ? 2 * top : 1, 1);
	for (size_t cp = 0; cp < top; cp++) {
		if (!(ok[cp >> 3] & (1u << (cp & 7))))
			continue;
		HPDF_UINT16 gid = HPDF_TTFontDef_GetGlyphid(r->fontdefs[font], (HPDF_UINT16)cp);
		bytes[2 * cp] = (unsigned char)(gid >> 8);
		bytes[2 * cp + 1] = (unsigned char)gid;
	}
	HPDF_MemStream_FreeData(map->stream);
	HPDF_STATUS st = HPDF_Stream_Write(map->stream, bytes, (HPDF_UINT)(2 * top));
	free(bytes);
	return st == HPDF_OK ? 0 : -1;
}

/* libharu leaves /CapHeight, which ISO 32000-1 requires, out of the font
 * descriptor, and makes the descriptor (and the embedded subset) only as
 * it writes the font. After the walk every glyph is known, so this runs
 * that step itself, then adds the key; writing it again keeps the
 * descriptor made here. */
static int complete_fonts(struct render *r)
{
	for (size_t i = 0; i < r->dl->n_fonts; i++) {
		HPDF_Font font = r->fonts[i];
		if (!font)
			continue;
		HPDF_FontDef def = r->fontdefs[i];
		if (trim_gid_map(r, i))
			return lib_fail(r, "font '%s': cannot write its CIDToGIDMap",
					r->dl->fonts[i].path);
		if (!font->before_write_fn || font->before_write_fn(font) != HPDF_OK ||
		    !def->descriptor || put_number(def->descriptor, "CapHeight", def->cap_height))
			return lib_fail(r, "font '%s': cannot complete its font descriptor",
					r->dl->fonts[i].path);
	}
	return 0;
}

/* HPDF_LoadTTFontFromFile without the file: libharu 2.3.0's static
 * LoadTTFontFromStream (hpdf_doc.c) step for step, fed from a memory stream,
 * so that the fonts get the same subset tags (HPDFAA+, HPDFAB+, ...) and the
 * PDF the same bytes. The font definition takes over the stream: libharu
 * reads the embedded tables from it when it writes the file. */
static const char *load_ttf_mem(HPDF_Doc pdf, const uint8_t *data, size_t size)
{
	if (size > 0xFFFFFFFFu) {
		HPDF_SetError(&pdf->error, HPDF_INVALID_PARAMETER, 0);
		HPDF_CheckError(&pdf->error);
		return NULL;
	}
	HPDF_Stream stream = HPDF_MemStream_New(pdf->mmgr, (HPDF_UINT)size);
	if (!HPDF_Stream_Validate(stream)) {
		HPDF_CheckError(&pdf->error);
		return NULL;
	}
	if (HPDF_Stream_Write(stream, data, (HPDF_UINT)size) != HPDF_OK) {
		HPDF_Stream_Free(stream);
		HPDF_CheckError(&pdf->error);
		return NULL;
	}
	HPDF_FontDef def = HPDF_TTFontDef_Load(pdf->mmgr, stream, HPDF_TRUE);
	if (!def) {
		HPDF_CheckError(&pdf->error);
		return NULL;
	}
	if (HPDF_Doc_FindFontDef(pdf, def->base_font)) {
		HPDF_FontDef_Free(def);
		HPDF_SetError(&pdf->error, HPDF_FONT_EXISTS, 0);
		HPDF_CheckError(&pdf->error);
		return NULL;
	}
	if (HPDF_List_Add(pdf->fontdef_list, def) != HPDF_OK) {
		HPDF_FontDef_Free(def);
		HPDF_CheckError(&pdf->error);
		return NULL;
	}
	if (pdf->ttfont_tag[0] == 0) {
		memcpy(pdf->ttfont_tag, "HPDFAA", 6);
	} else {
		for (int i = 5; i >= 0; i--) {
			pdf->ttfont_tag[i] += 1;
			if (pdf->ttfont_tag[i] > 'Z')
				pdf->ttfont_tag[i] = 'A';
			else
				break;
		}
	}
	HPDF_TTFontDef_SetTagName(def, (char *)pdf->ttfont_tag);
	return def->base_font;
}

static int load_fonts(struct render *r)
{
	const struct dl *dl = r->dl;
	r->fonts = xcalloc(dl->n_fonts ? dl->n_fonts : 1, sizeof *r->fonts);
	r->fontdefs = xcalloc(dl->n_fonts ? dl->n_fonts : 1, sizeof *r->fontdefs);
	r->glyph_ok = xcalloc(dl->n_fonts ? dl->n_fonts : 1, sizeof *r->glyph_ok);
	const char **names = xcalloc(dl->n_fonts ? dl->n_fonts : 1, sizeof *names);
	/* Only faces that draw something: libharu writes (and embeds) every
	 * font it has loaded, used or not. */
	bool *used = xcalloc(dl->n_fonts ? dl->n_fonts : 1, sizeof *used);
	for (size_t i = 0; i < dl->n_ops; i++)
		if (dl->ops[i].kind == DL_TEXT && *dl->ops[i].text.text)
			used[dl->ops[i].text.face] = true;
	int ret = 0;
	for (size_t i = 0; i < dl->n_fonts && ret == 0; i++) {
		const char *path = dl->fonts[i].path;
		if (!used[i])
			continue;
		/* Embedded (subset) TrueType, looked up through the UTF-8
		 * encoder: a Type0 font whose codes are code points (§1). */
		names[i] = load_ttf_mem(r->pdf, dl->fonts[i].data, dl->fonts[i].size);
		if (!names[i]) {
			ret = lib_fail(r, "cannot load font '%s'", path);
			break;
		}
		/* libharu hands back the font already loaded under the same
		 * PostScript name instead of the new file. */
		for (size_t j = 0; j < i; j++)
			if (names[j] && strcmp(names[j], names[i]) == 0)
				ret = fail(r, "fonts '%s' and '%s' have the same PostScript name "
					      "'%s'; libharu would draw both with the first",
					   dl->fonts[j].path, path, names[i]);
		if (ret)
			break;
		r->fonts[i] = HPDF_GetFont(r->pdf, names[i], "UTF-8");
		if (!r->fonts[i]) {
			ret = lib_fail(r, "cannot use font '%s' with UTF-8", path);
			break;
		}
		r->fontdefs[i] = ((HPDF_FontAttr)r->fonts[i]->attr)->fontdef;
		r->glyph_ok[i] = xcalloc(0x10000 / 8, 1);
		ret = fix_font(r, r->fonts[i], path);
	}
	free(used);
	free(names);
	return ret;
}

/* Each image goes to libharu as the pixels image.c decoded, never as a
 * PNG: libharu 2.3.0's PNG loader reads NULL on a tRNS in RGB, frees
 * twice on an interlaced RGBA file and garbles 16-bit samples (§6). An
 * alpha plane becomes a soft mask (allowed in PDF/A-2); libharu compresses
 * both streams (its own PNG path left the SMask uncompressed). */
static int load_images(struct render *r)
{
	const struct dl *dl = r->dl;
	r->images = xcalloc(dl->n_images ? dl->n_images : 1, sizeof *r->images);
	for (size_t i = 0; i < dl->n_images; i++) {
		const struct image *im = dl->images[i].image;
		const char *name = dl->images[i].name;
		if (!im->pixels)
			return fail(r, "image '%s' was checked but not decoded for drawing", name);
		HPDF_ColorSpace space = im->channels == 1 ? HPDF_CS_DEVICE_GRAY : HPDF_CS_DEVICE_RGB;
		r->images[i] = HPDF_LoadRawImageFromMem(r->pdf, im->pixels, im->width_px,
							im->height_px, space, 8);
		if (!r->images[i])
			return lib_fail(r, "cannot load image '%s'", name);
		if (im->alpha) {
			HPDF_Image mask = HPDF_LoadRawImageFromMem(r->pdf, im->alpha, im->width_px,
								   im->height_px,
								   HPDF_CS_DEVICE_GRAY, 8);
			if (!mask || HPDF_Image_AddSMask(r->images[i], mask) != HPDF_OK)
				return lib_fail(r, "cannot load the transparency of image '%s'", name);
		}
	}
	return 0;
}

/* ---- structure tree -------------------------------------------------------- */

/* "N G R": a reference to an indirect object. */
static HPDF_STATUS write_ref(HPDF_Stream out, const void *obj)
{
	const HPDF_Obj_Header *h = obj;
	char buf[32];
	snprintf(buf, sizeof buf, "%u %u R", (unsigned)(h->obj_id & 0x00FFFFFF),
		 (unsigned)h->gen_no);
	return HPDF_Stream_WriteStr(out, buf);
}

/* s as a PDF text string, of any length (libharu's strings stop at 65535
 * bytes): a literal when it is ASCII, else UTF-16BE in hex after a byte
 * order mark, as libharu writes them. */
static HPDF_STATUS write_text(HPDF_Stream out, const char *s)
{
	bool ascii = true;
	for (const char *p = s; *p && ascii; p++)
		ascii = (unsigned char)*p < 0x80;
	char buf[256];
	size_t n = 0;
	HPDF_STATUS st = HPDF_OK;
	/* Appends to buf, emptying it into out when it is nearly full. */
#define EMIT(...)                                                                      \
	do {                                                                           \
		if (n > sizeof buf - 16) {                                             \
			buf[n] = '\0';                                                 \
			st = st ? st : HPDF_Stream_WriteStr(out, buf);                 \
			n = 0;                                                         \
		}                                                                      \
		n += (size_t)snprintf(buf + n, sizeof buf - n, __VA_ARGS__);            \
	} while (0)
	if (ascii) {
		EMIT("(");
		for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
			if (*p == '(' || *p == ')' || *p == '\\')
				EMIT("\\%c", *p);
			else if (*p < 0x20 || *p == 0x7F)
				EMIT("\\%03o", *p);
			else
				EMIT("%c", *p);
		}
		EMIT(")");
	} else {
		EMIT("<FEFF");
		size_t len = strlen(s);
		for (size_t i = 0; i < len;) {
			uint32_t cp = 0xFFFD;
			size_t k = text_utf8_decode(s + i, len - i, &cp);
			i += k ? k : 1;
			if (!k)
				cp = 0xFFFD;
			if (cp > 0xFFFF)
				EMIT("%04X%04X", (unsigned)(0xD800 + ((cp - 0x10000) >> 10)),
				     (unsigned)(0xDC00 + ((cp - 0x10000) & 0x3FF)));
			else
				EMIT("%04X", (unsigned)cp);
		}
		EMIT(">");
	}
#undef EMIT
	buf[n] = '\0';
	return st ? st : HPDF_Stream_WriteStr(out, buf);
}

/* The entries of a structure element that libharu does not hold: /S, /P,
 * /Pg, /Alt, /Lang, /ActualText and /K (libharu writes the rest). */
static HPDF_STATUS write_elem(HPDF_Dict dict, HPDF_Stream out)
{
	const struct elem *x = dict->attr;
	struct render *r = x->r;
	const struct dl_struct_elem *e = &r->dl->elems[x - r->elems];
	char buf[96];
	snprintf(buf, sizeof buf, "/S /%s\012/P ", dl_struct_type_name(e->type));
	HPDF_STATUS st = HPDF_Stream_WriteStr(out, buf);
	if (!st)
		st = write_ref(out, e->parent == DL_NO_PARENT ? r->tree_root
							      : r->elems[e->parent].dict);
	if (!st && x->pg)
		st = HPDF_Stream_WriteStr(out, "\012/Pg ") ||
		     write_ref(out, r->pages[x->pg - 1]);
	const struct { const char *key, *value; } attrs[] = {
		{ "\012/Alt ", e->attrs.alt },
		{ "\012/Lang ", e->attrs.lang },
		{ "\012/ActualText ", e->attrs.actual_text },
	};
	for (size_t i = 0; i < sizeof attrs / sizeof attrs[0] && !st; i++)
		if (attrs[i].value)
			st = HPDF_Stream_WriteStr(out, attrs[i].key) || write_text(out, attrs[i].value);
	if (!st)
		st = HPDF_Stream_WriteStr(out, "\012/K [");
	for (size_t i = 0; i < x->n_kids && !st; i++) {
		const struct kid *k = &r->kids[x->first_kid + i];
		if (i)
			st = HPDF_Stream_WriteStr(out, " ");
		if (st)
			break;
		switch (k->kind) {
		case KID_MCID:
			/* An MCID on the element's own /Pg needs no page of its own. */
			if (k->page + 1 == x->pg) {
				snprintf(buf, sizeof buf, "%u", (unsigned)k->value);
				st = HPDF_Stream_WriteStr(out, buf);
			} else {
				snprintf(buf, sizeof buf, " /MCID %u>>", (unsigned)k->value);
				st = HPDF_Stream_WriteStr(out, "<</Type /MCR /Pg ") ||
				     write_ref(out, r->pages[k->page]) || HPDF_Stream_WriteStr(out, buf);
			}
			break;
		case KID_ELEM:
			st = write_ref(out, r->elems[k->value].dict);
			break;
		case KID_OBJR:
			snprintf(buf, sizeof buf, "<</Type /OBJR /Obj %u 0 R /Pg ", (unsigned)k->value);
			st = HPDF_Stream_WriteStr(out, buf) || write_ref(out, r->pages[k->page]) ||
			     HPDF_Stream_WriteStr(out, ">>");
			break;
		}
	}
	return st ? st : HPDF_Stream_WriteStr(out, "]\012");
}

/* A leaf of the parent tree: key i < n_pages is page i's array of the
 * owners of its MCIDs; the keys after the pages' are the owners of the
 * tagged annotations, in the order they were drawn. */
static HPDF_STATUS write_leaf(HPDF_Dict dict, HPDF_Stream out)
{
	const struct leaf *l = dict->attr;
	const struct render *r = l->r;
	char buf[64];
	snprintf(buf, sizeof buf, "/Limits [%zu %zu]\012/Nums [", l->first, l->last);
	HPDF_STATUS st = HPDF_Stream_WriteStr(out, buf);
	for (size_t key = l->first; key <= l->last && !st; key++) {
		snprintf(buf, sizeof buf, "%s%zu ", key == l->first ? "" : " ", key);
		st = HPDF_Stream_WriteStr(out, buf);
		if (key >= r->n_pages) {
			if (!st)
				st = write_ref(out, r->elems[r->annot_owner[key - r->n_pages]].dict);
			continue;
		}
		if (!st)
			st = HPDF_Stream_WriteStr(out, "[");
		for (size_t i = r->page_mcids[key]; i < r->page_mcids[key + 1] && !st; i++)
			st = (i > r->page_mcids[key] && HPDF_Stream_WriteStr(out, " ")) ||
			     write_ref(out, r->elems[r->mcid_owner[i]].dict);
		if (!st)
			st = HPDF_Stream_WriteStr(out, "]");
	}
	return st ? st : HPDF_Stream_WriteStr(out, "]\012");
}

static void add_kid(struct render *r, size_t elem, enum kid_kind kind, size_t value,
		    size_t page)
{
	xgrow(&r->kids, &r->cap_kids, r->n_kids, sizeof *r->kids);
	r->kids[r->n_kids++] = (struct kid){ (uint32_t)elem, kind, (uint32_t)value, (uint32_t)page };
}

/* Groups the kids by element, each element's in the order they were met
 * (a counting sort: stable, and linear). */
static void sort_kids(struct render *r)
{
	size_t n_elems = r->dl->n_elems;
	for (size_t i = 0; i < r->n_kids; i++)
		r->elems[r->kids[i].elem].n_kids++;
	size_t at = 0;
	for (size_t e = 0; e < n_elems; e++) {
		r->elems[e].first_kid = at;
		at += r->elems[e].n_kids;
		r->elems[e].n_kids = 0;
	}
	struct kid *sorted = xcalloc(r->n_kids ? r->n_kids : 1, sizeof *sorted);
	for (size_t i = 0; i < r->n_kids; i++) {
		struct elem *x = &r->elems[r->kids[i].elem];
		sorted[x->first_kid + x->n_kids++] = r->kids[i];
	}
	free(r->kids);
	r->kids = sorted;
	r->cap_kids = r->n_kids;
}

/* The parent tree's leaves, PARENT_TREE_LEAF keys each, once every key is
 * known (after the walk). */
static int close_tree(struct render *r)
{
	r->page_mcids[r->n_pages] = r->n_mcids;
	sort_kids(r);
	size_t n_keys = r->n_pages + r->n_annots;
	HPDF_Array kids = HPDF_Array_New(r->pdf->mmgr);
	if (!kids || put(r->parent_tree, "Kids", kids) ||
	    put_number(r->tree_root, "ParentTreeNextKey", (HPDF_INT32)n_keys))
		return -1;
	for (size_t first = 0; first < n_keys; first += PARENT_TREE_LEAF) {
		struct leaf *l = arena_alloc(r->arena, sizeof *l);
		*l = (struct leaf){ r, first, first + PARENT_TREE_LEAF - 1 };
		if (l->last >= n_keys)
			l->last = n_keys - 1;
		HPDF_Dict d = new_indirect(r);
		if (!d || append(kids, d))
			return -1;
		d->attr = l;
		d->write_fn = write_leaf;
	}
	return 0;
}

/* The attributes write_elem() does not write. */
static int add_attrs(struct render *r, HPDF_Dict d, const struct dl_struct_attrs *a)
{
	HPDF_MMgr mm = r->pdf->mmgr;
	if (a->scope != DL_SCOPE_NONE) {
		static const char *const names[] = { "", "Row", "Column", "Both" };
		HPDF_Dict attr = HPDF_Dict_New(mm);
		if (!attr || put(d, "A", attr) || put_name(attr, "O", "Table") ||
		    put_name(attr, "Scope", names[a->scope]))
			return -1;
	}
	return 0;
}

/* PDF/UA (7.9) wants an /ID on every Note, and ISO 32000-1 an IDTree that
 * finds the element from it: a name tree in leaves like the parent tree's.
 * The IDs have the same number of digits, so element order is name order. */
static int note_ids(struct render *r)
{
	const struct dl *dl = r->dl;
	HPDF_MMgr mm = r->pdf->mmgr;
	int width = 1;
	for (size_t n = dl->n_elems; n >= 10; n /= 10)
		width++;
	HPDF_Dict id_tree = NULL, leaf = NULL;
	HPDF_Array kids = NULL, names = NULL, limits;
	const char *first = NULL, *last = NULL;
	size_t in_leaf = 0;
	for (size_t i = 0; i < dl->n_elems; i++) {
		if (dl->elems[i].type != DL_NOTE)
			continue;
		const char *id = arena_printf(r->arena, "note-%0*zu", width, i);
		if (!id_tree && (!(id_tree = new_indirect(r)) || !(kids = HPDF_Array_New(mm)) ||
				 put(id_tree, "Kids", kids) || put(r->tree_root, "IDTree", id_tree)))
			return -1;
		if (!leaf || in_leaf == PARENT_TREE_LEAF) {
			if (leaf && (!(limits = HPDF_Array_New(mm)) || put(leaf, "Limits", limits) ||
				     append(limits, HPDF_String_New(mm, first, NULL)) ||
				     append(limits, HPDF_String_New(mm, last, NULL))))
				return -1;
			if (!(leaf = new_indirect(r)) || !(names = HPDF_Array_New(mm)) ||
			    put(leaf, "Names", names) || append(kids, leaf))
				return -1;
			first = id;
			in_leaf = 0;
		}
		if (append(names, HPDF_String_New(mm, id, NULL)) ||
		    append(names, r->elems[i].dict) ||
		    put(r->elems[i].dict, "ID", HPDF_String_New(mm, id, NULL)))
			return -1;
		last = id;
		in_leaf++;
	}
	if (leaf && (!(limits = HPDF_Array_New(mm)) || put(leaf, "Limits", limits) ||
		     append(limits, HPDF_String_New(mm, first, NULL)) ||
		     append(limits, HPDF_String_New(mm, last, NULL))))
		return -1;
	return 0;
}

/* The StructTreeRoot, one StructElem per element (kids are recorded
 * during the walk, in reading order), the parent tree with one key per
 * page (filled by close_tree()), and the catalog entries of a tagged PDF
 * (§12). */
static int build_tree(struct render *r)
{
	const struct dl *dl = r->dl;
	HPDF_MMgr mm = r->pdf->mmgr;
	HPDF_Dict mark_info;
	r->tree_root = new_indirect(r);
	r->root_kids = HPDF_Array_New(mm);
	if (!r->tree_root || !r->root_kids ||
	    put_name(r->tree_root, "Type", "StructTreeRoot") ||
	    put(r->tree_root, "K", r->root_kids) || !(r->parent_tree = new_indirect(r)) ||
	    put(r->tree_root, "ParentTree", r->parent_tree) ||
	    put(r->pdf->catalog, "StructTreeRoot", r->tree_root) ||
	    !(mark_info = HPDF_Dict_New(mm)) || put(r->pdf->catalog, "MarkInfo", mark_info) ||
	    HPDF_Dict_AddBoolean(mark_info, "Marked", HPDF_TRUE) != HPDF_OK)
		return lib_fail(r, "cannot build the structure tree root");

	/* /Type /StructElem is optional (ISO 32000-1, table 323) and left out. */
	r->elems = xcalloc(dl->n_elems ? dl->n_elems : 1, sizeof *r->elems);
	for (size_t i = 0; i < dl->n_elems; i++) {
		struct elem *x = &r->elems[i];
		x->r = r;
		x->dict = new_indirect(r);
		if (!x->dict || add_attrs(r, x->dict, &dl->elems[i].attrs))
			return lib_fail(r, "cannot build structure element %zu (%s)", i,
					dl_struct_type_name(dl->elems[i].type));
		x->dict->attr = x;
		x->dict->write_fn = write_elem;
	}
	if (note_ids(r))
		return lib_fail(r, "cannot give the notes their IDs");

	/* Key i of the parent tree is page i's array of MCID owners. */
	r->page_mcids = xcalloc(r->n_pages + 1, sizeof *r->page_mcids);
	for (size_t i = 0; i < r->n_pages; i++)
		if (put_number(r->pages[i], "StructParents", (HPDF_INT32)i) ||
		    put_name(r->pages[i], "Tabs", "S"))
			return lib_fail(r, "cannot build the structure parent tree");
	return 0;
}

static int add_pages(struct render *r)
{
	r->pages = xcalloc(r->n_pages, sizeof *r->pages);
	size_t n = 0;
	for (size_t i = 0; i < r->dl->n_ops; i++) {
		const struct dl_op *op = &r->dl->ops[i];
		if (op->kind != DL_PAGE_BEGIN)
			continue;
		grow_geometrically(r->pdf->xref->entries);
		HPDF_Page page = HPDF_AddPage(r->pdf);
		if (!page || HPDF_Page_SetWidth(page, (HPDF_REAL)op->page.width_pt) != HPDF_OK ||
		    HPDF_Page_SetHeight(page, (HPDF_REAL)op->page.height_pt) != HPDF_OK)
			return lib_fail(r, "cannot add page %zu", n + 1);
		r->pages[n++] = page;
	}
	return 0;
}

/* ---- marked content -------------------------------------------------------- */

static int end_marked(struct render *r)
{
	if (!r->mc_open)
		return 0;
	r->mc_open = false;
	return raw(r, "EMC\n");
}

/* The drawing operation being walked, for a message a developer can find
 * in reportc build --dump-dl: its kind, where it is and its text. */
static const char *describe_op(struct render *r)
{
	const struct dl_op *op = &r->dl->ops[r->op_index];
	char a[32], b[32], c[32], d[32];
	switch (op->kind) {
	case DL_TEXT: {
		/* At most 40 bytes of the run, cut at a character boundary. */
		const char *t = op->text.text;
		size_t n = strlen(t) > 40 ? 40 : strlen(t);
		while (n > 0 && ((unsigned char)t[n] & 0xC0) == 0x80)
			n--;
		return arena_printf(r->arena, "text %s %s \"%.*s%s\"", dl_format_pt(op->text.x_pt, a),
				    dl_format_pt(op->text.y_pt, b), (int)n, t, t[n] ? "…" : "");
	}
	case DL_LINE:
		return arena_printf(r->arena, "line %s %s %s %s", dl_format_pt(op->line.x1_pt, a),
				    dl_format_pt(op->line.y1_pt, b), dl_format_pt(op->line.x2_pt, c),
				    dl_format_pt(op->line.y2_pt, d));
	case DL_RECT:
		return arena_printf(r->arena, "rect %s %s %s %s", dl_format_pt(op->rect.x_pt, a),
				    dl_format_pt(op->rect.y_pt, b), dl_format_pt(op->rect.w_pt, c),
				    dl_format_pt(op->rect.h_pt, d));
	case DL_PATH:
		return arena_printf(r->arena, "path from %s %s",
				    dl_format_pt(op->path.segs[0].p[0][0], a),
				    dl_format_pt(op->path.segs[0].p[0][1], b));
	case DL_IMAGE:
		return arena_printf(r->arena, "image %s %s of '%s'", dl_format_pt(op->image.x_pt, a),
				    dl_format_pt(op->image.y_pt, b), r->dl->images[op->image.image].name);
	default:
		return dl_op_name(op->kind);
	}
}

/* Makes sure the drawing that follows is marked content of the innermost
 * open element: continues its open sequence or starts one with the page's
 * next MCID, recorded in the parent tree and in the element's /K (an MCR
 * when the element's /Pg is another page). With actual_text (a PDF string)
 * it always starts a new sequence carrying that ActualText. */
static int mark_content(struct render *r, const char *actual_text)
{
	if (!r->tagged || r->in_artifact)
		return 0;
	/* Marks outside the structure would be invisible to a screen reader
	 * and break PDF/UA; it is a bug in layout, so it stops the render. */
	if (r->n_open == 0)
		return fail(r, "page %zu: %s (display-list op %zu) is outside any structure "
			       "element or artifact; layout must open an element around it or "
			       "mark it as an artifact", r->page + 1, describe_op(r), r->op_index);
	size_t e = r->open[r->n_open - 1];
	if (r->mc_open && r->mc_elem == e && !actual_text)
		return 0;
	if (end_marked(r))
		return -1;

	int mcid = r->next_mcid++;
	char bdc[96];
	/* Poppler honours ActualText only on a Span tag; the element's type
	 * is in the structure tree either way. */
	snprintf(bdc, sizeof bdc, "/%s <</MCID %d%s",
		 actual_text ? "Span" : dl_struct_type_name(r->dl->elems[e].type), mcid,
		 actual_text ? " /ActualText " : ">> BDC\n");
	if (raw(r, bdc) || (actual_text && (raw(r, actual_text) || raw(r, ">> BDC\n"))))
		return -1;
	r->mc_open = true;
	r->mc_elem = e;

	struct elem *x = &r->elems[e];
	xgrow(&r->mcid_owner, &r->cap_mcids, r->n_mcids, sizeof *r->mcid_owner);
	r->mcid_owner[r->n_mcids++] = (uint32_t)e;
	if (!x->pg)
		x->pg = r->page + 1;
	add_kid(r, e, KID_MCID, (size_t)mcid, r->page);
	return 0;
}

static int artifact_begin(struct render *r, enum dl_artifact kind)
{
	static const char *const props[] = {
		[DL_ARTIFACT_PAGINATION] = "<</Type /Pagination>>",
		[DL_ARTIFACT_HEADER] = "<</Type /Pagination /Subtype /Header>>",
		[DL_ARTIFACT_FOOTER] = "<</Type /Pagination /Subtype /Footer>>",
		[DL_ARTIFACT_WATERMARK] = "<</Type /Pagination /Subtype /Watermark>>",
		[DL_ARTIFACT_LAYOUT] = "<</Type /Layout>>",
	};
	r->in_artifact = true;
	if (!r->tagged)
		return 0;
	char bdc[96];
	snprintf(bdc, sizeof bdc, "/Artifact %s BDC\n", props[kind]);
	return end_marked(r) ? -1 : raw(r, bdc);
}

static int artifact_end(struct render *r)
{
	r->in_artifact = false;
	return r->tagged ? raw(r, "EMC\n") : 0;
}

/* Makes an annotation a child of the innermost open element: an OBJR in
 * its /K, and /StructParent pointing back through the parent tree. */
static int tag_annot(struct render *r, HPDF_Annotation annot, const char *what)
{
	if (!r->tagged)
		return 0;
	/* A draft's review notes are artifacts, outside the structure (dl.h);
	 * PDF/UA has no untagged annotations (Matterhorn 28-002), so such a
	 * file does not claim it (add_identification()). */
	if (r->in_artifact) {
		r->untagged_annots = true;
		return 0;
	}
	if (r->n_open == 0)
		return fail(r, "page %zu: %s (display-list op %zu) is outside any structure "
			       "element; layout must put a link in a Link element and a note in "
			       "an Annot element", r->page + 1, what, r->op_index);
	size_t e = r->open[r->n_open - 1];
	if (put_number(annot, "StructParent", (HPDF_INT32)(r->n_pages + r->n_annots)))
		return lib_fail(r, "page %zu: cannot tag %s", r->page + 1, what);
	xgrow(&r->annot_owner, &r->cap_annots, r->n_annots, sizeof *r->annot_owner);
	r->annot_owner[r->n_annots++] = (uint32_t)e;
	add_kid(r, e, KID_OBJR, annot->header.obj_id & 0x00FFFFFF, r->page);
	return 0;
}

/* ---- graphics state -------------------------------------------------------- */

static bool same_rgb(struct dl_rgb a, struct dl_rgb b)
{
	return a.r == b.r && a.g == b.g && a.b == b.b;
}

static int set_fill(struct render *r, struct dl_rgb c)
{
	if (r->g.fill_set && same_rgb(r->g.fill, c))
		return 0;
	if (HPDF_Page_SetRGBFill(r->cur, c.r / 255.0f, c.g / 255.0f, c.b / 255.0f) != HPDF_OK)
		return lib_fail(r, "page %zu: cannot set the fill colour", r->page + 1);
	r->g.fill_set = true;
	r->g.fill = c;
	return 0;
}

static int set_stroke(struct render *r, struct dl_rgb c, double width_pt, struct dl_dash dash)
{
	if (!r->g.stroke_set || !same_rgb(r->g.stroke, c)) {
		if (HPDF_Page_SetRGBStroke(r->cur, c.r / 255.0f, c.g / 255.0f, c.b / 255.0f) !=
		    HPDF_OK)
			return lib_fail(r, "page %zu: cannot set the stroke colour", r->page + 1);
		r->g.stroke_set = true;
		r->g.stroke = c;
	}
	if (!r->g.width_set || r->g.width_pt != width_pt) {
		if (HPDF_Page_SetLineWidth(r->cur, (HPDF_REAL)width_pt) != HPDF_OK)
			return lib_fail(r, "page %zu: cannot set the line width", r->page + 1);
		r->g.width_set = true;
		r->g.width_pt = width_pt;
	}
	if (!r->g.dash_set || r->g.dash.on_pt != dash.on_pt || r->g.dash.off_pt != dash.off_pt) {
		/* Written by hand: 2.3.0's HPDF_Page_SetDash takes whole points. */
		char d[96], on[32], off[32];
		if (dash.on_pt == 0 && dash.off_pt == 0)
			snprintf(d, sizeof d, "[] 0 d\n");
		else
			snprintf(d, sizeof d, "[%s %s] 0 d\n", dl_format_pt(dash.on_pt, on),
				 dl_format_pt(dash.off_pt, off));
		if (raw(r, d))
			return -1;
		r->g.dash_set = true;
		r->g.dash = dash;
	}
	return 0;
}

/* Saves the graphics state and sets a fill opacity; one ExtGState per
 * distinct opacity, shared by all pages. */
static int push_opacity(struct render *r, double opacity)
{
	HPDF_ExtGState gs = NULL;
	for (size_t i = 0; i < r->n_alphas && !gs; i++)
		if (r->alphas[i].opacity == opacity)
			gs = r->alphas[i].gs;
	if (!gs) {
		gs = HPDF_CreateExtGState(r->pdf);
		if (!gs || HPDF_ExtGState_SetAlphaFill(gs, (HPDF_REAL)opacity) != HPDF_OK)
			return lib_fail(r, "cannot create a transparency state");
		xgrow(&r->alphas, &r->cap_alphas, r->n_alphas, sizeof *r->alphas);
		r->alphas[r->n_alphas++] = (struct alpha){ opacity, gs };
	}
	if (HPDF_Page_GSave(r->cur) != HPDF_OK || HPDF_Page_SetExtGState(r->cur, gs) != HPDF_OK)
		return lib_fail(r, "page %zu: cannot set transparency", r->page + 1);
	return 0;
}

static int pop_state(struct render *r, const struct gcache *saved)
{
	if (HPDF_Page_GRestore(r->cur) != HPDF_OK)
		return lib_fail(r, "page %zu: cannot restore the graphics state", r->page + 1);
	r->g = *saved;
	return 0;
}

/* ---- drawing --------------------------------------------------------------- */

/* Every code point must have a glyph in the face: libharu would draw a
 * .notdef box without a word (§1), and turns non-BMP characters into
 * spaces. Each code point is looked up once per face. */
static int require_glyphs(struct render *r, const struct dl_text *t)
{
	const char *s = t->text;
	size_t len = strlen(s);
	uint8_t *ok = r->glyph_ok[t->face];
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t n = text_utf8_decode(s + i, len - i, &cp);
		if (n == 0)
			return fail(r, "page %zu: invalid UTF-8 in \"%s\"", r->page + 1, s);
		i += n;
		if (cp > 0xFFFF)
			return fail(r, "page %zu: U+%04X in \"%s\" is outside the Basic "
				       "Multilingual Plane, which libharu 2.3.0 cannot draw",
				    r->page + 1, (unsigned)cp, s);
		/* Private-use characters mean nothing to a screen reader or to
		 * extraction (PDF/A-2 level A would want an ActualText for
		 * each); U+FEFF, U+FFFE and U+FFFF may not appear in a ToUnicode
		 * map (PDF/A-2 level U). */
		if ((cp >= 0xE000 && cp <= 0xF8FF) || cp == 0xFEFF || cp >= 0xFFFE)
			return fail(r, "page %zu: U+%04X in \"%s\" is a private-use or non-character "
				       "code point, which has no meaning a reader or screen reader "
				       "can know", r->page + 1, (unsigned)cp, s);
		if (ok[cp >> 3] & (1u << (cp & 7)))
			continue;
		if (HPDF_TTFontDef_GetGlyphid(r->fontdefs[t->face], (HPDF_UINT16)cp) == 0)
			return fail(r, "page %zu: font '%s' has no glyph for U+%04X in \"%s\"",
				    r->page + 1, r->dl->fonts[t->face].path, (unsigned)cp, s);
		ok[cp >> 3] |= (uint8_t)(1u << (cp & 7));
	}
	return 0;
}

/* The run without the hyphen that line breaking added, as a PDF text
 * string (hex UTF-16BE, which needs no escaping); malloc'd. It becomes the
 * run's ActualText so that extraction and screen readers get the word, not
 * "infor-". require_glyphs() has validated the UTF-8 and the BMP. */
static char *unhyphenated(const char *s)
{
	size_t len = strlen(s);
	len -= s[len - 1] == '-' ? 1 : 3; /* '-' or U+2010, as dl.c checks */
	char *buf = xmalloc(8 + len * 4);
	size_t o = (size_t)sprintf(buf, "<FEFF");
	for (size_t i = 0; i < len;) {
		uint32_t cp = 0;
		size_t n = text_utf8_decode(s + i, len - i, &cp);
		i += n ? n : 1;
		o += (size_t)sprintf(buf + o, "%04X", (unsigned)cp);
	}
	sprintf(buf + o, ">");
	return buf;
}

/* Positions the text, then shows it, wrapped when the run has an
 * ActualText. A hyphenated run is a marked-content sequence of its own with
 * the ActualText in its properties (a Span nested in the element's sequence
 * hides the rest of that sequence from poppler); in an artifact or an
 * untagged list a plain Span carries it. Either opens after Td, inside the
 * text object, because poppler places the replacement text where the text
 * position is when the sequence begins. */
static int show_text(struct render *r, const struct dl_text *t)
{
	HPDF_STATUS st;
	if (t->angle_deg != 0) {
		double a = t->angle_deg * acos(-1.0) / 180, c = cos(a), s = sin(a);
		st = HPDF_Page_SetTextMatrix(r->cur, (HPDF_REAL)c, (HPDF_REAL)s, (HPDF_REAL)-s,
					     (HPDF_REAL)c, (HPDF_REAL)t->x_pt, (HPDF_REAL)t->y_pt);
	} else {
		/* BT reset the text matrix, so this Td is absolute. */
		st = HPDF_Page_MoveTextPos(r->cur, (HPDF_REAL)t->x_pt, (HPDF_REAL)t->y_pt);
	}
	if (st != HPDF_OK)
		return lib_fail(r, "page %zu: cannot position \"%s\"", r->page + 1, t->text);

	char *actual = t->flags & DL_TEXT_HYPHEN_ADDED ? unhyphenated(t->text) : NULL;
	bool own_sequence = actual && r->tagged && !r->in_artifact;
	int ret = 0;
	if (own_sequence)
		ret = mark_content(r, actual);
	else if (actual)
		ret = raw(r, "/Span <</ActualText ") || raw(r, actual) || raw(r, ">> BDC\n");
	free(actual);
	if (ret)
		return -1;
	if (HPDF_Page_ShowText(r->cur, t->text) != HPDF_OK)
		return lib_fail(r, "page %zu: cannot draw \"%s\"", r->page + 1, t->text);
	if (own_sequence)
		return end_marked(r);
	return t->flags & DL_TEXT_HYPHEN_ADDED ? raw(r, "EMC\n") : 0;
}

static int draw_text(struct render *r, const struct dl_text *t)
{
	if (!*t->text)
		return 0;
	if (strlen(t->text) > MAX_RUN_BYTES)
		return fail(r, "page %zu: a text run is longer than %d bytes", r->page + 1,
			    MAX_RUN_BYTES);
	if (require_glyphs(r, t))
		return -1;
	bool own_sequence = (t->flags & DL_TEXT_HYPHEN_ADDED) && r->tagged && !r->in_artifact;
	if (own_sequence ? end_marked(r) : mark_content(r, NULL))
		return -1;
	bool translucent = t->fill_opacity < 1;
	struct gcache saved = r->g;
	if (translucent && push_opacity(r, t->fill_opacity))
		return -1;

	if (HPDF_Page_BeginText(r->cur) != HPDF_OK)
		return lib_fail(r, "page %zu: cannot begin text", r->page + 1);
	if (!r->g.font_set || r->g.face != t->face || r->g.size_pt != t->size_pt) {
		if (HPDF_Page_SetFontAndSize(r->cur, r->fonts[t->face], (HPDF_REAL)t->size_pt) !=
		    HPDF_OK)
			return lib_fail(r, "page %zu: cannot set the font", r->page + 1);
		r->g.font_set = true;
		r->g.face = t->face;
		r->g.size_pt = t->size_pt;
	}
	if (set_fill(r, t->color) || show_text(r, t))
		return -1;
	if (HPDF_Page_EndText(r->cur) != HPDF_OK)
		return lib_fail(r, "page %zu: cannot end text", r->page + 1);
	if (translucent && pop_state(r, &saved))
		return -1;
	return 0;
}

static int draw_line(struct render *r, const struct dl_line *l)
{
	if (mark_content(r, NULL) || set_stroke(r, l->color, l->width_pt, l->dash))
		return -1;
	if (HPDF_Page_MoveTo(r->cur, (HPDF_REAL)l->x1_pt, (HPDF_REAL)l->y1_pt) != HPDF_OK ||
	    HPDF_Page_LineTo(r->cur, (HPDF_REAL)l->x2_pt, (HPDF_REAL)l->y2_pt) != HPDF_OK ||
	    HPDF_Page_Stroke(r->cur) != HPDF_OK)
		return lib_fail(r, "page %zu: cannot draw a line", r->page + 1);
	return 0;
}

/* Sets up a paint before its path is built; finish_paint() paints it. */
static int begin_paint(struct render *r, const struct dl_paint *p, struct gcache *saved)
{
	*saved = r->g;
	if (p->fill && p->fill_opacity < 1 && push_opacity(r, p->fill_opacity))
		return -1;
	if (p->fill && set_fill(r, p->fill_color))
		return -1;
	if (p->stroke && set_stroke(r, p->stroke_color, p->stroke_width_pt, p->dash))
		return -1;
	return 0;
}

static int finish_paint(struct render *r, const struct dl_paint *p, const struct gcache *saved)
{
	HPDF_STATUS st = p->fill && p->stroke ? HPDF_Page_FillStroke(r->cur)
		       : p->fill	      ? HPDF_Page_Fill(r->cur)
						      : HPDF_Page_Stroke(r->cur);
	if (st != HPDF_OK)
		return lib_fail(r, "page %zu: cannot paint a shape", r->page + 1);
	if (p->fill && p->fill_opacity < 1)
		return pop_state(r, saved);
	return 0;
}

static int draw_rect(struct render *r, const struct dl_rect *rc)
{
	struct gcache saved;
	if (mark_content(r, NULL) || begin_paint(r, &rc->paint, &saved))
		return -1;
	if (HPDF_Page_Rectangle(r->cur, (HPDF_REAL)rc->x_pt, (HPDF_REAL)rc->y_pt,
				(HPDF_REAL)rc->w_pt, (HPDF_REAL)rc->h_pt) != HPDF_OK)
		return lib_fail(r, "page %zu: cannot draw a rectangle", r->page + 1);
	return finish_paint(r, &rc->paint, &saved);
}

static int draw_path(struct render *r, const struct dl_path *p)
{
	struct gcache saved;
	if (mark_content(r, NULL) || begin_paint(r, &p->paint, &saved))
		return -1;
	for (size_t i = 0; i < p->n_segs; i++) {
		const struct dl_seg *s = &p->segs[i];
		HPDF_STATUS st = HPDF_OK;
		switch (s->kind) {
		case DL_MOVE:
			st = HPDF_Page_MoveTo(r->cur, (HPDF_REAL)s->p[0][0], (HPDF_REAL)s->p[0][1]);
			break;
		case DL_LINE_TO:
			st = HPDF_Page_LineTo(r->cur, (HPDF_REAL)s->p[0][0], (HPDF_REAL)s->p[0][1]);
			break;
		case DL_CURVE:
			st = HPDF_Page_CurveTo(r->cur, (HPDF_REAL)s->p[0][0], (HPDF_REAL)s->p[0][1],
					       (HPDF_REAL)s->p[1][0], (HPDF_REAL)s->p[1][1],
					       (HPDF_REAL)s->p[2][0], (HPDF_REAL)s->p[2][1]);
			break;
		case DL_CLOSE:
			st = HPDF_Page_ClosePath(r->cur);
			break;
		}
		if (st != HPDF_OK)
			return lib_fail(r, "page %zu: cannot build a path", r->page + 1);
	}
	return finish_paint(r, &p->paint, &saved);
}

static int draw_image(struct render *r, const struct dl_image_op *im)
{
	if (mark_content(r, NULL))
		return -1;
	if (HPDF_Page_DrawImage(r->cur, r->images[im->image], (HPDF_REAL)im->x_pt,
				(HPDF_REAL)im->y_pt, (HPDF_REAL)im->w_pt,
				(HPDF_REAL)im->h_pt) != HPDF_OK)
		return lib_fail(r, "page %zu: cannot draw image '%s'", r->page + 1,
				r->dl->images[im->image].name);
	return 0;
}

/* ---- navigation and annotations -------------------------------------------- */

/* libharu writes URIs byte for byte, and a URI must be ASCII: everything
 * outside printable ASCII, and the characters RFC 3986 never allows, are
 * percent-encoded. An existing %XX stays as it is. */
static char *encode_uri(const char *uri)
{
	static const char hex[] = "0123456789ABCDEF";
	char *out = xmalloc(strlen(uri) * 3 + 1), *o = out;
	for (const unsigned char *p = (const unsigned char *)uri; *p; p++) {
		if (*p <= 0x20 || *p >= 0x7F || strchr("\"<>\\^`{|}", *p)) {
			*o++ = '%';
			*o++ = hex[*p >> 4];
			*o++ = hex[*p & 15];
		} else {
			*o++ = (char)*p;
		}
	}
	*o = '\0';
	return out;
}

/* A fresh destination for each use: libharu lets a direct object belong
 * to one parent only. FitH at the destination's height keeps the reader's
 * horizontal fit; XYZ with zoom 0 ("keep") is refused by 2.3.0 (§3). */
static HPDF_Destination make_dest(struct render *r, const struct dest *d)
{
	HPDF_Destination dst = HPDF_Page_CreateDestination(r->pages[d->page]);
	if (dst && HPDF_Destination_SetFitH(dst, (HPDF_REAL)d->y_pt) != HPDF_OK) {
		HPDF_Array_Free(dst);
		return NULL;
	}
	return dst;
}

static HPDF_Rect annot_rect(double x, double y, double w, double h)
{
	return (HPDF_Rect){ (HPDF_REAL)x, (HPDF_REAL)y, (HPDF_REAL)(x + w), (HPDF_REAL)(y + h) };
}

/* n as lower-case roman numerals; thousands repeat "m" as viewers do. */
static char *roman(struct render *r, size_t n)
{
	static const struct {
		size_t value;
		const char *digits;
	} steps[] = {
		{ 1000, "m" }, { 900, "cm" }, { 500, "d" }, { 400, "cd" }, { 100, "c" },
		{ 90, "xc" },  { 50, "l" },   { 40, "xl" }, { 10, "x" },   { 9, "ix" },
		{ 5, "v" },    { 4, "iv" },   { 1, "i" },
	};
	char *buf = arena_alloc(r->arena, n / 1000 + 16), *o = buf;
	for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++)
		for (; n >= steps[i].value; n -= steps[i].value)
			for (const char *d = steps[i].digits; *d; d++)
				*o++ = *d;
	*o = '\0';
	return buf;
}

/* The number printed for page (0-based) under the page labels: "12",
 * "iv", "N-3". Letters run a to z, then aa to zz, as in ISO 32000-1. */
static const char *page_label(struct render *r, size_t page)
{
	const struct dl_page_label *l = NULL;
	for (size_t i = 0; i < r->dl->n_labels && r->labels[i]->first_page <= page; i++)
		l = r->labels[i];
	if (!l)
		return arena_printf(r->arena, "%zu", page + 1);
	size_t n = (size_t)l->first_number + (page - l->first_page);
	const char *number;
	char *s;
	switch (l->style) {
	case DL_LABEL_ROMAN_LOWER:
	case DL_LABEL_ROMAN_UPPER:
		number = s = roman(r, n);
		if (l->style == DL_LABEL_ROMAN_UPPER)
			for (; *s; s++)
				*s = (char)(*s - 'a' + 'A');
		break;
	case DL_LABEL_LETTER_LOWER:
	case DL_LABEL_LETTER_UPPER: {
		size_t times = (n - 1) / 26 + 1;
		char c = (char)((l->style == DL_LABEL_LETTER_LOWER ? 'a' : 'A') + (n - 1) % 26);
		number = s = arena_alloc(r->arena, times + 1);
		memset(s, c, times);
		break;
	}
	default:
		number = arena_printf(r->arena, "%zu", n);
		break;
	}
	return arena_printf(r->arena, "%s%s", l->prefix, number);
}

/* What a screen reader announces for a link, its /Contents (PDF/UA 7.18.5):
 * the target section's outline title and printed page, or the URI. */
static const char *link_contents(struct render *r, const struct dl_op *op, const struct dest *d)
{
	if (op->kind == DL_LINK_URI)
		return arena_printf(r->arena, "Link to %s", op->link.target);
	if (d->title)
		return arena_printf(r->arena, "Link to section %s, page %s", d->title,
				    page_label(r, d->page));
	return arena_printf(r->arena, "Link to page %s", page_label(r, d->page));
}

/* s as a numbered string object, which dictionaries then refer to: a
 * long text shared by many of them is written once. NULL on failure. */
static HPDF_String indirect_string(struct render *r, const char *s)
{
	HPDF_String str = text_string(r, s);
	grow_geometrically(r->pdf->xref->entries);
	if (!str || HPDF_Xref_Add(r->pdf->xref, str) != HPDF_OK)
		return NULL; /* Xref_Add frees str when it fails */
	return str;
}

/* The action of a link to uri, as a numbered object (libharu's own is
 * written into each annotation). */
static HPDF_Dict uri_action(struct render *r, const char *uri)
{
	HPDF_Dict action = new_indirect(r);
	if (!action || put_name(action, "Type", "Action") || put_name(action, "S", "URI"))
		return NULL;
	char *encoded = encode_uri(uri);
	int bad = put(action, "URI", HPDF_String_New(r->pdf->mmgr, encoded, NULL));
	free(encoded);
	return bad ? NULL : action;
}

/* A link wrapped over several lines is an annotation on each line (a
 * rectangle each), and all of them need a /Contents naming the target:
 * the title of a section referred to, an address. That text is written
 * once, as an object the annotations refer to, per destination and per
 * link to an address: a title of 40,000 characters over 500 lines once
 * made a PDF of 467 MB. */
static int add_link(struct render *r, const struct dl_op *op)
{
	const struct dl_link *l = &op->link;
	HPDF_Rect rect = annot_rect(l->x_pt, l->y_pt, l->w_pt, l->h_pt);
	HPDF_Annotation annot;
	HPDF_String contents;
	if (op->kind == DL_LINK_URI) {
		if (!r->uri || strcmp(r->uri, l->target) != 0) {
			r->uri = l->target;
			r->uri_action = uri_action(r, l->target);
			r->uri_contents = indirect_string(r, link_contents(r, op, NULL));
			if (!r->uri_action || !r->uri_contents) {
				r->uri = NULL;
				return lib_fail(r, "page %zu: cannot add a link to \"%s\"",
						r->page + 1, l->target);
			}
		}
		/* libharu's URI link makes an action of its own (and refuses
		 * an empty address): ours, shared, replaces it (HPDF_Dict_Add
		 * frees the one it replaces), so it gets a one-byte stand-in. */
		annot = HPDF_Page_CreateURILinkAnnot(r->cur, rect, "#");
		if (annot && put(annot, "A", r->uri_action))
			annot = NULL;
		contents = r->uri_contents;
	} else {
		struct dest *d = (struct dest *)find_dest(r, l->target);
		if (!d)
			return fail(r, "page %zu: link to unknown destination \"%s\"", r->page + 1,
				    l->target);
		if (!d->contents)
			d->contents = indirect_string(r, link_contents(r, op, d));
		HPDF_Destination dst = d->contents ? make_dest(r, d) : NULL;
		annot = dst ? HPDF_Page_CreateLinkAnnot(r->cur, rect, dst) : NULL;
		contents = d->contents;
	}
	/* Without a border style viewers draw a 1 pt black box (§4); /F 4
	 * (print) is what PDF/A and PDF/UA expect. */
	if (!annot || HPDF_LinkAnnot_SetBorderStyle(annot, 0, 0, 0) != HPDF_OK ||
	    put_number(annot, "F", 4) || put(annot, "Contents", contents))
		return lib_fail(r, "page %zu: cannot add a link to \"%s\"", r->page + 1, l->target);
	return tag_annot(r, annot, "link");
}

static int add_outline(struct render *r, const struct dl_outline *o)
{
	const struct dest *d = find_dest(r, o->dest);
	if (!d)
		return fail(r, "outline entry \"%s\" goes to unknown destination \"%s\"", o->title,
			    o->dest);
	HPDF_Outline parent = o->level > 1 ? r->outline_at[o->level - 2] : NULL;
	/* Titles need the UTF-8 encoder, or they come out as mojibake (§3). */
	HPDF_Outline entry = HPDF_CreateOutline(r->pdf, parent, o->title, r->utf8);
	HPDF_Destination dst = entry ? make_dest(r, d) : NULL;
	if (!dst || HPDF_Outline_SetDestination(entry, dst) != HPDF_OK ||
	    (o->level == 1 && HPDF_Outline_SetOpened(entry, HPDF_TRUE) != HPDF_OK))
		return lib_fail(r, "cannot add outline entry \"%s\"", o->title);
	r->outline_at[o->level - 1] = entry;
	r->has_outline = true;
	return 0;
}

/* PDF/A-2 wants an appearance stream for every annotation but links and
 * pop-ups (6.3.3): a note draws as a small yellow sheet with three lines
 * of writing, the same in every viewer. */
static int note_appearance(struct render *r, HPDF_Annotation annot, const struct dl_note *n)
{
	HPDF_MMgr mm = r->pdf->mmgr;
	HPDF_Dict form = HPDF_DictStream_New(mm, r->pdf->xref);
	HPDF_Dict ap = HPDF_Dict_New(mm), resources = HPDF_Dict_New(mm);
	HPDF_Array bbox = HPDF_Array_New(mm);
	if (!form || !ap || !resources || !bbox || put(annot, "AP", ap) || put(ap, "N", form) ||
	    put_name(form, "Type", "XObject") || put_name(form, "Subtype", "Form") ||
	    put(form, "BBox", bbox) || put(form, "Resources", resources) ||
	    HPDF_Array_AddReal(bbox, 0) != HPDF_OK || HPDF_Array_AddReal(bbox, 0) != HPDF_OK ||
	    HPDF_Array_AddReal(bbox, (HPDF_REAL)n->w_pt) != HPDF_OK ||
	    HPDF_Array_AddReal(bbox, (HPDF_REAL)n->h_pt) != HPDF_OK)
		return -1;
	char w[32], h[32], x0[32], x1[32], y[3][32];
	dl_format_pt(n->w_pt - 1, w);
	dl_format_pt(n->h_pt - 1, h);
	dl_format_pt(n->w_pt * 0.2, x0);
	dl_format_pt(n->w_pt * 0.8, x1);
	for (int i = 0; i < 3; i++)
		dl_format_pt(n->h_pt * (0.3 + 0.2 * i), y[i]);
	const char *ops = arena_printf(r->arena,
				       "1 w 0.45 0.35 0 RG 1 0.9 0.45 rg 0.5 0.5 %s %s re B\n"
				       "%s %s m %s %s l %s %s m %s %s l %s %s m %s %s l S\n",
				       w, h, x0, y[0], x1, y[0], x0, y[1], x1, y[1], x0, y[2], x1, y[2]);
	return HPDF_Stream_WriteStr(form->stream, ops) == HPDF_OK ? 0 : -1;
}

/* A draft's note carries the name "reportc-note-N" (/NM, which viewers
 * keep), so that `reportc notes` tells reportc's own notes from the ones a
 * reviewer adds. */
static int add_note(struct render *r, const struct dl_note *n)
{
	HPDF_Annotation annot = HPDF_Page_CreateTextAnnot(
		r->cur, annot_rect(n->x_pt, n->y_pt, n->w_pt, n->h_pt), n->contents, r->utf8);
	const char *name = arena_printf(r->arena, "reportc-note-%zu", ++r->notes_made);
	/* HPDF_MarkupAnnot_SetTitle has no encoder and garbles UTF-8 (§5). */
	if (!annot || HPDF_TextAnnot_SetIcon(annot, HPDF_ANNOT_ICON_COMMENT) != HPDF_OK ||
	    put_number(annot, "F", 4) || note_appearance(r, annot, n) ||
	    put(annot, "NM", HPDF_String_New(r->pdf->mmgr, name, NULL)) ||
	    (n->author && put(annot, "T", HPDF_String_New(r->pdf->mmgr, n->author, r->utf8))))
		return lib_fail(r, "page %zu: cannot add a note", r->page + 1);
	return tag_annot(r, annot, "note");
}

/* ---- the walk -------------------------------------------------------------- */

/* Writes the /Filter of a page content stream that finish_page() deflated:
 * with the stream's own filter off, libharu would write none. */
static HPDF_STATUS flate_filter_key(HPDF_Dict dict, HPDF_Stream stream)
{
	(void)dict;
	return HPDF_Stream_WriteStr(stream, "/Filter /FlateDecode\012");
}

/* Deflates the page's content stream as soon as the page is drawn, into a
 * single buffer of its exact size, instead of leaving it raw until the
 * save: at 100 times the sample, 36 MB less at the peak. */
static int finish_page(struct render *r)
{
	HPDF_Dict contents = ((HPDF_PageAttr)r->cur->attr)->contents;
	HPDF_Stream s = r->stream;
	z_stream z = { 0 };
	if (deflateInit(&z, PAGE_DEFLATE_LEVEL) != Z_OK)
		return fail(r, "page %zu: zlib cannot start compressing", r->page + 1);
	size_t cap = (size_t)deflateBound(&z, s->size), len = 0;
	unsigned char *out = xmalloc(cap ? cap : 1);
	int zret = Z_OK;
	HPDF_UINT n_bufs = HPDF_MemStream_GetBufCount(s);
	for (HPDF_UINT i = 0; i < n_bufs && zret == Z_OK; i++) {
		HPDF_UINT in_len = 0;
		HPDF_BYTE *in = HPDF_MemStream_GetBufPtr(s, i, &in_len);
		z.next_in = in;
		z.avail_in = in ? in_len : 0;
		z.next_out = out + len;
		z.avail_out = (uInt)(cap - len);
		zret = deflate(&z, i + 1 == n_bufs ? Z_FINISH : Z_NO_FLUSH);
		len = cap - z.avail_out;
	}
	if (n_bufs == 0) {
		z.next_out = out;
		z.avail_out = (uInt)cap;
		zret = deflate(&z, Z_FINISH);
		len = cap - z.avail_out;
	}
	deflateEnd(&z);
	if (zret != Z_STREAM_END) {
		free(out);
		return fail(r, "page %zu: zlib cannot compress the page", r->page + 1);
	}
	/* One buffer of the compressed size: libharu would allocate 4 KB. */
	HPDF_MemStream_FreeData(s);
	HPDF_MemStreamAttr attr = s->attr;
	attr->buf_siz = attr->w_pos = (HPDF_UINT)(len ? len : 1);
	HPDF_STATUS st = HPDF_Stream_Write(s, out, (HPDF_UINT)len);
	free(out);
	if (st != HPDF_OK)
		return lib_fail(r, "page %zu: cannot keep the compressed page", r->page + 1);
	contents->filter = HPDF_STREAM_FILTER_NONE;
	contents->write_fn = flate_filter_key;
	return 0;
}

static void push_open(struct render *r, size_t elem)
{
	xgrow(&r->open, &r->cap_open, r->n_open, sizeof *r->open);
	r->open[r->n_open++] = elem;
}

static int struct_open(struct render *r, size_t e)
{
	if (r->tagged) {
		size_t parent = r->dl->elems[e].parent;
		if (end_marked(r))
			return -1;
		if (parent != DL_NO_PARENT)
			add_kid(r, parent, KID_ELEM, e, 0);
		else if (append(r->root_kids, r->elems[e].dict))
			return lib_fail(r, "cannot add structure element %zu", e);
	}
	push_open(r, e);
	return 0;
}

static int walk(struct render *r)
{
	const struct dl *dl = r->dl;
	size_t page_no = 0;
	for (size_t i = 0; i < dl->n_ops; i++) {
		const struct dl_op *op = &dl->ops[i];
		r->op_index = i;
		int ret = 0;
		switch (op->kind) {
		case DL_PAGE_BEGIN:
			r->page = page_no++;
			r->cur = r->pages[r->page];
			r->stream = ((HPDF_PageAttr)r->cur->attr)->stream;
			r->next_mcid = 0;
			if (r->tagged)
				r->page_mcids[r->page] = r->n_mcids;
			memset(&r->g, 0, sizeof r->g);
			break;
		case DL_PAGE_END:
			ret = end_marked(r) || finish_page(r);
			break;
		case DL_TEXT:
			ret = draw_text(r, &op->text);
			break;
		case DL_LINE:
			ret = draw_line(r, &op->line);
			break;
		case DL_RECT:
			ret = draw_rect(r, &op->rect);
			break;
		case DL_PATH:
			ret = draw_path(r, &op->path);
			break;
		case DL_IMAGE:
			ret = draw_image(r, &op->image);
			break;
		case DL_LINK_URI:
		case DL_LINK_DEST:
			ret = add_link(r, op);
			break;
		case DL_DEST:
			break; /* collected by prepass() */
		case DL_OUTLINE:
			ret = add_outline(r, &op->outline);
			break;
		case DL_NOTE_ANNOT:
			ret = add_note(r, &op->note);
			break;
		case DL_STRUCT_OPEN:
			ret = struct_open(r, op->elem);
			break;
		case DL_STRUCT_RESUME:
			ret = r->tagged ? end_marked(r) : 0;
			push_open(r, op->elem);
			break;
		case DL_STRUCT_CLOSE:
			ret = r->tagged ? end_marked(r) : 0;
			r->n_open--;
			break;
		case DL_ARTIFACT_BEGIN:
			ret = artifact_begin(r, op->artifact);
			break;
		case DL_ARTIFACT_END:
			ret = artifact_end(r);
			break;
		}
		if (ret)
			return -1;
	}
	return 0;
}

/* ---- PDF/A and PDF/UA identification -------------------------------------- */

/* A growing NUL-terminated string. */
struct sbuf {
	char *p;
	size_t len, cap;
};

static void sb_add(struct sbuf *b, const char *s, size_t n)
{
	xgrow(&b->p, &b->cap, b->len + n, 1);
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

static void sb_str(struct sbuf *b, const char *s)
{
	sb_add(b, s, strlen(s));
}

/* s as XML character data. XML 1.0 has no C0 controls but tab, LF and CR;
 * the others (which layout never puts in the document information)
 * become spaces. */
static void sb_xml(struct sbuf *b, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '&': sb_str(b, "&amp;"); break;
		case '<': sb_str(b, "&lt;"); break;
		case '>': sb_str(b, "&gt;"); break;
		case '"': sb_str(b, "&quot;"); break;
		case '\'': sb_str(b, "&apos;"); break;
		default:
			if ((unsigned char)*s < 0x20 && !strchr("\t\n\r", *s))
				sb_str(b, " ");
			else
				sb_add(b, s, 1);
		}
	}
}

/* <name>value</name>, or an rdf:Alt, rdf:Seq or rdf:Bag of the one value
 * when container is given ("Alt" gets xml:lang="x-default"). */
static void sb_prop(struct sbuf *b, const char *name, const char *container, const char *value)
{
	sb_str(b, "   <");
	sb_str(b, name);
	sb_str(b, ">");
	if (container) {
		sb_str(b, "<rdf:");
		sb_str(b, container);
		sb_str(b, strcmp(container, "Alt") == 0 ? "><rdf:li xml:lang=\"x-default\">"
							 : "><rdf:li>");
	}
	sb_xml(b, value);
	if (container) {
		sb_str(b, "</rdf:li></rdf:");
		sb_str(b, container);
		sb_str(b, ">");
	}
	sb_str(b, "</");
	sb_str(b, name);
	sb_str(b, ">\n");
}

/* reportc's own XMP namespace: what a draft records of its making (struct
 * dl_record), read back by `reportc notes`. */
#define RECORD_NS DL_RECORD_NS

static const struct {
	const char *name, *type, *description;
} record_fields[] = {
	{ "inputs", "Text", "Hash of the input files the draft was built from" },
	{ "style", "Text", "Name of the style the draft was built in" },
	{ "since", "Text", "Hash of the inputs of the earlier folder the draft was compared with" },
	{ "changesFirstPage", "Integer", "First page of the list of changes since that folder" },
	{ "changesPages", "Integer", "Number of pages of the list of changes" },
};

static void record_props(struct sbuf *b, const struct dl_record *rec)
{
	char first[24], count[24];
	snprintf(first, sizeof first, "%d", rec->changes_first_page);
	snprintf(count, sizeof count, "%d", rec->changes_pages);
	const char *values[] = { rec->inputs, rec->style, rec->since,
				 rec->changes_pages ? first : NULL,
				 rec->changes_pages ? count : NULL };
	for (size_t i = 0; i < sizeof values / sizeof *values; i++) {
		if (!values[i])
			continue;
		char name[64];
		snprintf(name, sizeof name, "reportc:%s", record_fields[i].name);
		sb_prop(b, name, NULL, values[i]);
	}
}

/* The extension schema that describes the namespace, every property of
 * it, whether a draft writes it or not. */
static void record_schema(struct sbuf *b)
{
	sb_str(b, "     <rdf:li rdf:parseType=\"Resource\">\n"
		  "      <pdfaSchema:schema>reportc draft record</pdfaSchema:schema>\n"
		  "      <pdfaSchema:namespaceURI>" RECORD_NS "</pdfaSchema:namespaceURI>\n"
		  "      <pdfaSchema:prefix>reportc</pdfaSchema:prefix>\n"
		  "      <pdfaSchema:property>\n"
		  "       <rdf:Seq>\n");
	for (size_t i = 0; i < sizeof record_fields / sizeof *record_fields; i++) {
		sb_str(b, "        <rdf:li rdf:parseType=\"Resource\">\n"
			  "         <pdfaProperty:name>");
		sb_str(b, record_fields[i].name);
		sb_str(b, "</pdfaProperty:name>\n         <pdfaProperty:valueType>");
		sb_str(b, record_fields[i].type);
		sb_str(b, "</pdfaProperty:valueType>\n"
			  "         <pdfaProperty:category>internal</pdfaProperty:category>\n"
			  "         <pdfaProperty:description>");
		sb_str(b, record_fields[i].description);
		sb_str(b, "</pdfaProperty:description>\n        </rdf:li>\n");
	}
	sb_str(b, "       </rdf:Seq>\n"
		  "      </pdfaSchema:property>\n"
		  "     </rdf:li>\n");
}

/* The XMP packet PDF/A requires (ISO 19005-2, 6.6) and PDF/UA identifies
 * itself in (ISO 14289-1, 5): the Info dictionary's entries again, equal
 * as PDF/A wants them, the language, and the parts claimed. level is the
 * PDF/A-2 conformance level, or NULL for no PDF/A claim. pdfuaid is not a
 * schema of XMP 2005, so a PDF/A file must describe it in an extension
 * schema (6.6.2.3.2). Returns a malloc'd string. */
static char *xmp_packet(const struct render *r, const char *level, bool pdfua)
{
	static const char head[] =
		"<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
		"<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
		" <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
		"  <rdf:Description rdf:about=\"\"\n"
		"    xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n"
		"    xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"\n"
		"    xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\"";
	/* The extension schemas: a description of each namespace that XMP
	 * 2005 does not define, as PDF/A-2 requires (6.6.2.3). */
	static const char ext_head[] =
		"  <rdf:Description rdf:about=\"\"\n"
		"    xmlns:pdfaExtension=\"http://www.aiim.org/pdfa/ns/extension/\"\n"
		"    xmlns:pdfaSchema=\"http://www.aiim.org/pdfa/ns/schema#\"\n"
		"    xmlns:pdfaProperty=\"http://www.aiim.org/pdfa/ns/property#\">\n"
		"   <pdfaExtension:schemas>\n"
		"    <rdf:Bag>\n";
	static const char pdfua_schema[] =
		"     <rdf:li rdf:parseType=\"Resource\">\n"
		"      <pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>\n"
		"      <pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>\n"
		"      <pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>\n"
		"      <pdfaSchema:property>\n"
		"       <rdf:Seq>\n"
		"        <rdf:li rdf:parseType=\"Resource\">\n"
		"         <pdfaProperty:name>part</pdfaProperty:name>\n"
		"         <pdfaProperty:valueType>Integer</pdfaProperty:valueType>\n"
		"         <pdfaProperty:category>internal</pdfaProperty:category>\n"
		"         <pdfaProperty:description>Part of ISO 14289 the file conforms "
		"to</pdfaProperty:description>\n"
		"        </rdf:li>\n"
		"       </rdf:Seq>\n"
		"      </pdfaSchema:property>\n"
		"     </rdf:li>\n";
	static const char ext_tail[] =
		"    </rdf:Bag>\n"
		"   </pdfaExtension:schemas>\n"
		"  </rdf:Description>\n";

	const struct dl_info *info = &r->dl->info;
	struct sbuf b = { 0 };
	sb_str(&b, head);
	if (level)
		sb_str(&b, "\n    xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\"");
	if (pdfua)
		sb_str(&b, "\n    xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\"");
	const struct dl_record *rec = r->dl->has_record ? &r->dl->record : NULL;
	if (rec)
		sb_str(&b, "\n    xmlns:reportc=\"" RECORD_NS "\"");
	sb_str(&b, ">\n");
	sb_prop(&b, "dc:format", NULL, "application/pdf");
	if (info->title)
		sb_prop(&b, "dc:title", "Alt", info->title);
	if (info->author)
		sb_prop(&b, "dc:creator", "Seq", info->author);
	if (info->subject)
		sb_prop(&b, "dc:description", "Alt", info->subject);
	if (info->lang)
		sb_prop(&b, "dc:language", "Bag", info->lang);
	if (info->creator)
		sb_prop(&b, "xmp:CreatorTool", NULL, info->creator);
	if (r->dl->has_created) {
		/* The Info dictionary's dates (set_date()) in XMP's form. */
		const struct dl_date *d = &r->dl->created;
		int off = abs(d->utc_offset_min);
		char date[64];
		snprintf(date, sizeof date, "%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d", d->year,
			 d->month, d->day, d->hour, d->minute, d->second,
			 d->utc_offset_min < 0 ? '-' : '+', off / 60, off % 60);
		sb_prop(&b, "xmp:CreateDate", NULL, date);
		sb_prop(&b, "xmp:ModifyDate", NULL, date);
		sb_prop(&b, "xmp:MetadataDate", NULL, date);
	}
	sb_prop(&b, "pdf:Producer", NULL, PRODUCER);
	if (info->keywords)
		sb_prop(&b, "pdf:Keywords", NULL, info->keywords);
	if (level) {
		sb_prop(&b, "pdfaid:part", NULL, "2");
		sb_prop(&b, "pdfaid:conformance", NULL, level);
	}
	if (pdfua)
		sb_prop(&b, "pdfuaid:part", NULL, "1");
	if (rec)
		record_props(&b, rec);
	sb_str(&b, "  </rdf:Description>\n");
	if (pdfua || rec) {
		sb_str(&b, ext_head);
		if (pdfua)
			sb_str(&b, pdfua_schema);
		if (rec)
			record_schema(&b);
		sb_str(&b, ext_tail);
	}
	sb_str(&b, " </rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>");
	return b.p;
}

/* The catalog's /Metadata and /OutputIntents. Every file claims what it
 * can: PDF/A-2 needs the trailer /ID (6.1.3); PDF/UA-1 a tagged file with
 * every annotation in the structure, which a draft with review notes is
 * not; level A of PDF/A-2 the same tagging. The output intent is the sRGB profile compiled in
 * from icc/sRGB.icc, which makes DeviceRGB (and any transparency, blended
 * in the output intent's space) valid in PDF/A-2 (6.2.4.3, 6.2.10). */
static int add_identification(struct render *r)
{
	HPDF_MMgr mm = r->pdf->mmgr;
	bool pdfua = r->tagged && !r->untagged_annots;
	const char *level = !r->dl->has_id ? NULL : pdfua ? "A" : "U";
	char *xmp = xmp_packet(r, level, pdfua);
	/* A dictionary stream is unfiltered: PDF/A wants the XMP readable
	 * without decoding. */
	HPDF_Dict meta = HPDF_DictStream_New(mm, r->pdf->xref);
	int st = !meta || put_name(meta, "Type", "Metadata") || put_name(meta, "Subtype", "XML") ||
		 HPDF_Stream_Write(meta->stream, (const HPDF_BYTE *)xmp, (HPDF_UINT)strlen(xmp)) !=
			 HPDF_OK ||
		 put(r->pdf->catalog, "Metadata", meta);
	free(xmp);
	if (st)
		return lib_fail(r, "cannot write the XMP metadata");

	HPDF_Dict icc = HPDF_DictStream_New(mm, r->pdf->xref);
	HPDF_Dict intent = HPDF_Dict_New(mm);
	HPDF_Array intents = HPDF_Array_New(mm);
	if (!icc || !intent || !intents || put_number(icc, "N", 3) ||
	    HPDF_Stream_Write(icc->stream, srgb_icc, (HPDF_UINT)srgb_icc_size) != HPDF_OK ||
	    put_name(intent, "Type", "OutputIntent") || put_name(intent, "S", "GTS_PDFA1") ||
	    put(intent, "OutputConditionIdentifier", HPDF_String_New(mm, OUTPUT_CONDITION, NULL)) ||
	    put(intent, "Info", HPDF_String_New(mm, OUTPUT_CONDITION, NULL)) ||
	    put(intent, "DestOutputProfile", icc) || append(intents, intent) ||
	    put(r->pdf->catalog, "OutputIntents", intents))
		return lib_fail(r, "cannot add the sRGB output intent");
	icc->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
	return 0;
}

/* ---- after the walk -------------------------------------------------------- */

static int finish(struct render *r)
{
	const struct dl *dl = r->dl;
	HPDF_MMgr mm = r->pdf->mmgr;
	HPDF_Dict catalog = r->pdf->catalog;

	if (r->has_outline && HPDF_SetPageMode(r->pdf, HPDF_PAGE_MODE_USE_OUTLINE) != HPDF_OK)
		return lib_fail(r, "cannot show the outline on opening");

	static const HPDF_PageNumStyle styles[] = {
		[DL_LABEL_DECIMAL] = HPDF_PAGE_NUM_STYLE_DECIMAL,
		[DL_LABEL_ROMAN_LOWER] = HPDF_PAGE_NUM_STYLE_LOWER_ROMAN,
		[DL_LABEL_ROMAN_UPPER] = HPDF_PAGE_NUM_STYLE_UPPER_ROMAN,
		[DL_LABEL_LETTER_LOWER] = HPDF_PAGE_NUM_STYLE_LOWER_LETTERS,
		[DL_LABEL_LETTER_UPPER] = HPDF_PAGE_NUM_STYLE_UPPER_LETTERS,
	};
	for (size_t i = 0; i < dl->n_labels; i++) {
		const struct dl_page_label *l = r->labels[i];
		if (HPDF_AddPageLabel(r->pdf, (HPDF_UINT)l->first_page, styles[l->style],
				      (HPDF_UINT)l->first_number,
				      *l->prefix ? l->prefix : NULL) != HPDF_OK)
			return lib_fail(r, "cannot add the page label of page %zu",
					l->first_page + 1);
	}

	if (r->tagged && close_tree(r))
		return lib_fail(r, "cannot finish the structure parent tree");
	if (dl->info.lang && put(catalog, "Lang", HPDF_String_New(mm, dl->info.lang, NULL)))
		return lib_fail(r, "cannot set the document language");

	/* Viewers show the title rather than the file name (PDF/UA). */
	HPDF_Dict prefs = HPDF_Dict_GetItem(catalog, "ViewerPreferences", HPDF_OCLASS_DICT);
	if (!prefs && (!(prefs = HPDF_Dict_New(mm)) || put(catalog, "ViewerPreferences", prefs)))
		return lib_fail(r, "cannot set the viewer preferences");
	if (HPDF_Dict_AddBoolean(prefs, "DisplayDocTitle", HPDF_TRUE) != HPDF_OK)
		return lib_fail(r, "cannot set the viewer preferences");

	if (add_identification(r) || complete_fonts(r))
		return -1;

	/* libharu writes 1.3 (1.4 with transparency, set when the ExtGState
	 * is made), but /Tabs, ActualText and the Annot structure type are
	 * 1.5, and the tagging follows ISO 32000-1 (PDF 1.7) as PDF/UA does. */
	r->pdf->pdf_version = HPDF_VER_17;

	if (dl->has_id) {
		HPDF_BYTE id[16];
		memcpy(id, dl->id, sizeof id);
		HPDF_Array ids = HPDF_Array_New(mm);
		if (!ids || put(r->pdf->trailer, "ID", ids) ||
		    append(ids, HPDF_Binary_New(mm, id, sizeof id)) ||
		    append(ids, HPDF_Binary_New(mm, id, sizeof id)))
			return lib_fail(r, "cannot set the document ID");
	}
	return 0;
}

static int render(struct render *r)
{
	r->arena = arena_new();
	if (prepass(r))
		return -1;
	r->pdf = HPDF_New(on_error, r);
	if (!r->pdf)
		return fail(r, "cannot start libharu: out of memory");
	if (setup(r) || load_fonts(r) || load_images(r) || add_pages(r) ||
	    (r->tagged && build_tree(r)) || walk(r) || finish(r))
		return -1;
	return 0;
}

static void cleanup(struct render *r)
{
	if (r->pdf)
		HPDF_Free(r->pdf);
	for (size_t i = 0; r->glyph_ok && i < r->dl->n_fonts; i++)
		free(r->glyph_ok[i]);
	free(r->glyph_ok);
	free(r->fonts);
	free(r->fontdefs);
	free(r->images);
	free(r->pages);
	free(r->dests);
	free(r->labels);
	free(r->alphas);
	free(r->elems);
	free(r->page_mcids);
	free(r->kids);
	free(r->mcid_owner);
	free(r->annot_owner);
	free(r->open);
	arena_free(r->arena);
}

/* ---- output ---------------------------------------------------------------- */

/* Where libharu's writer sends the PDF: the caller's sink. The sink keeps
 * the reason of its own failure; libharu would not report it. */
struct sink {
	render_write_fn *write;
	void *ctx;
	bool failed;
};

static HPDF_STATUS write_out(HPDF_Stream stream, const HPDF_BYTE *p, HPDF_UINT n)
{
	struct sink *s = stream->attr;
	if (s->failed || s->write(s->ctx, p, n) != 0) {
		s->failed = true;
		return HPDF_FILE_IO_ERROR;
	}
	return HPDF_OK;
}

/* Serialises the PDF straight into the sink rather than assembling the
 * whole file in memory first (at 100 times the sample, 31 MB less at the
 * peak). */
static int write_pdf(struct render *r, render_write_fn *write, void *ctx)
{
	struct sink s = { .write = write, .ctx = ctx };
	HPDF_Stream stream = HPDF_CallbackWriter_New(r->pdf->mmgr, write_out, &s);
	if (!stream)
		return lib_fail(r, "cannot start writing the PDF");
	/* HPDF_SaveToStream writes into the document's stream, made here. */
	r->pdf->stream = stream;
	HPDF_STATUS st = HPDF_SaveToStream(r->pdf);
	if (s.failed)
		return fail(r, "the PDF could not be written");
	if (st != HPDF_OK || r->pdf->error.error_no)
		return lib_fail(r, "cannot assemble the PDF");
	return 0;
}

int render_pdf(const struct dl *dl, render_write_fn *write, void *ctx, char *err,
	       size_t err_size)
{
	struct render r = { .dl = dl, .err = err, .err_size = err_size };
	int ret = render(&r);
	if (ret == 0)
		ret = write_pdf(&r, write, ctx);
	cleanup(&r);
	return ret;
}

/* A growing buffer in memory, the sink of render_pdf_bytes(). */
struct bytes {
	unsigned char *p;
	size_t len, cap;
};

static int append_bytes(void *ctx, const void *p, size_t n)
{
	struct bytes *b = ctx;
	if (n > b->cap - b->len) {
		size_t cap = b->cap ? b->cap : 1 << 16;
		while (n > cap - b->len)
			cap *= 2;
		b->p = xrealloc(b->p, cap);
		b->cap = cap;
	}
	memcpy(b->p + b->len, p, n);
	b->len += n;
	return 0;
}

int render_pdf_bytes(const struct dl *dl, unsigned char **data, size_t *size, char *err,
		     size_t err_size)
{
	struct bytes b = { 0 };
	*data = NULL;
	*size = 0;
	int ret = render_pdf(dl, append_bytes, &b, err, err_size);
	if (ret == 0) {
		*data = b.p;
		*size = b.len;
	} else {
		free(b.p);
	}
	return ret;
}
