/* load.c - reading a report folder: the bytes of each file, a pre-scan,
 * secure parsing, XSD validation, element positions and typed values.
 *
 * libxml2 keeps a line per node but no column, so the pre-scan records the
 * line and column of every start tag and the k-th element of the tree gets
 * the k-th position (in node->_private). The pre-scan also refuses what
 * libxml2 must never see: bytes that are not UTF-8, NUL bytes, a DOCTYPE
 * (so no entity is ever declared and no external file is ever named),
 * nesting deeper than LOAD_MAX_DEPTH and elements with more than
 * MAX_ATTRIBUTES attributes. A UTF-8 byte order mark is allowed
 * and is not a character: columns on line 1 start after it. */
#define _POSIX_C_SOURCE 200809L

#include "load-private.h"

#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlschemas.h>

#include "schemas.h"
#include "text.h"

/* libxml2 2.12 made the structured error handler's error const. */
#if LIBXML_VERSION >= 21200
#define ERROR_CONST const
#else
#define ERROR_CONST
#endif

enum {
	MAX_DIGITS = 15,      /* of a count or of whole pounds: exact in int64 hundredths */
	MAX_ATTRIBUTES = 256, /* per element: libxml2 2.9 checks repeats in quadratic time */
	SHOWN_MAX = 60,       /* code points of a value quoted in a message */
	BYTES_PER_MB = 1024 * 1024,
};

/* A list of names, grown as needed. */
struct names {
	char **names;
	size_t n, cap;
};

/* The loading of one folder: the six files share the compiled schemas. */
struct load_run {
	struct model *m;
	struct diags *d;
	int dir_fd;
	xmlSchema *schemas[FILE_COUNT];  /* compiled on first use */
	char *internal_error;            /* a built-in schema did not compile */
	char *schema_message;            /* libxml2's first word on why */
};

/* A schema error about an attribute's value, held back until the model is
 * built: dropped when the loader checked that attribute itself. */
struct pending_error {
	xmlNode *element;
	char *attr;
	char *message;
};

static const char *const holds[FILE_COUNT + 1] = {
	[FILE_REPORT] = "the report's identity, its narrative and where each table and chart goes",
	[FILE_FINANCE] = "partner contributions, expenditure and reserves",
	[FILE_LADO] = "the LADO figures: allegations against people who work with children",
	[FILE_YJS] = "Youth Justice Service offences and anti-social-behaviour incidents",
	[FILE_TRAINING] = "multi-agency training courses, sessions and attendance",
	[FILE_SCRUTINY] = "the independent scrutineer's comments, perspective and sign-off",
};

/* ---- small helpers ------------------------------------------------------ */

/* printf into a new malloc'd string. */
static char *RC_PRINTF(1, 2) strf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int len = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	size_t size = len > 0 ? (size_t)len + 1 : 1;
	char *s = xmalloc(size);
	va_start(ap, fmt);
	vsnprintf(s, size, fmt, ap);
	va_end(ap);
	if (len <= 0)
		s[0] = '\0';
	return s;
}

/* The root element a file must have: its name without ".xml"; FILE_COUNT
 * stands for a style file (load-style.c). */
static const char *root_name(enum data_file file)
{
	static const char *const names[FILE_COUNT + 1] = {
		"report", "finance", "lado", "yjs", "training", "scrutiny", "style",
	};
	return names[file];
}

/* v shortened to SHOWN_MAX code points for a message, into buf. */
static const char *shown(const char *v, char *buf, size_t size)
{
	size_t n = 0, i = 0;
	for (; v[i]; i++) {
		if (((unsigned char)v[i] & 0xC0) != 0x80 && ++n > SHOWN_MAX)
			break;
	}
	if (!v[i] && i < size)
		return v;
	snprintf(buf, size, "%.*s…", (int)(i < size - 4 ? i : size - 4), v);
	return buf;
}

