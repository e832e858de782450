/* pdf-annots.h - the annotations and the XMP packet of a PDF, read with
 * qpdf's C API.
 *
 * The only module that includes qpdf-c.h; the build gives it its own small
 * library (as render/ for libharu and load/ for libxml2), so that nothing
 * else can use qpdf by accident. A PDF is parsed by a maintained library,
 * never by hand: the files come back from viewers that rewrite them
 * (incremental updates, object streams, compressed cross-reference
 * streams), and a scrutineer's PDF is input like any other. */
#ifndef REPORTC_PDF_ANNOTS_H
#define REPORTC_PDF_ANNOTS_H

#include <stdbool.h>
#include <stddef.h>

/* One annotation of a page. Strings are UTF-8, malloc'd, NULL when the
 * PDF has none; pdf_doc_free() frees them. */
struct pdf_annot {
	int page;                   /* 1-based */
	char *subtype;              /* "Text", "Highlight", "FreeText", "Link" … */
	double x1, y1, x2, y2;      /* /Rect with x1 <= x2, y1 <= y2 */
	bool has_quads;             /* /QuadPoints given: their bounding box */
	double qx1, qy1, qx2, qy2;
	char *author;               /* /T */
	char *date;                 /* /M, or /CreationDate when /M is absent */
	char *contents;             /* /Contents, or /RC's text when absent */
	char *name;                 /* /NM */
};

struct pdf_doc {
	int n_pages;
	struct pdf_annot *annots;   /* in page order, then as each page lists them */
	size_t n_annots;
	char *xmp;                  /* the catalog's /Metadata, decoded; NULL if none */
	size_t xmp_len;
};

/* Reads the PDF at path into *doc (zeroed first). Returns 0, or -1 with
 * the reason in err (not a PDF, damaged beyond repair, encrypted with a
 * password); *doc is then empty. Warnings about a damaged file that qpdf
 * can recover are not errors. */
int pdf_annots_read(const char *path, struct pdf_doc *doc, char *err, size_t err_size);
void pdf_doc_free(struct pdf_doc *doc);

#endif
