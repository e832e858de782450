/* load.h - reading a report folder into the model. The only module that
 * talks to libxml2 (load.c drives, load-xml.c reads, parses and validates,
 * load-value.c, load-report.c and load-data.c copy trees into the model).
 *
 * libxml2 runs without network, DTDs, entities or XInclude; a DOCTYPE is
 * refused before parsing; files are bounded in size and depth. */
#ifndef REPORTC_LOAD_H
#define REPORTC_LOAD_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "model.h"

enum {
	LOAD_MAX_FILE_BYTES = 8 * 1024 * 1024, /* per XML file */
	LOAD_MAX_DEPTH = 64,                   /* element nesting */
};

/* Loads the six files of DIR. Problems with the data (a missing or
 * malformed file, schema violations, malformed values: rules 1 and 11)
 * become findings in d and the model holds what could be read. Returns
 * NULL only when DIR itself cannot be read; then err holds why. */
struct model *load_folder(const char *dir, struct diags *d, char *err, size_t err_size);

struct style;

/* Whether styles_dir holds the style NAME; when not, known gets the names
 * it does hold ("plain, sefton"). True when the folder cannot be read:
 * load_style() then says why. */
bool load_style_known(const char *styles_dir, const char *name, char *known, size_t known_size);

/* Reads the style NAME (a file NAME.xml in styles_dir) over the built-in
 * defaults into *style and checks it; its bytes join m's fingerprint. On
 * any problem (missing file, not well-formed, an unknown setting, a bad
 * value) returns false with "styles/NAME.xml:LINE:COL: what is wrong" in
 * err. */
bool load_style(struct model *m, const char *styles_dir, const char *name,
		struct style *style, char *err, size_t err_size);

/* The values of the properties names[0..n) of namespace ns in the XMP
 * packet xmp (len bytes), whether written as elements or as attributes,
 * into values (malloc'd, NULL when absent). False when the packet is not
 * well-formed XML (or holds a DOCTYPE); values are then all NULL. */
bool load_xmp_values(const char *xmp, size_t len, const char *ns, const char *const *names,
		     size_t n, char **values);

#endif