static bool prefixed(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

static bool is_xml_space(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static bool is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static void names_add(struct names *list, const char *name, size_t len)
{
	xgrow(&list->names, &list->cap, list->n, sizeof *list->names);
	list->names[list->n++] = strf("%.*s", (int)len, name);
}

static void names_free(struct names *list)
{
	for (size_t i = 0; i < list->n; i++)
		free(list->names[i]);
	free(list->names);
	memset(list, 0, sizeof *list);
}

/* ---- reading a file ----------------------------------------------------- */

static void report_too_big(struct load_file *f, unsigned long long size)
{
	/* Tenths of a MB, rounded up: a file just over the limit is not "8 MB". */
	unsigned long long tenths = (size * 10 + BYTES_PER_MB - 1) / BYTES_PER_MB;
	struct srcpos top = { f->name, 1, 1 };
	if (tenths % 10)
		diag_error(f->d, top, 1, "file is %llu.%llu MB; the limit is %d MB", tenths / 10,
			   tenths % 10, LOAD_MAX_FILE_BYTES / BYTES_PER_MB);
	else
		diag_error(f->d, top, 1, "file is %llu MB; the limit is %d MB", tenths / 10,
			   LOAD_MAX_FILE_BYTES / BYTES_PER_MB);
}

/* Reads the file into f->bytes; false when it could not (reported). Never
 * reads more than one byte past LOAD_MAX_FILE_BYTES. */
static bool read_bytes(struct load_file *f, int dir_fd)
{
	struct srcpos top = { f->name, 1, 1 };
	/* O_NONBLOCK: opening a FIFO must not wait for a writer. */
	int fd = openat(dir_fd, f->name, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	if (fd < 0) {
		if (errno == ENOENT)
			diag_error(f->d, top, 1, "missing: every report folder needs %s (%s)", f->name,
				   holds[f->file]);
		else
			diag_error(f->d, top, 1, "cannot open %s: %s", f->name, strerror(errno));
		return false;
	}
	struct stat st;
	if (fstat(fd, &st) != 0) {
		diag_error(f->d, top, 1, "cannot read %s: %s", f->name, strerror(errno));
		close(fd);
		return false;
	}
	if (!S_ISREG(st.st_mode)) {
		diag_error(f->d, top, 1, "%s is not a regular file; it must be an XML file", f->name);
		close(fd);
		return false;
	}
	if (st.st_size > LOAD_MAX_FILE_BYTES) {
		report_too_big(f, (unsigned long long)st.st_size);
		close(fd);
		return false;
	}

	/* The size may change while we read: grow, but stop past the limit. */
	size_t cap = (size_t)st.st_size + 1, len = 0;
	char *buf = xmalloc(cap);
	for (;;) {
		if (len == cap) {
			cap = cap * 2 > (size_t)LOAD_MAX_FILE_BYTES + 1 ? (size_t)LOAD_MAX_FILE_BYTES + 1
								      : cap * 2;
			buf = xrealloc(buf, cap);
		}
		ssize_t got = read(fd, buf + len, cap - len);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			diag_error(f->d, top, 1, "cannot read %s: %s", f->name, strerror(errno));
			free(buf);
			close(fd);
			return false;
		}
		if (got == 0)
			break;
		len += (size_t)got;
		if (len > LOAD_MAX_FILE_BYTES) {
			report_too_big(f, len);
			free(buf);
			close(fd);
			return false;
		}
	}
	close(fd);
	f->bytes = buf;
	f->size = len;
	return true;
}

/* An empty file (or one of white space and a byte order mark) is reported
 * here rather than as libxml2's "Document is empty". */
static bool is_empty(struct load_file *f)
{
	size_t i = 0;
	if (f->size >= 3 && memcmp(f->bytes, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	for (; i < f->size; i++)
		if (!is_xml_space((unsigned char)f->bytes[i]))
			return false;
	diag_error(f->d, (struct srcpos){ f->name, 1, 1 }, 1,
		   "file is empty: it should hold the <%s> element", root_name(f->file));
	return true;
}

/* ---- the pre-scan ------------------------------------------------------- */

enum scan_state { SCAN_TEXT, SCAN_TAG, SCAN_END_TAG, SCAN_COMMENT, SCAN_CDATA, SCAN_PI };

static bool starts(const unsigned char *s, size_t n, const char *prefix)
{
	size_t len = strlen(prefix);
	return n >= len && memcmp(s, prefix, len) == 0;
}

static bool starts_nocase(const unsigned char *s, size_t n, const char *prefix)
{
	size_t len = strlen(prefix);
	if (n < len)
		return false;
	for (size_t i = 0; i < len; i++) {
		int c = s[i] >= 'a' && s[i] <= 'z' ? s[i] - 'a' + 'A' : s[i];
		if (c != prefix[i])
			return false;
	}
	return true;
}

/* One pass over the bytes: UTF-8, NUL, DOCTYPE, depth, and the position
 * of every start tag (comments, CDATA, processing instructions and end
 * tags are skipped). false when the file must not be parsed (reported). */
static bool prescan(struct load_file *f)
{
	const unsigned char *s = (const unsigned char *)f->bytes;
	size_t n = f->size, i = 0;
	uint32_t line = 1, col = 1;
	size_t depth = 0, skip = 0;
	enum scan_state state = SCAN_TEXT;
	unsigned char quote = 0;
	bool empty_tag = false;   /* the start tag so far ends in '/' */
	size_t n_attributes = 0;  /* of the start tag: its '=' outside quotes */

	if (starts(s, n, "\xEF\xBB\xBF")) {
		i = 3;
	} else if (starts(s, n, "\xFF\xFE") || starts(s, n, "\xFE\xFF")) {
		diag_error(f->d, (struct srcpos){ f->name, 1, 1 }, 1,
			   "the file is UTF-16; save it as UTF-8");
		return false;
	}
	while (i < n) {
		struct srcpos here = { f->name, line, col };
		uint32_t cp = s[i];
		size_t len = 1;
		if (cp >= 0x80) {
			len = text_utf8_decode((const char *)s + i, n - i, &cp);
			if (!len) {
				diag_error(f->d, here, 1, "byte 0x%02X is not UTF-8; save the file as UTF-8",
					   s[i]);
				return false;
			}
		} else if (cp == 0) {
			diag_error(f->d, here, 1,
				   "NUL byte (0x00): this is not a text file; save it as UTF-8 text");
			return false;
		}

		if (skip) {
			skip--;
		} else {
			switch (state) {
			case SCAN_TEXT:
				if (cp != '<')
					break;
				if (starts(s + i, n - i, "<!--")) {
					state = SCAN_COMMENT, skip = 3;
				} else if (starts(s + i, n - i, "<![CDATA[")) {
					state = SCAN_CDATA, skip = 8;
				} else if (starts(s + i, n - i, "<?")) {
					state = SCAN_PI, skip = 1;
				} else if (starts_nocase(s + i, n - i, "<!DOCTYPE")) {
					diag_error(f->d, here, 1,
						   "a DOCTYPE is not allowed (it could declare entities); remove it");
					return false;
				} else if (starts(s + i, n - i, "</")) {
					state = SCAN_END_TAG;
					if (depth)
						depth--;
				} else if (!starts(s + i, n - i, "<!")) {
					/* Anything else that libxml2 accepts is a start tag. */
					if (depth + 1 > LOAD_MAX_DEPTH) {
						diag_error(f->d, here, 1,
							   "elements nest more than %d deep here; flatten the content",
							   LOAD_MAX_DEPTH);
						return false;
					}
					xgrow(&f->tags, &f->cap_tags, f->n_tags, sizeof *f->tags);
					f->tags[f->n_tags++] = here;
					state = SCAN_TAG, quote = 0, empty_tag = false, n_attributes = 0;
				}
				break;
			case SCAN_TAG:
				if (quote) {
					if (cp == quote)
						quote = 0;
				} else if (cp == '"' || cp == '\'') {
					quote = (unsigned char)cp, empty_tag = false;
				} else if (cp == '>') {
					if (!empty_tag)
						depth++;
					state = SCAN_TEXT;
				} else if (cp == '/') {
					empty_tag = true;
				} else if (cp == '=' && ++n_attributes > MAX_ATTRIBUTES) {
					diag_error(f->d, f->tags[f->n_tags - 1], 1,
						   "more than %d attributes on one element here",
						   MAX_ATTRIBUTES);
					return false;
				} else if (!is_xml_space((int)cp)) {
					empty_tag = false;
				}
				break;
			case SCAN_END_TAG:
				if (cp == '>')
					state = SCAN_TEXT;
				break;
			case SCAN_COMMENT:
				if (starts(s + i, n - i, "-->"))
					state = SCAN_TEXT, skip = 2;
				break;
			case SCAN_CDATA:
				if (starts(s + i, n - i, "]]>"))
					state = SCAN_TEXT, skip = 2;
				break;
			case SCAN_PI:
				if (starts(s + i, n - i, "?>"))
					state = SCAN_TEXT, skip = 1;
				break;
			}
		}

		/* CR LF and a lone CR end a line, as XML normalises them. */
		if (cp == '\n' || (cp == '\r' && !(i + 1 < n && s[i + 1] == '\n')))
			line++, col = 1;
		else if (cp != '\r')
			col++;
		i += len;
	}
	return true;
}

/* ---- parsing ------------------------------------------------------------ */

/* libxml2's well-formedness message in plain words; caller frees. */
static char *parse_message(ERROR_CONST xmlError *err)
{
	const char *s1 = err->str1 ? err->str1 : "?";
	const char *s2 = err->str2 ? err->str2 : "?";
	const char *msg = err->message ? err->message : "";
	switch (err->code) {
	case XML_ERR_TAG_NAME_MISMATCH:
		return strf("end tag </%s> does not match the start tag <%s> of line %d", s2, s1,
			    err->int1);
	case XML_ERR_TAG_NOT_FINISHED:
		return strf("the file ends before <%s> (line %d) is closed", s1, err->int1);
	case XML_ERR_UNDECLARED_ENTITY:
		return strf("unknown entity &%s;: XML knows only &amp; &lt; &gt; &quot; &apos; "
			    "(write other characters as themselves)", s1);
	case XML_ERR_ATTRIBUTE_REDEFINED:
		return strf("attribute %s is given twice", s1);
	case XML_ERR_DOCUMENT_END:
		return strf("content after the end of the root element; a file holds one root element");
	case XML_ERR_DOCUMENT_EMPTY:
		return strf("the file holds no element");
	case XML_ERR_LT_IN_ATTRIBUTE:
		return strf("a < in an attribute value must be written &lt;");
	case XML_ERR_ATTRIBUTE_WITHOUT_VALUE:
		return strf("attribute %s has no value; write %s=\"…\"", s1, s1);
	case XML_ERR_ATTRIBUTE_NOT_STARTED:
		return strf("an attribute value must be in quotes");
	case XML_ERR_GT_REQUIRED:
		return strf("the start tag <%s> is not closed with > or />", s1);
	default:
		break;
	}
	if (prefixed(msg, "xmlParseEntityRef: no name"))
		return strf("a & must be written &amp;");
	if (prefixed(msg, "StartTag: invalid element name"))
		return strf("a < that does not start a tag must be written &lt;");
	size_t len = strlen(msg);
	while (len && (msg[len - 1] == '\n' || msg[len - 1] == ' '))
		len--;
	return strf("%.*s", (int)len, msg);
}

/* Structured error handler of one parser context: the first error of a
 * file is reported (the rest are usually its consequences). */
static void on_parse_error(void *user, ERROR_CONST xmlError *err)
{
	xmlParserCtxt *ctxt = user;
	struct load_file *f = ctxt->_private;
	if (err->level < XML_ERR_ERROR || f->parse_failed)
		return;
	f->parse_failed = true;
	struct srcpos pos = { f->name, err->line > 0 ? (uint32_t)err->line : 1,
			      err->int2 > 0 ? (uint32_t)err->int2 : 1 };
	char *msg = parse_message(err);
	diag_error(f->d, pos, 1, "not well-formed XML: %s", msg);
	free(msg);
}

/* Parses f->bytes into f->doc; false when not well-formed (reported). */
static bool parse(struct load_file *f)
{
	xmlParserCtxt *ctxt = xmlNewParserCtxt();
	if (!ctxt) {
		fprintf(stderr, "reportc: out of memory (libxml2 parser)\n");
		abort();
	}
	ctxt->_private = f;
	ctxt->sax->serror = on_parse_error;
	/* No network, no DTD loading or validation, no entity substitution,
	 * no XInclude, default size limits; CDATA becomes plain text; blanks
	 * are kept because spaces between inline elements matter. */
	int options = XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_BIG_LINES;
	f->doc = xmlCtxtReadMemory(ctxt, f->bytes, (int)f->size, NULL, "UTF-8", options);
	xmlFreeParserCtxt(ctxt);
	if (f->doc && !xmlDocGetRootElement(f->doc)) {
		xmlFreeDoc(f->doc);
		f->doc = NULL;
	}
	if (!f->doc && !f->parse_failed)
		diag_error(f->d, (struct srcpos){ f->name, 1, 1 }, 1, "not well-formed XML");
	return f->doc != NULL;
}

/* Gives the k-th element of the tree, in document order, the k-th start
 * tag's position. */
static void assign_positions(struct load_file *f)
{
	xmlNode *root = xmlDocGetRootElement(f->doc);
	size_t k = 0;
	xmlNode *node = root;
	while (node) {
		if (node->type == XML_ELEMENT_NODE) {
			if (k < f->n_tags)
				node->_private = &f->tags[k];
			k++;
			if (node->children) {
				node = node->children;
				continue;
			}
		}
		while (node != root && !node->next)
			node = node->parent;
		node = node == root ? NULL : node->next;
	}
	/* Without entities or XInclude, elements and start tags are one to one. */
	assert(k == f->n_tags);
}

/* ---- schemas ------------------------------------------------------------ */

static const struct schema_source *find_schema(const char *name)
{
	for (size_t i = 0; i < schemas_embedded_count; i++)
		if (strcmp(schemas_embedded[i].name, name) == 0)
			return &schemas_embedded[i];
	return NULL;
}

/* libxml2's external entity loader while a folder loads: serves the
 * embedded schemas by name (xs:include) and refuses every other URL, so
 * nothing is ever read from a file or the network through libxml2. */
static xmlParserInput *serve_schema(const char *url, const char *id, xmlParserCtxt *ctxt)
{
	(void)id;
	const struct schema_source *src = url ? find_schema(url) : NULL;
	if (!src)
		return NULL;
	return xmlNewStringInputStream(ctxt, src->data);
}

static void on_schema_error(void *user, ERROR_CONST xmlError *err)
{
	struct load_run *run = user;
	if (err->level < XML_ERR_ERROR || run->schema_message)
		return;
	const char *msg = err->message ? err->message : "";
	size_t len = strlen(msg);
	while (len && msg[len - 1] == '\n')
		len--;
	run->schema_message = strf("%.*s", (int)len, msg);
}

/* The compiled schema of a file, compiled on first use; NULL when the
 * built-in schema is broken (run->internal_error says why). */
static xmlSchema *schema_for(struct load_run *run, enum data_file file)
{
	if (run->schemas[file] || run->internal_error)
		return run->schemas[file];
	char name[32];
	snprintf(name, sizeof name, "%s.xsd", root_name(file));
	const struct schema_source *src = find_schema(name);
	if (!src) {
		run->internal_error = strf("the schema %s is not built in", name);
		return NULL;
	}
	xmlSchemaParserCtxt *pc = xmlSchemaNewMemParserCtxt((const char *)src->data, (int)src->size);
	if (!pc) {
		run->internal_error = strf("cannot read the built-in schema %s", name);
		return NULL;
	}
	xmlSchemaSetParserStructuredErrors(pc, on_schema_error, run);
	run->schemas[file] = xmlSchemaParse(pc);
	xmlSchemaFreeParserCtxt(pc);
	if (!run->schemas[file]) {
		const char *why = run->schema_message;
		run->internal_error = strf("the built-in schema %s does not compile%s%s", name,
					   why ? ": " : "", why ? why : "");
	}
	free(run->schema_message);
	run->schema_message = NULL;
	return run->schemas[file];
}

/* Whether the file's schema (with common.xsd) declares an element name:
 * it tells "unknown element" from "not allowed here". tools/embed.py lists
 * the names when reportc is built. */
static bool is_known_element(struct load_file *f, const char *name)
{
	char own[32];
	snprintf(own, sizeof own, "%s.xsd", root_name(f->file));
	const char *files[] = { "common.xsd", own };
	for (size_t i = 0; i < 2; i++) {
		const struct schema_source *src = find_schema(files[i]);
		for (const char *const *e = src ? src->elements : NULL; e && *e; e++)
			if (strcmp(*e, name) == 0)
				return true;
	}
	return false;
}

/* ---- schema errors in plain words --------------------------------------- */

/* A growing string for messages. */
struct buf {
	char *s;
	size_t len, cap;
};

static void RC_PRINTF(2, 3) bprintf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int len = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (len <= 0)
		return;
	xgrow(&b->s, &b->cap, b->len + (size_t)len + 1, 1);
	va_start(ap, fmt);
	vsnprintf(b->s + b->len, (size_t)len + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)len;
}

/* The text between prefix and the next quote at the start of s, malloc'd
 * into *out ("Element 'p'": prefix "Element '", text "p"), a namespace in
 * braces dropped; returns what follows the closing quote, or NULL. */
static const char *quoted(const char *s, const char *prefix, char **out)
{
	if (!prefixed(s, prefix))
		return NULL;
	s += strlen(prefix);
	const char *end = strchr(s, '\'');
	if (!end)
		return NULL;
	const char *start = s;
	const char *close = memchr(start, '}', (size_t)(end - start));
	if (*start == '{' && close)
		start = close + 1;
	*out = strf("%.*s", (int)(end - start), start);
	return end + 1;
}

/* The names of "Expected is one of ( a, b )." or "Expected is ( a )." */
static void expected_names(const char *rest, struct names *out)
{
	const char *p = strstr(rest, "Expected is ");
	p = p ? strchr(p, '(') : NULL;
	const char *end = p ? strstr(p, " )") : NULL;
	if (!p || !end)
		return;
	for (p++; p < end;) {
		while (p < end && (*p == ' ' || *p == ','))
			p++;
		const char *start = p;
		while (p < end && *p != ',')
			p++;
		const char *stop = p;
		while (stop > start && stop[-1] == ' ')
			stop--;
		const char *close = memchr(start, '}', (size_t)(stop - start));
		if (start < stop && *start == '{' && close)
			start = close + 1;
		if (start < stop)
			names_add(out, start, (size_t)(stop - start));
	}
}

/* "<a>" or "one of <a>, <b>". */
static void list_names(struct buf *b, const struct names *list)
{
	if (list->n == 1) {
		bprintf(b, "<%s>", list->names[0]);
		return;
	}
	bprintf(b, "one of ");
	for (size_t i = 0; i < list->n; i++)
		bprintf(b, "%s<%s>", i ? ", " : "", list->names[i]);
}

/* "This element is not expected": unknown, misspelt or misplaced. */
static void not_expected(struct buf *b, struct load_file *f, const char *elem,
			 const struct names *expected)
{
	if (is_known_element(f, elem)) {
		bprintf(b, "<%s> is not allowed here", elem);
	} else {
		bprintf(b, "unknown element <%s> here", elem);
		/* A near miss among the expected names is most likely meant. */
		size_t best = 0, best_dist = SIZE_MAX;
		for (size_t i = 0; i < expected->n; i++) {
			size_t dist = text_edit_distance(elem, expected->names[i]);
			if (dist < best_dist)
				best = i, best_dist = dist;
		}
		if (best_dist <= 2 && best_dist < strlen(elem)) {
			bprintf(b, "; did you mean <%s>?", expected->names[best]);
			return;
		}
	}
	if (expected->n) {
		bprintf(b, "; expected ");
		list_names(b, expected);
	}
}

/* An attribute value the loader does not check itself (lang, href …). */
static void bad_value(struct buf *b, const char *elem, const char *attr, const char *rest,
		      const char *value)
{
	char buf[SHOWN_MAX * 4 + 8];
	const char *v = shown(value ? value : "", buf, sizeof buf);
	const char *set = strstr(rest, "is not an element of the set {");
	const char *atomic = strstr(rest, "atomic type '");
	char *type = NULL;
	if (strstr(rest, "fixed value constraint")) {
		bprintf(b, "%s=\"%s\" on <%s> is not the fixed value", attr, v, elem);
	} else if (set) {
		bprintf(b, "%s=\"%s\" on <%s> is not one of ", attr, v, elem);
		for (const char *p = set + strlen("is not an element of the set {"); *p && *p != '}'; p++)
			if (*p != '\'')
				bprintf(b, "%c", *p);
	} else if (strstr(rest, "[facet 'pattern']")) {
		bprintf(b, "%s=\"%s\" on <%s> is not of the allowed form", attr, v, elem);
	} else if (atomic && quoted(atomic, "atomic type '", &type)) {
		/* The built-in types our schemas use, in words. */
		const char *what = strcmp(type, "xs:language") == 0 ? "a language tag such as en-GB"
				   : strcmp(type, "xs:anyURI") == 0  ? "a web address"
								     : type;
		bprintf(b, "%s=\"%s\" on <%s> is not %s", attr, v, elem, what);
	} else {
		bprintf(b, "<%s> %s: %s", elem, attr, rest);
	}
	free(type);
}

/* libxml2's schema message (without "Element 'E'[, attribute 'A']: ") in
 * plain words; caller frees. */
static char *schema_message(struct load_file *f, const char *elem, const char *attr,
			    const char *rest, const char *value)
{
	struct buf b = { 0 };
	struct names expected = { 0 };
	expected_names(rest, &expected);
	char *name = NULL;
	if (prefixed(rest, "This element is not expected.")) {
		not_expected(&b, f, elem, &expected);
	} else if (prefixed(rest, "Missing child element(s).")) {
		bprintf(&b, "<%s> is missing ", elem);
		if (expected.n)
			list_names(&b, &expected);
		else
			bprintf(&b, "a child element");
	} else if (quoted(rest, "The attribute '", &name) && strstr(rest, "is required but missing")) {
		bprintf(&b, "<%s> is missing the attribute %s=\"…\"", elem, name);
	} else if (name && strstr(rest, "is not allowed")) {
		bprintf(&b, "unknown attribute %s on <%s>", name, elem);
	} else if (prefixed(rest, "Character content other than whitespace is not allowed")) {
		bprintf(&b, "text is not allowed directly inside <%s>", elem);
	} else if (strstr(rest, "is not allowed, because the content type is empty")) {
		bprintf(&b, "<%s> must be empty: write <%s …/>", elem, elem);
	} else if (strstr(rest, "content type is a simple type definition")) {
		bprintf(&b, "<%s> holds text only, not elements", elem);
	} else if (attr) {
		bad_value(&b, elem, attr, rest, value);
	} else {
		bprintf(&b, "<%s>: %s", elem, rest);
	}
	free(name);
	names_free(&expected);
	return b.s ? b.s : xstrdup("");
}

/* Structural schema errors are reported at once; errors about attribute
 * values wait for the model (see flush_pending). */
static void on_valid_error(void *user, ERROR_CONST xmlError *err)
{
	struct load_file *f = user;
	if (err->level < XML_ERR_ERROR)
		return;
	xmlNode *node = err->node;
	char *elem = NULL, *attr = NULL;
	if (node && node->type == XML_ATTRIBUTE_NODE) {
		attr = xstrdup((const char *)node->name);
		node = node->parent;
	}
	struct srcpos pos = node ? load_pos(f, node) : (struct srcpos){ 0 };
	if (pos.line == 0)
		pos = (struct srcpos){ f->name, err->line > 0 ? (uint32_t)err->line : 1, 1 };

	/* "Element 'E'[, attribute 'A']: REST\n" */
	const char *msg = err->message ? err->message : "";
	const char *rest = quoted(msg, "Element '", &elem);
	if (!rest) {
		rest = msg;
	} else {
		char *named = NULL;
		const char *after = quoted(rest, ", attribute '", &named);
		if (after) {
			rest = after;
			free(attr);
			attr = named;
		}
		if (prefixed(rest, ": "))
			rest += 2;
	}
	if (!elem)
		elem = xstrdup(node && node->name ? (const char *)node->name : "?");
	size_t len = strlen(rest);
	while (len && (rest[len - 1] == '\n' || rest[len - 1] == '.' || rest[len - 1] == ' '))
		len--;
	char *trimmed = strf("%.*s", (int)len, rest);

	/* Required and unknown attributes are structure; anything else said
	 * about an attribute is about its value. */
	bool about_value = attr && err->code != XML_SCHEMAV_CVC_COMPLEX_TYPE_4 &&
			   err->code != XML_SCHEMAV_CVC_COMPLEX_TYPE_3_2_1 &&
			   err->code != XML_SCHEMAV_CVC_COMPLEX_TYPE_3_2_2;
	char *text = schema_message(f, elem, attr, trimmed, err->str1);
	if (about_value && node) {
		xgrow(&f->pending, &f->cap_pending, f->n_pending, sizeof *f->pending);
		f->pending[f->n_pending++] = (struct pending_error){ node, attr, text };
		attr = text = NULL;
	} else {
		diag_error(f->d, pos, 1, "%s", text);
	}
	free(text);
	free(trimmed);
	free(attr);
	free(elem);
}

/* Validates f->doc against its schema; false only when the built-in
 * schema is broken. */
static bool validate(struct load_file *f)
{
	xmlSchema *schema = schema_for(f->run, f->file);
	if (!schema)
		return false;
	xmlSchemaValidCtxt *vc = xmlSchemaNewValidCtxt(schema);
	if (!vc) {
		fprintf(stderr, "reportc: out of memory (libxml2 validator)\n");
		abort();
	}
	xmlSchemaSetValidStructuredErrors(vc, on_valid_error, f);
	xmlSchemaValidateDoc(vc, f->doc);
	xmlSchemaFreeValidCtxt(vc);
	return true;
}

/* Reports the held-back schema errors about values the loader did not
 * check itself, one per attribute: libxml2 reports an attribute's facet
 * and type errors one after the other, so a repeat follows its first. */
static void flush_pending(struct load_file *f)
{
	for (size_t i = 0; i < f->n_pending; i++) {
		struct pending_error *p = &f->pending[i];
		xmlAttr *a = xmlHasNsProp(p->element, (const xmlChar *)p->attr, NULL);
		bool checked = a && a->_private == f;
		bool repeat = i > 0 && f->pending[i - 1].element == p->element &&
			      strcmp(f->pending[i - 1].attr, p->attr) == 0;
		if (!checked && !repeat)
			diag_error(f->d, load_pos(f, p->element), 1, "%s", p->message);
	}
}

static void free_pending(struct load_file *f)
{
	for (size_t i = 0; i < f->n_pending; i++) {
		free(f->pending[i].attr);
		free(f->pending[i].message);
	}
	free(f->pending);
}

/* ---- the tree ----------------------------------------------------------- */

bool load_is(xmlNode *node, const char *name)
{
	return node && node->type == XML_ELEMENT_NODE && !node->ns &&
	       strcmp((const char *)node->name, name) == 0;
}

static bool matches(xmlNode *node, const char *name)
{
	return node->type == XML_ELEMENT_NODE && (!name || load_is(node, name));
}

xmlNode *load_first(xmlNode *parent, const char *name)
{
	if (!parent)
		return NULL;
	for (xmlNode *c = parent->children; c; c = c->next)
		if (matches(c, name))
			return c;
	return NULL;
}

xmlNode *load_next(xmlNode *node, const char *name)
{
	for (xmlNode *c = node ? node->next : NULL; c; c = c->next)
		if (matches(c, name))
			return c;
	return NULL;
}

size_t load_count_children(xmlNode *parent, const char *name)
{
	size_t n = 0;
	for (xmlNode *c = load_first(parent, name); c; c = load_next(c, name))
		n++;
	return n;
}

struct srcpos load_pos(const struct load_file *f, xmlNode *node)
{
	if (node && node->type == XML_ATTRIBUTE_NODE)
		node = node->parent;
	for (; node; node = node->parent)
		if (node->type == XML_ELEMENT_NODE && node->_private)
			return *(const struct srcpos *)node->_private;
	return (struct srcpos){ f->name, 0, 0 };
}

const char *load_text(struct load_file *f, xmlNode *node)
{
	if (!node)
		return NULL;
	xmlChar *content = xmlNodeGetContent(node);
	if (!content)
		return arena_strdup(f->arena, "");
	/* Collapse runs of white space to one space and trim. */
	const char *s = (const char *)content;
	char *out = arena_alloc(f->arena, strlen(s) + 1);
	size_t k = 0;
	bool space = false;
	for (; *s; s++) {
		if (is_xml_space((unsigned char)*s)) {
			space = k > 0;
			continue;
		}
		if (space)
			out[k++] = ' ';
		space = false;
		out[k++] = *s;
	}
	out[k] = '\0';
	xmlFree(content);
	return out;
}

/* ---- attributes --------------------------------------------------------- */

bool load_has(xmlNode *node, const char *attr)
{
	/* xmlHasProp would also find xml:lang for "lang". */
	return node && xmlHasNsProp(node, (const xmlChar *)attr, NULL);
}

/* The value of attr on node (malloc'd) or NULL; marks it checked when
 * asked, so that the schema's message about it is dropped. */
static char *attr_value(struct load_file *f, xmlNode *node, const char *attr, bool checked)
{
	if (!node)
		return NULL;
	xmlAttr *a = xmlHasNsProp(node, (const xmlChar *)attr, NULL);
	if (!a)
		return NULL;
	if (checked)
		a->_private = f;
	xmlChar *v = xmlNodeListGetString(node->doc, a->children, 1);
	char *copy = xstrdup(v ? (const char *)v : "");
	xmlFree(v);
	return copy;
}

const char *load_string(struct load_file *f, xmlNode *node, const char *attr)
{
	char *v = attr_value(f, node, attr, false);
	if (!v)
		return NULL;
	const char *copy = arena_strdup(f->arena, v);
	free(v);
	return copy;
}

const char *load_raw(struct load_file *f, xmlNode *node, const char *attr)
{
	char *v = attr_value(f, node, attr, true);
	if (!v)
		return NULL;
	const char *copy = arena_strdup(f->arena, v);
	free(v);
	return copy;
}

enum number_error {
	NUMBER_OK,
	NUMBER_EMPTY,
	NUMBER_NEGATIVE,
	NUMBER_SYNTAX,
	NUMBER_TOO_LONG,   /* more than MAX_DIGITS before the point */
	NUMBER_DECIMALS,   /* more than two decimals */
};

/* Parses [0-9]+(\.[0-9]+)? exactly: *hundredths (the third decimal on
 * rounded half up, for a suggestion) and *decimals as written. */
static enum number_error parse_number(const char *s, int64_t *hundredths, int *decimals)
{
	*hundredths = 0;
	*decimals = 0;
	if (!*s)
		return NUMBER_EMPTY;
	bool negative = *s == '-';
	const char *p = negative ? s + 1 : s;
	const char *digits = p;
	while (*p == '0' && is_digit(p[1]))
		p++;
	const char *significant = p;
	while (is_digit(*p))
		p++;
	size_t n_int = (size_t)(p - significant);
	if (p == digits)
		return NUMBER_SYNTAX;
	int n_dec = 0;
	int64_t frac = 0;
	bool round_up = false;
	if (*p == '.') {
		p++;
		if (!is_digit(*p))
			return NUMBER_SYNTAX;
		for (; is_digit(*p); p++, n_dec++) {
			if (n_dec < 2)
				frac = frac * 10 + (*p - '0');
			else if (n_dec == 2)
				round_up = *p >= '5';
		}
	}
	if (*p)
		return NUMBER_SYNTAX;
	if (negative)
		return NUMBER_NEGATIVE;
	if (n_int > MAX_DIGITS)
		return NUMBER_TOO_LONG;
	int64_t units = 0;
	for (const char *q = significant; q < significant + n_int; q++)
		units = units * 10 + (*q - '0');
	for (int i = n_dec; i < 2; i++)
		frac *= 10;
	*hundredths = units * 100 + frac + round_up;
	*decimals = n_dec;
	return n_dec > 2 ? NUMBER_DECIMALS : NUMBER_OK;
}

enum number_kind { KIND_COUNT, KIND_PERCENT, KIND_MONEY };

/* Is s a well-formed value of kind? */
static bool valid_number(const char *s, enum number_kind kind)
{
	int64_t h;
	int d;
	if (parse_number(s, &h, &d) != NUMBER_OK)
		return false;
	if (kind == KIND_COUNT)
		return d == 0;
	if (kind == KIND_PERCENT)
		return h <= 10000;
	return true;
}

/* A corrected value when the mistake is plain: spaces, £, %, a leading +,
 * thousands separators, a decimal comma. Writes "" when there is none. */
static void suggest_number(const char *v, enum number_kind kind, char *out, size_t size)
{
	size_t len = strlen(v), k = 0;
	char *s = xmalloc(len + 1);
	size_t commas = 0;
	bool dot = strchr(v, '.') != NULL;
	for (const char *p = v; *p; p++)
		commas += *p == ',';
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)v[i];
		if (c == ' ' || c == '\t' || c == '%' || (c == '+' && k == 0))
			continue;
		if (c == 0xC2 && (unsigned char)v[i + 1] == 0xA3) { /* £ */
			i++;
			continue;
		}
		if (c == ',') {
			size_t run = 0;
			while (is_digit(v[i + 1 + run]))
				run++;
			char after = v[i + 1 + run];
			if (run == 3 && (after == '\0' || after == ',' || after == '.' || after == ' '))
				continue; /* thousands */
			if (commas == 1 && !dot && (run == 1 || run == 2) && after == '\0') {
				s[k++] = '.'; /* decimal comma */
				continue;
			}
		}
		s[k++] = (char)c;
	}
	s[k] = '\0';
	if (k && k < size && strcmp(s, v) != 0 && valid_number(s, kind))
		snprintf(out, size, "%s", s);
	else
		out[0] = '\0';
	free(s);
}

/* hundredths as a decimal with `decimals` digits after the point. */
static void format_hundredths(int64_t hundredths, int decimals, char *out, size_t size)
{
	if (decimals <= 0)
		snprintf(out, size, "%lld", (long long)(hundredths / 100));
	else if (decimals == 1)
		snprintf(out, size, "%lld.%lld", (long long)(hundredths / 100),
			 (long long)(hundredths % 100 / 10));
	else
		snprintf(out, size, "%lld.%02lld", (long long)(hundredths / 100),
			 (long long)(hundredths % 100));
}

/* What is wrong with value v of attr, as a message; caller frees. h is
 * the value rounded to hundredths, eg a ", e.g. …" fix or "". */
static char *number_message(enum number_kind kind, enum number_error e, const char *attr,
			    const char *v, int64_t h, const char *eg)
{
	char rounded[32];
	format_hundredths(h, 2, rounded, sizeof rounded);
	switch (kind) {
	case KIND_COUNT:
		if (e == NUMBER_EMPTY)
			return strf("%s=\"\" is empty: a count is a whole number written with digits",
				    attr);
		if (e == NUMBER_NEGATIVE)
			return strf("%s=\"%s\" is negative: a count is a whole number ≥ 0", attr, v);
		if (e == NUMBER_TOO_LONG)
			return strf("%s=\"%s\" is too large: a count has at most %d digits", attr, v,
				    MAX_DIGITS);
		return strf("%s=\"%s\" is not a count: write whole numbers with digits only%s", attr,
			    v, eg);
	case KIND_PERCENT:
		if (e == NUMBER_EMPTY)
			return strf("%s=\"\" is empty: write a number from 0 to 100", attr);
		if (e == NUMBER_NEGATIVE)
			return strf("%s=\"%s\" is negative: a percentage is from 0 to 100", attr, v);
		if (e == NUMBER_TOO_LONG || (e == NUMBER_DECIMALS && h > 10000))
			return strf("%s=\"%s\" is more than 100", attr, v);
		if (e == NUMBER_DECIMALS)
			return strf("%s=\"%s\" has more than two decimals: round it, e.g. %s=\"%s\"",
				    attr, v, attr, rounded);
		return strf("%s=\"%s\" is not a percentage: write a number from 0 to 100 with at "
			    "most two decimals and no %% sign%s", attr, v, eg);
	case KIND_MONEY:
		if (e == NUMBER_EMPTY)
			return strf("%s=\"\" is empty: write an amount in pounds", attr);
		if (e == NUMBER_NEGATIVE)
			return strf("%s=\"%s\" is negative: money is written as pounds ≥ 0", attr, v);
		if (e == NUMBER_TOO_LONG)
			return strf("%s=\"%s\" is too large: at most %d digits before the decimal point",
				    attr, v, MAX_DIGITS);
		if (e == NUMBER_DECIMALS)
			return strf("%s=\"%s\" has more than two decimals: money is written to the "
				    "penny, e.g. %s=\"%s\"", attr, v, attr, rounded);
		return strf("%s=\"%s\" is not an amount of money: write pounds with digits only, at "
			    "most two decimals and no £ sign or commas%s", attr, v, eg);
	}
	return strf("%s=\"%s\" is not a number", attr, v);
}

/* A breakdown, a yjs group or any other element as a figure path names
 * it (lado.category, yjs.offences.type, finance.reserves); caller frees. */
static char *element_path(struct load_file *f, xmlNode *node)
{
	if (!node->parent || node->parent->type != XML_ELEMENT_NODE)
		return strf("%s", (const char *)node->name);
	char *up = element_path(f, node->parent);
	char *id = load_is(node, "breakdown") ? attr_value(f, node, "id", false) : NULL;
	char *path = strf("%s.%s", up, id ? id : (const char *)node->name);
	free(id);
	free(up);
	return path;
}

/* Which figure attr of node is, by the attribute that tells its element
 * from its siblings: "referrals for 2024-25", "percent of \"Physical\" in
 * lado.category", "base of lado.category"; caller frees. */
static char *figure_subject(struct load_file *f, xmlNode *node, const char *attr)
{
	static const struct {
		const char *key;         /* the identifying attribute */
		const char *words;       /* between attr and the key's value */
		bool quoted;             /* the value is a name, quoted */
	} keys[] = {
		{ "period", "for", false },
		{ "from", "of the contribution from", true },
		{ "item", "of the cost", true },
	};
	char buf[SHOWN_MAX * 4 + 8];
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
		char *v = attr_value(f, node, keys[i].key, false);
		if (!v)
			continue;
		char *s = strf(keys[i].quoted ? "%s %s \"%s\"" : "%s %s %s", attr, keys[i].words,
			       shown(v, buf, sizeof buf));
		free(v);
		return s;
	}
	char *label = attr_value(f, node, "label", false);
	char *title = attr_value(f, node, "title", false);
	char *s;
	if (label && node->parent && node->parent->type == XML_ELEMENT_NODE) {
		char *in = element_path(f, node->parent);
		s = strf("%s of \"%s\" in %s", attr, shown(label, buf, sizeof buf), in);
		free(in);
	} else if (title && load_is(node, "course")) {
		char *mode = attr_value(f, node, "mode", false);
		s = strf("%s of the course \"%s\"%s%s%s", attr, shown(title, buf, sizeof buf),
			 mode ? " (" : "", mode ? mode : "", mode ? ")" : "");
		free(mode);
	} else {
		char *path = element_path(f, node);
		s = strf("%s of %s", attr, path);
		free(path);
	}
	free(title);
	free(label);
	return s;
}

