/* pdf-annots.c - a PDF's annotations and XMP packet, through qpdf's C API. */
#include "pdf-annots.h"

#include <dlfcn.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <qpdf/qpdf-c.h>

#include "arena.h"

/* qpdf's C API, loaded when `reportc notes` first reads a PDF: linking
 * libqpdf (C++, with eleven libraries behind it) into reportc cost every
 * command about 9 ms of start-up, and only `notes` reads a PDF. */
static struct {
	__typeof__(qpdf_allow_extract_all) *allow_extract_all;
	__typeof__(qpdf_allow_modify_annotation) *allow_modify_annotation;
	__typeof__(qpdf_cleanup) *cleanup;
	__typeof__(qpdf_get_error) *get_error;
	__typeof__(qpdf_get_error_message_detail) *get_error_message_detail;
	__typeof__(qpdf_get_num_pages) *get_num_pages;
	__typeof__(qpdf_get_page_n) *get_page_n;
	__typeof__(qpdf_get_root) *get_root;
	__typeof__(qpdf_has_error) *has_error;
	__typeof__(qpdf_init) *init;
	__typeof__(qpdf_is_encrypted) *is_encrypted;
	__typeof__(qpdf_oh_get_array_item) *oh_get_array_item;
	__typeof__(qpdf_oh_get_array_n_items) *oh_get_array_n_items;
	__typeof__(qpdf_oh_get_key) *oh_get_key;
	__typeof__(qpdf_oh_get_stream_data) *oh_get_stream_data;
	__typeof__(qpdf_oh_get_value_as_name) *oh_get_value_as_name;
	__typeof__(qpdf_oh_get_value_as_number) *oh_get_value_as_number;
	__typeof__(qpdf_oh_get_value_as_utf8) *oh_get_value_as_utf8;
	__typeof__(qpdf_oh_has_key) *oh_has_key;
	__typeof__(qpdf_oh_is_array) *oh_is_array;
	__typeof__(qpdf_oh_is_dictionary) *oh_is_dictionary;
	__typeof__(qpdf_oh_is_stream) *oh_is_stream;
	__typeof__(qpdf_oh_release) *oh_release;
	__typeof__(qpdf_read) *read;
	__typeof__(qpdf_set_suppress_warnings) *set_suppress_warnings;
	__typeof__(qpdf_silence_errors) *silence_errors;
} qp;

/* The sonames of libqpdf whose C API this file was written against (Debian
 * 12 has 29), then the development link. */
static const char *const qpdf_sonames[] = { "libqpdf.so.29", "libqpdf.so" };

static bool load_qpdf(char *err, size_t err_size)
{
	static void *lib;
	if (lib)
		return true;
	void *h = NULL;
	for (size_t i = 0; !h && i < sizeof qpdf_sonames / sizeof *qpdf_sonames; i++)
		h = dlopen(qpdf_sonames[i], RTLD_NOW | RTLD_LOCAL);
	if (!h) {
		snprintf(err, err_size, "reading a PDF needs the qpdf library (Debian package "
			 "libqpdf29): %s", dlerror());
		return false;
	}
	const struct {
		const char *name;
		void **slot;
	} symbols[] = {
		{ "qpdf_allow_extract_all", (void **)&qp.allow_extract_all },
		{ "qpdf_allow_modify_annotation", (void **)&qp.allow_modify_annotation },
		{ "qpdf_cleanup", (void **)&qp.cleanup },
		{ "qpdf_get_error", (void **)&qp.get_error },
		{ "qpdf_get_error_message_detail", (void **)&qp.get_error_message_detail },
		{ "qpdf_get_num_pages", (void **)&qp.get_num_pages },
		{ "qpdf_get_page_n", (void **)&qp.get_page_n },
		{ "qpdf_get_root", (void **)&qp.get_root },
		{ "qpdf_has_error", (void **)&qp.has_error },
		{ "qpdf_init", (void **)&qp.init },
		{ "qpdf_is_encrypted", (void **)&qp.is_encrypted },
		{ "qpdf_oh_get_array_item", (void **)&qp.oh_get_array_item },
		{ "qpdf_oh_get_array_n_items", (void **)&qp.oh_get_array_n_items },
		{ "qpdf_oh_get_key", (void **)&qp.oh_get_key },
		{ "qpdf_oh_get_stream_data", (void **)&qp.oh_get_stream_data },
		{ "qpdf_oh_get_value_as_name", (void **)&qp.oh_get_value_as_name },
		{ "qpdf_oh_get_value_as_number", (void **)&qp.oh_get_value_as_number },
		{ "qpdf_oh_get_value_as_utf8", (void **)&qp.oh_get_value_as_utf8 },
		{ "qpdf_oh_has_key", (void **)&qp.oh_has_key },
		{ "qpdf_oh_is_array", (void **)&qp.oh_is_array },
		{ "qpdf_oh_is_dictionary", (void **)&qp.oh_is_dictionary },
		{ "qpdf_oh_is_stream", (void **)&qp.oh_is_stream },
		{ "qpdf_oh_release", (void **)&qp.oh_release },
		{ "qpdf_read", (void **)&qp.read },
		{ "qpdf_set_suppress_warnings", (void **)&qp.set_suppress_warnings },
		{ "qpdf_silence_errors", (void **)&qp.silence_errors },
	};
	for (size_t i = 0; i < sizeof symbols / sizeof *symbols; i++) {
		/* POSIX: a function pointer may be stored through a void * slot. */
		*symbols[i].slot = dlsym(h, symbols[i].name);
		if (!*symbols[i].slot) {
			snprintf(err, err_size, "the qpdf library lacks %s: %s", symbols[i].name,
				 dlerror());
			dlclose(h);
			return false;
		}
	}
	lib = h;
	return true;
}


