/* schemas.h - the XSD files of schemas/, compiled into the program.
 *
 * The table is generated at build time by tools/embed.py (schemas.c), so
 * the loader never reads a schema from disk: libxml2 is served these bytes
 * and refused every other URL. */
#ifndef REPORTC_SCHEMAS_H
#define REPORTC_SCHEMAS_H

#include <stddef.h>

struct schema_source {
	const char *name;            /* file name without folder: "report.xsd" */
	const unsigned char *data;   /* the file's bytes, followed by a NUL */
	size_t size;                 /* bytes, without the NUL */
	const char *const *elements; /* names its xs:element declarations give, NULL-ended */
};

/* Every embedded schema, sorted by name. */
extern const struct schema_source schemas_embedded[];
extern const size_t schemas_embedded_count;

#endif