/* A count, percent or money attribute; rule 11 when malformed. "?" marks a
 * figure still to enter (reportc init writes them): one error says which,
 * and the value is absent, so that nothing that depends on it reports it
 * again. */
static struct decimal load_number(struct load_file *f, xmlNode *node, const char *attr,
				  enum number_kind kind)
{
	struct decimal out = { 0 };
	char *v = attr_value(f, node, attr, true);
	if (!v)
		return out;
	if (strcmp(v, "?") == 0) {
		static const char *const what[] = {
			[KIND_COUNT] = "the count",
			[KIND_PERCENT] = "the percentage",
			[KIND_MONEY] = "the amount in pounds",
		};
		char *subject = figure_subject(f, node, attr);
		diag_error(f->d, load_pos(f, node), 11, "%s still to enter: replace \"?\" with %s",
			   subject, what[kind]);
		free(subject);
		free(v);
		out.placeholder = true;
		return out;
	}
	int64_t h;
	int d;
	enum number_error e = parse_number(v, &h, &d);
	if (kind == KIND_COUNT && (e == NUMBER_DECIMALS || (e == NUMBER_OK && d > 0)))
		e = NUMBER_SYNTAX;
	if (kind == KIND_PERCENT && e == NUMBER_OK && h > 10000)
		e = NUMBER_TOO_LONG;
	if (e == NUMBER_OK) {
		out = (struct decimal){ .hundredths = h, .decimals = (int8_t)d, .present = true };
	} else {
		char buf[SHOWN_MAX * 4 + 8], fix[64], eg[96] = "";
		suggest_number(v, kind, fix, sizeof fix);
		if (fix[0])
			snprintf(eg, sizeof eg, ", e.g. %s=\"%s\"", attr, fix);
		char *msg = number_message(kind, e, attr, shown(v, buf, sizeof buf), h, eg);
		diag_error(f->d, load_pos(f, node), 11, "%s", msg);
		free(msg);
	}
	free(v);
	return out;
}

