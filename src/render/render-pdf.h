/* render-pdf.h - turns a display list into the bytes of a tagged PDF (libharu).
 *
 * The only module that knows libharu; nothing of it shows through here. */
#ifndef REPORTC_RENDER_PDF_H
#define REPORTC_RENDER_PDF_H

#include <stddef.h>

#include "dl.h"

/* Where a renderer's bytes go (pdfio's pdfioFileCreateOutput shape): called
 * with each piece of the document in order. Returns 0, or -1 to stop the
 * rendering; the sink keeps its own reason (output_write() is one). */
typedef int render_write_fn(void *ctx, const void *bytes, size_t n);

/* Renders dl as a PDF into write(ctx, ...): the renderer touches no file
 * system, so whether the bytes become a file, a pipe or memory is the
 * caller's business. Returns 0, or -1 with a one-line reason in err (no
 * trailing newline); when the sink failed, its reason is the one to tell.
 * The same list gives the same bytes: there is no clock and no randomness,
 * dates and /ID come from the list's header. */
int render_pdf(const struct dl *dl, render_write_fn *write, void *ctx, char *err,
	       size_t err_size);

/* The same, handing the PDF to the caller in memory: *data is malloc'd
 * (free it) and holds *size bytes. */
int render_pdf_bytes(const struct dl *dl, unsigned char **data, size_t *size, char *err,
		     size_t err_size);

#endif