/* The first error qpdf recorded, as one line, into err. */
static void failure(qpdf_data q, const char *what, char *err, size_t err_size)
{
	const char *detail = "unknown error";
	if (qp.has_error(q)) {
		qpdf_error e = qp.get_error(q);
		const char *d = qp.get_error_message_detail(q, e);
		if (d && *d)
			detail = d;
	}
	snprintf(err, err_size, "%s: %s", what, detail);
}

/* A copy of the string value of key in dict, as UTF-8 (PDF text strings
 * are PDFDocEncoding or UTF-16, which qpdf converts); NULL when absent. */
static char *text_of(qpdf_data q, qpdf_oh dict, const char *key)
{
	if (!qp.oh_has_key(q, dict, key))
		return NULL;
	qpdf_oh v = qp.oh_get_key(q, dict, key);
	const char *s = NULL;
	size_t len = 0;
	char *out = NULL;
	if (qp.oh_get_value_as_utf8(q, v, &s, &len)) {
		out = xmalloc(len + 1);
		memcpy(out, s, len);
		out[len] = '\0';
	}
	qp.oh_release(q, v);
	return out;
}

static char *name_of(qpdf_data q, qpdf_oh dict, const char *key)
{
	if (!qp.oh_has_key(q, dict, key))
		return NULL;
	qpdf_oh v = qp.oh_get_key(q, dict, key);
	const char *s = NULL;
	size_t len = 0;
	char *out = NULL;
	/* A name comes with its slash: "/Text". */
	if (qp.oh_get_value_as_name(q, v, &s, &len) && len > 1) {
		out = xmalloc(len);
		memcpy(out, s + 1, len - 1);
		out[len - 1] = '\0';
	}
	qp.oh_release(q, v);
	return out;
}

/* The numbers of the array at key (at most max), into v; how many. */
static int numbers_of(qpdf_data q, qpdf_oh dict, const char *key, double *v, int max)
{
	if (!qp.oh_has_key(q, dict, key))
		return 0;
	qpdf_oh a = qp.oh_get_key(q, dict, key);
	int n = 0;
	if (qp.oh_is_array(q, a)) {
		int len = qp.oh_get_array_n_items(q, a);
		for (int i = 0; i < len && n < max; i++) {
			qpdf_oh item = qp.oh_get_array_item(q, a, i);
			double d;
			if (!qp.oh_get_value_as_number(q, item, &d)) {
				qp.oh_release(q, item);
				n = 0;
				break;
			}
			v[n++] = d;
			qp.oh_release(q, item);
		}
	}
	qp.oh_release(q, a);
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
	qpdf_oh root = qp.get_root(q);
	if (qp.oh_has_key(q, root, "/Metadata")) {
		qpdf_oh meta = qp.oh_get_key(q, root, "/Metadata");
		unsigned char *buf = NULL;
		size_t len = 0;
		if (qp.oh_is_stream(q, meta) &&
		    qp.oh_get_stream_data(q, meta, qpdf_dl_generalized, NULL, &buf, &len) ==
			    QPDF_SUCCESS &&
		    buf) {
			doc->xmp = xmalloc(len + 1);
			memcpy(doc->xmp, buf, len);
			doc->xmp[len] = '\0';
			doc->xmp_len = len;
		}
		free(buf);
		qp.oh_release(q, meta);
	}
	qp.oh_release(q, root);
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

	if (!load_qpdf(err, err_size))
		return -1;
	qpdf_data q = qp.init();
	qp.silence_errors(q);
	qp.set_suppress_warnings(q, QPDF_TRUE);
	int rc = -1;
	if (qp.read(q, path, NULL) & QPDF_ERRORS) {
		failure(q, path, err, err_size);
		goto done;
	}
	if (qp.is_encrypted(q) && !qp.allow_extract_all(q) && !qp.allow_modify_annotation(q)) {
		snprintf(err, err_size, "%s is encrypted against reading its annotations", path);
		goto done;
	}
	int n_pages = qp.get_num_pages(q);
	if (n_pages < 0 || qp.has_error(q)) {
		failure(q, path, err, err_size);
		goto done;
	}
	doc->n_pages = n_pages;
	size_t cap = 0;
	for (int p = 0; p < n_pages; p++) {
		qpdf_oh page = qp.get_page_n(q, (size_t)p);
		qpdf_oh annots = qp.oh_get_key(q, page, "/Annots");
		int n = qp.oh_is_array(q, annots) ? qp.oh_get_array_n_items(q, annots) : 0;
		for (int i = 0; i < n; i++) {
			qpdf_oh a = qp.oh_get_array_item(q, annots, i);
			if (qp.oh_is_dictionary(q, a)) {
				xgrow(&doc->annots, &cap, doc->n_annots, sizeof *doc->annots);
				read_annot(q, a, p + 1, &doc->annots[doc->n_annots++]);
			}
			qp.oh_release(q, a);
		}
		qp.oh_release(q, annots);
		qp.oh_release(q, page);
	}
	read_xmp(q, doc);
	if (qp.has_error(q)) {
		failure(q, path, err, err_size);
		pdf_doc_free(doc);
		goto done;
	}
	rc = 0;
done:
	qp.cleanup(&q);
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