struct decimal load_count(struct load_file *f, xmlNode *node, const char *attr)
{
	return load_number(f, node, attr, KIND_COUNT);
}

struct decimal load_percent(struct load_file *f, xmlNode *node, const char *attr)
{
	return load_number(f, node, attr, KIND_PERCENT);
}

struct decimal load_money(struct load_file *f, xmlNode *node, const char *attr)
{
	return load_number(f, node, attr, KIND_MONEY);
}

/* The leading run of digits of s as a number (at most 9 digits), its
 * length in *len. */
static int leading_int(const char *s, size_t *len)
{
	int v = 0;
	size_t n = 0;
	while (is_digit(s[n]) && n < 9)
		v = v * 10 + (s[n++] - '0');
	*len = n;
	return v;
}

struct period load_period(struct load_file *f, xmlNode *node, const char *attr)
{
	struct period p = { 0 };
	char *v = attr_value(f, node, attr, true);
	if (!v)
		return p;
	if (period_parse(v, &p)) {
		free(v);
		return p;
	}
	/* A suggestion from a leading year: 2023-2024, 2023/24, 2023–24. */
	char buf[SHOWN_MAX * 4 + 8], eg[64] = "";
	size_t len;
	int first = leading_int(v, &len);
	if (len == 4 && first > 0 && first < 9999) {
		struct period guess = { first };
		char text[8];
		snprintf(eg, sizeof eg, ", e.g. %s=\"%s\"", attr, period_format(guess, text));
	}
	diag_error(f->d, load_pos(f, node), 1, "%s=\"%s\" is not a period: write YYYY-YY with the "
		   "second year one after the first%s", attr, shown(v, buf, sizeof buf), eg);
	free(v);
	return p;
}

