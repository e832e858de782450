/* render-pdf.h - turns a display list into a tagged PDF file (libharu).
 *
 * The only module that knows libharu; nothing of it shows through here. */
#ifndef REPORTC_RENDER_PDF_H
#define REPORTC_RENDER_PDF_H

#include <stddef.h>

#include "dl.h"

/* Renders dl and replaces out_path atomically: the PDF is written to a new
 * temporary file in out_path's directory, synced and renamed over it, so an
 * existing file is either replaced whole or left untouched. Returns 0, or -1
 * with a one-line reason in err (no trailing newline) and no file left
 * behind. The same list gives the same bytes: there is no clock and no
 * randomness, dates and /ID come from the list's header. */
int render_pdf_write(const struct dl *dl, const char *out_path, char *err, size_t err_size);

/* The same, handing the PDF to the caller instead: *data is malloc'd (free
 * it) and holds *size bytes. */
int render_pdf_bytes(const struct dl *dl, unsigned char **data, size_t *size, char *err,
		     size_t err_size);

#endif
