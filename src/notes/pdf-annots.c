/* pdf-annots.c - a PDF's annotations and XMP packet, through qpdf's C API. */
#include "pdf-annots.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <qpdf/qpdf-c.h>

#include "arena.h"

/* The first error qpdf recorded, as one line, into err. */
static void qpdf_reason(qpdf_data q, const char *what, char *err, size_t err_size)
{
	const char *detail = "unknown error";
	if (qpdf_has_error(q)) {
		qpdf_error e = qpdf_get_error(q);
		const char *d = qpdf_get_error_message_detail(q, e);
		if (d && *d)
			detail = d;
	}
	snprintf(err, err_size, "%s: %s", what, detail);
}

/* A copy of the string value of key in dict, as UTF-8 (PDF text strings
 * are PDFDocEncoding or UTF-16, which qpdf converts); NULL when absent. */
static char *text_of(qpdf_data q, qpdf_oh dict, const char *key)
{
	if (!qpdf_oh_has_key(q, dict, key))
		return NULL;
	qpdf_oh v = qpdf_oh_get_key(q, dict, key);
	const char *s = NULL;
	size_t len = 0;
	char *out = NULL;
	if (qpdf_oh_get_value_as_utf8(q, v, &s, &len)) {
		out = xmalloc(len + 1);
		memcpy(out, s, len);
		out[len] = '\0';
	}
	qpdf_oh_release(q, v);
	return out;
}

static char *name_of(qpdf_data q, qpdf_oh dict, const char *key)
{
	if (!qpdf_oh_has_key(q, dict, key))
		return NULL;
	qpdf_oh v = qpdf_oh_get_key(q, dict, key);
	const char *s = NULL;
	size_t len = 0;
	char *out = NULL;
	/* A name comes with its slash: "/Text". */
	if (qpdf_oh_get_value_as_name(q, v, &s, &len) && len > 1) {
		out = xmalloc(len);
		memcpy(out, s + 1, len - 1);
		out[len - 1] = '\0';
	}
	qpdf_oh_release(q, v);
	return out;
}

/* The numbers of the array at key (at most max), into v; how many. */
static int numbers_of(qpdf_data q, qpdf_oh dict, const char *key, double *v, int max)
{
	if (!qpdf_oh_has_key(q, dict, key))
		return 0;
	qpdf_oh a = qpdf_oh_get_key(q, dict, key);
	int n = 0;
	if (qpdf_oh_is_array(q, a)) {
		int len = qpdf_oh_get_array_n_items(q, a);
		for (int i = 0; i < len && n < max; i++) {
			qpdf_oh item = qpdf_oh_get_array_item(q, a, i);
			double d;
			if (!qpdf_oh_get_value_as_number(q, item, &d)) {
				qpdf_oh_release(q, item);
				n = 0;
				break;
			}
			v[n++] = d;
			qpdf_oh_release(q, item);
		}
	}
	qpdf_oh_release(q, a);
	return n;
}

static void read_annot(qpdf_data q, qpdf_oh a, int page, struct pdf_annot *out)
{
	*out = (struct pdf_annot){ .page = page };
	out->subtype = name_of(q, a, "/Subtype");
	double r[4];
	if (numbers_of(q, a, "/Rect", r, 4) == 4) {
		out->x1 = r[0] < r[2] ? r[0] : r[2];
		out->x2 = r[0] < r[2] ? r[2] : r[0];
		out->y1 = r[1] < r[3] ? r[1] : r[3];
		out->y2 = r[1] < r[3] ? r[3] : r[1];
	}
	/* Highlights mark text by quadrilaterals: eight numbers each. */
	double quads[64];
	int nq = numbers_of(q, a, "/QuadPoints", quads, 64);
	if (nq >= 8) {
		nq -= nq % 2;
		out->has_quads = true;
		out->qx1 = out->qx2 = quads[0];
		out->qy1 = out->qy2 = quads[1];
		for (int i = 0; i < nq; i += 2) {
			out->qx1 = quads[i] < out->qx1 ? quads[i] : out->qx1;
			out->qx2 = quads[i] > out->qx2 ? quads[i] : out->qx2;
			out->qy1 = quads[i + 1] < out->qy1 ? quads[i + 1] : out->qy1;
			out->qy2 = quads[i + 1] > out->qy2 ? quads[i + 1] : out->qy2;
		}
	}
	out->author = text_of(q, a, "/T");
	out->date = text_of(q, a, "/M");
	if (!out->date)
		out->date = text_of(q, a, "/CreationDate");
	out->contents = text_of(q, a, "/Contents");
	out->name = text_of(q, a, "/NM");
}