static int days_in_month(int year, int month)
{
	static const int days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
	return month == 2 && leap ? 29 : days[month - 1];
}

struct date load_date(struct load_file *f, xmlNode *node, const char *attr)
{
	struct date out = { 0 };
	char *v = attr_value(f, node, attr, true);
	if (!v)
		return out;
	static const char *const months[12] = {
		"January", "February", "March", "April", "May", "June", "July",
		"August", "September", "October", "November", "December",
	};
	char buf[SHOWN_MAX * 4 + 8];
	const char *sv = shown(v, buf, sizeof buf);
	struct srcpos pos = load_pos(f, node);
	bool form = strlen(v) == 10 && v[4] == '-' && v[7] == '-';
	for (int i = 0; form && i < 10; i++)
		form = i == 4 || i == 7 || is_digit(v[i]);
	if (!form) {
		/* 31/03/2024 or 31.3.2024: UK day-month-year order. */
		char eg[64] = "";
		size_t l1 = 0, l2 = 0, l3 = 0;
		int d = leading_int(v, &l1), m = 0, y = 0;
		const char *p = v + l1;
		if (l1 && (*p == '/' || *p == '.')) {
			m = leading_int(++p, &l2);
			p += l2;
			if (l2 && (*p == '/' || *p == '.'))
				y = leading_int(++p, &l3);
			p += l3;
		}
		if (l1 <= 2 && l2 && l2 <= 2 && l3 == 4 && !*p && m >= 1 && m <= 12 && d >= 1 &&
		    y >= 1 && d <= days_in_month(y, m))
			snprintf(eg, sizeof eg, ", e.g. %s=\"%04d-%02d-%02d\"", attr, y, m, d);
		diag_error(f->d, pos, 1, "%s=\"%s\" is not a date: write YYYY-MM-DD%s", attr, sv, eg);
		free(v);
		return out;
	}
	size_t len;
	int year = leading_int(v, &len), month = leading_int(v + 5, &len), day = leading_int(v + 8, &len);
	if (year == 0)
		diag_error(f->d, pos, 1, "%s=\"%s\" is not a real date: there is no year 0", attr, sv);
	else if (month < 1 || month > 12)
		diag_error(f->d, pos, 1, "%s=\"%s\" is not a real date: there is no month %d", attr, sv,
			   month);
	else if (day < 1 || day > days_in_month(year, month))
		diag_error(f->d, pos, 1, "%s=\"%s\" is not a real date: %s %d has %d days", attr, sv,
			   months[month - 1], year, days_in_month(year, month));
	else
		out = (struct date){ year, month, day };
	free(v);
	return out;
}

static bool valid_id(const char *s)
{
	if (!(*s >= 'a' && *s <= 'z'))
		return false;
	for (s++; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || is_digit(*s) || *s == '-'))
			return false;
	return true;
}

const char *load_id(struct load_file *f, xmlNode *node, const char *attr)
{
	char *v = attr_value(f, node, attr, true);
	if (!v)
		return NULL;
	if (!valid_id(v)) {
		/* Lower case, spaces and underscores to hyphens, the rest dropped. */
		size_t len = strlen(v), k = 0;
		char *fix = xmalloc(len + 1);
		for (const char *p = v; *p; p++) {
			char c = *p >= 'A' && *p <= 'Z' ? (char)(*p - 'A' + 'a') : *p;
			if (c == ' ' || c == '_')
				c = '-';
			if ((c >= 'a' && c <= 'z') || is_digit(c) || c == '-')
				fix[k++] = c;
		}
		fix[k] = '\0';
		char buf[SHOWN_MAX * 4 + 8], buf2[SHOWN_MAX * 4 + 8];
		if (valid_id(fix))
			diag_error(f->d, load_pos(f, node), 1, "%s=\"%s\" is not an id: start with a "
				   "lower-case letter, then use only a-z, 0-9 and -, e.g. %s=\"%s\"", attr,
				   shown(v, buf, sizeof buf), attr, shown(fix, buf2, sizeof buf2));
		else
			diag_error(f->d, load_pos(f, node), 1, "%s=\"%s\" is not an id: start with a "
				   "lower-case letter, then use only a-z, 0-9 and -", attr,
				   shown(v, buf, sizeof buf));
		free(fix);
	}
	const char *copy = arena_strdup(f->arena, v);
	free(v);
	return copy;
}