/* The catalog's /Metadata stream, decoded. */
static void read_xmp(qpdf_data q, struct pdf_doc *doc)
{
	qpdf_oh root = qpdf_get_root(q);
	if (qpdf_oh_has_key(q, root, "/Metadata")) {
		qpdf_oh meta = qpdf_oh_get_key(q, root, "/Metadata");
		unsigned char *buf = NULL;
		size_t len = 0;
		if (qpdf_oh_is_stream(q, meta) &&
		    qpdf_oh_get_stream_data(q, meta, qpdf_dl_generalized, NULL, &buf, &len) ==
			    QPDF_SUCCESS &&
		    buf) {
			doc->xmp = xmalloc(len + 1);
			memcpy(doc->xmp, buf, len);
			doc->xmp[len] = '\0';
			doc->xmp_len = len;
		}
		free(buf);
		qpdf_oh_release(q, meta);
	}
	qpdf_oh_release(q, root);
}

int pdf_annots_read(const char *path, struct pdf_doc *doc, char *err, size_t err_size)
{
	memset(doc, 0, sizeof *doc);
	/* qpdf would try to recover any file; one that does not even start
	 * as a PDF is not a draft. */
	FILE *f = fopen(path, "rb");
	if (!f) {
		snprintf(err, err_size, "cannot open %s", path);
		return -1;
	}
	char head[1024];
	size_t got = fread(head, 1, sizeof head, f);
	fclose(f);
	bool pdf = false;
	for (size_t i = 0; i + 5 <= got && !pdf; i++)
		pdf = memcmp(head + i, "%PDF-", 5) == 0;
	if (!pdf) {
		snprintf(err, err_size, "%s is not a PDF (no %%PDF- header)", path);
		return -1;
	}

	qpdf_data q = qpdf_init();
	qpdf_silence_errors(q);
	qpdf_set_suppress_warnings(q, QPDF_TRUE);
	int rc = -1;
	if (qpdf_read(q, path, NULL) & QPDF_ERRORS) {
		qpdf_reason(q, path, err, err_size);
		goto done;
	}
	if (qpdf_is_encrypted(q) && !qpdf_allow_extract_all(q) && !qpdf_allow_modify_annotation(q)) {
		snprintf(err, err_size, "%s is encrypted against reading its annotations", path);
		goto done;
	}
	int n_pages = qpdf_get_num_pages(q);
	if (n_pages < 0 || qpdf_has_error(q)) {
		qpdf_reason(q, path, err, err_size);
		goto done;
	}
	doc->n_pages = n_pages;
	size_t cap = 0;
	for (int p = 0; p < n_pages; p++) {
		qpdf_oh page = qpdf_get_page_n(q, (size_t)p);
		qpdf_oh annots = qpdf_oh_get_key(q, page, "/Annots");
		int n = qpdf_oh_is_array(q, annots) ? qpdf_oh_get_array_n_items(q, annots) : 0;
		for (int i = 0; i < n; i++) {
			qpdf_oh a = qpdf_oh_get_array_item(q, annots, i);
			if (qpdf_oh_is_dictionary(q, a)) {
				xgrow(&doc->annots, &cap, doc->n_annots, sizeof *doc->annots);
				read_annot(q, a, p + 1, &doc->annots[doc->n_annots++]);
			}
			qpdf_oh_release(q, a);
		}
		qpdf_oh_release(q, annots);
		qpdf_oh_release(q, page);
	}
	read_xmp(q, doc);
	if (qpdf_has_error(q)) {
		qpdf_reason(q, path, err, err_size);
		pdf_doc_free(doc);
		goto done;
	}
	rc = 0;
done:
	qpdf_cleanup(&q);
	return rc;
}

void pdf_doc_free(struct pdf_doc *doc)
{
	for (size_t i = 0; i < doc->n_annots; i++) {
		struct pdf_annot *a = &doc->annots[i];
		free(a->subtype);
		free(a->author);
		free(a->date);
		free(a->contents);
		free(a->name);
	}
	free(doc->annots);
	free(doc->xmp);
	memset(doc, 0, sizeof *doc);
}