int load_enum(struct load_file *f, xmlNode *node, const char *attr, const char *const *names,
	      size_t n, int absent)
{
	char *v = attr_value(f, node, attr, true);
	if (!v)
		return absent;
	size_t best = 0, best_dist = SIZE_MAX;
	for (size_t i = 0; i < n; i++) {
		if (strcmp(v, names[i]) == 0) {
			free(v);
			return (int)i;
		}
		size_t dist = text_edit_distance(v, names[i]);
		if (dist < best_dist)
			best = i, best_dist = dist;
	}
	struct buf b = { 0 };
	char buf[SHOWN_MAX * 4 + 8];
	bprintf(&b, "%s=\"%s\" is not allowed: write ", attr, shown(v, buf, sizeof buf));
	if (n == 1) {
		bprintf(&b, "%s=\"%s\"", attr, names[0]);
	} else {
		for (size_t i = 0; i < n; i++)
			bprintf(&b, "%s%s", i == 0 ? "" : i + 1 < n ? ", " : " or ", names[i]);
		if (best_dist <= 2 && best_dist < strlen(v))
			bprintf(&b, "; did you mean %s=\"%s\"?", attr, names[best]);
	}
	diag_error(f->d, load_pos(f, node), 1, "%s", b.s);
	free(b.s);
	free(v);
	return -1;
}

bool load_flag(struct load_file *f, xmlNode *node, const char *attr, const char *yes,
	       const char *no, bool dflt)
{
	const char *const names[2] = { no, yes };
	int i = load_enum(f, node, attr, names, 2, dflt);
	return i < 0 ? dflt : i == 1;
}

void load_head(struct load_file *f, xmlNode *root, struct file_head *head)
{
	head->pos = load_pos(f, root);
	head->loaded = true;
	head->period_pos = head->pos;
	char *version = attr_value(f, root, "version", true);
	if (version && strcmp(version, "1") != 0) {
		char buf[SHOWN_MAX * 4 + 8];
		diag_error(f->d, head->pos, 1, "version=\"%s\" is not supported: this reportc reads "
			   "version=\"1\"", shown(version, buf, sizeof buf));
	}
	free(version);
	head->period = load_period(f, root, "period");
}

/* ---- the driver --------------------------------------------------------- */

/* Is the root the one this file must have? Reported when not. */
static bool root_ok(struct load_file *f, xmlNode *root)
{
	const char *want = root_name(f->file);
	if (load_is(root, want))
		return true;
	if (root->ns && strcmp((const char *)root->name, want) == 0)
		diag_error(f->d, load_pos(f, root), 1, "<%s> must not have a namespace; remove xmlns",
			   want);
	else
		diag_error(f->d, load_pos(f, root), 1, "wrong root element <%s>: %s holds <%s "
			   "version=\"1\" period=\"…\">", (const char *)root->name, f->name, want);
	return false;
}

static void build(struct load_file *f, xmlNode *root)
{
	switch (f->file) {
	case FILE_REPORT: load_report(f, root); break;
	case FILE_FINANCE: load_finance(f, root); break;
	case FILE_LADO: load_lado(f, root); break;
	case FILE_YJS: load_yjs(f, root); break;
	case FILE_TRAINING: load_training(f, root); break;
	case FILE_SCRUTINY: load_scrutiny(f, root); break;
	case FILE_COUNT: break;
	}
}

static void load_one(struct load_run *run, enum data_file file)
{
	struct load_file f = {
		.file = file,
		.name = model_file_name(file),
		.m = run->m,
		.arena = run->m->arena,
		.d = run->d,
		.run = run,
	};
	if (load_parse_file(&f, run->dir_fd)) {
		xmlNode *root = xmlDocGetRootElement(f.doc);
		if (root_ok(&f, root) && validate(&f)) {
			build(&f, root);
			flush_pending(&f);
		}
	}
	free_pending(&f);
	load_release_file(&f);
}

bool load_parse_file(struct load_file *f, int dir_fd)
{
	if (!read_bytes(f, dir_fd))
		return false;
	/* The name goes in too, so that moving bytes between files shows. */
	text_fingerprint_update(f->m->fingerprint, f->name, strlen(f->name) + 1);
	text_fingerprint_update(f->m->fingerprint, f->bytes, f->size);
	if (is_empty(f) || !prescan(f) || !parse(f))
		return false;
	assign_positions(f);
	return true;
}

void load_release_file(struct load_file *f)
{
	xmlFreeDoc(f->doc);
	free(f->tags);
	free(f->bytes);
	f->doc = NULL;
	f->tags = NULL;
	f->bytes = NULL;
}

struct model *load_folder(const char *dir, struct diags *d, char *err, size_t err_size)
{
	int dir_fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dir_fd < 0) {
		snprintf(err, err_size, "cannot read the folder %s: %s", dir, strerror(errno));
		return NULL;
	}
	struct load_run run = { .m = model_new(dir), .d = d, .dir_fd = dir_fd };
	text_fingerprint_init(run.m->fingerprint);

	xmlExternalEntityLoader saved = xmlGetExternalEntityLoader();
	xmlSetExternalEntityLoader(serve_schema);
	for (int file = 0; file < FILE_COUNT && !run.internal_error; file++)
		load_one(&run, (enum data_file)file);
	xmlSetExternalEntityLoader(saved);

	for (int file = 0; file < FILE_COUNT; file++)
		xmlSchemaFree(run.schemas[file]);
	close(dir_fd);
	if (run.internal_error) {
		snprintf(err, err_size, "internal error: %s", run.internal_error);
		free(run.internal_error);
		model_free(run.m);
		return NULL;
	}
	model_index(run.m);
	return run.m;
}
