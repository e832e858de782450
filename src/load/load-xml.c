/* load-xml.c - reading one file securely: its bytes, a pre-scan, parsing,
 * element positions, XSD validation against the built-in schemas, and
 * schema errors put in plain words.
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
#include "vocab.h"

#include <assert.h>
#include <errno.h>
#include <fcntl.h>
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

#include "folder.h"

#include "schemas.h"
#include "text.h"

/* libxml2 2.12 made the structured error handler's error const. */
#if LIBXML_VERSION >= 21200
#define ERROR_CONST const
#else
#define ERROR_CONST
#endif

enum {
	MAX_ATTRIBUTES = 256, /* per element: libxml2 2.9 checks repeats in quadratic time */
	BYTES_PER_MB = 1024 * 1024,
};

/* A list of names, grown as needed. */
struct names {
	char **names;
	size_t n, cap;
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
	[FILE_REVIEWS] = "the register of case reviews: milestones, links, themes and actions",
};

/* ---- small helpers ------------------------------------------------------ */

const char *load_root_name(enum data_file file)
{
	static const char *const names[FILE_COUNT + 1] = {
		VOCAB_EL_REPORT, VOCAB_EL_FINANCE, VOCAB_EL_LADO, VOCAB_EL_YJS,
		VOCAB_EL_TRAINING, VOCAB_EL_SCRUTINY, VOCAB_EL_REVIEWS, "style",
	};
	return names[file];
}

static bool prefixed(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

static void names_add(struct names *list, const char *name, size_t len)
{
	xgrow(&list->names, &list->cap, list->n, sizeof *list->names);
	list->names[list->n++] = load_strf("%.*s", (int)len, name);
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

int load_open_file(struct load_file *f, const struct folder *folder)
{
	struct srcpos top = { f->name, 1, 1 };
	struct stat st;
	enum folder_error why;
	int fd = folder_open_file(folder, f->name, &st, &why);
	if (fd >= 0)
		return fd;
	switch (why) {
	case FOLDER_OUTSIDE:
		diag_error(f->d, top, 1, "%s leads out of the report folder through a symbolic "
					 "link; copy the file itself into the folder",
			   f->name);
		break;
	case FOLDER_NOT_REGULAR:
		diag_error(f->d, top, 1, "%s is not a regular file; it must be an XML file", f->name);
		break;
	case FOLDER_OK:
	case FOLDER_SYSTEM:
		/* FORMAT.md revision 2: only report.xml must exist. An absent data
		 * file leaves its part of the model unloaded; each use of it is
		 * reported at the use (check-refs.c, rule 9), scrutiny.xml's
		 * absence by the draft and the final's sign-off. */
		if (errno == ENOENT && f->file != FILE_REPORT) {
			f->absent = true;
			break;
		}
		if (errno == ENOENT)
			diag_error(f->d, top, 1, "missing: every report folder needs %s (%s)", f->name,
				   holds[f->file]);
		else
			diag_error(f->d, top, 1, "cannot open %s: %s", f->name, strerror(errno));
		break;
	}
	return -1;
}

/* Reads the open file fd into f->bytes and closes it; false when it could
 * not (reported). Never reads more than one byte past LOAD_MAX_FILE_BYTES. */
static bool read_bytes(struct load_file *f, int fd)
{
	struct srcpos top = { f->name, 1, 1 };
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
		if (!load_is_space((unsigned char)f->bytes[i]))
			return false;
	diag_error(f->d, (struct srcpos){ f->name, 1, 1 }, 1,
		   "file is empty: it should hold the <%s> element", load_root_name(f->file));
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
				} else if (!load_is_space((int)cp)) {
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
		return load_strf("end tag </%s> does not match the start tag <%s> of line %d", s2, s1,
			    err->int1);
	case XML_ERR_TAG_NOT_FINISHED:
		return load_strf("the file ends before <%s> (line %d) is closed", s1, err->int1);
	case XML_ERR_UNDECLARED_ENTITY:
		return load_strf("unknown entity &%s;: XML knows only &amp; &lt; &gt; &quot; &apos; "
			    "(write other characters as themselves)", s1);
	case XML_ERR_ATTRIBUTE_REDEFINED:
		return load_strf("attribute %s is given twice", s1);
	case XML_ERR_DOCUMENT_END:
		return load_strf("content after the end of the root element; a file holds one root element");
	case XML_ERR_DOCUMENT_EMPTY:
		return load_strf("the file holds no element");
	case XML_ERR_LT_IN_ATTRIBUTE:
		return load_strf("a < in an attribute value must be written &lt;");
	case XML_ERR_ATTRIBUTE_WITHOUT_VALUE:
		return load_strf("attribute %s has no value; write %s=\"…\"", s1, s1);
	case XML_ERR_ATTRIBUTE_NOT_STARTED:
		return load_strf("an attribute value must be in quotes");
	case XML_ERR_GT_REQUIRED:
		return load_strf("the start tag <%s> is not closed with > or />", s1);
	default:
		break;
	}
	/* "& " gives "no name"; "A&E" reads as an entity E without its ";". */
	if (prefixed(msg, "xmlParseEntityRef: no name") ||
	    err->code == XML_ERR_ENTITYREF_SEMICOL_MISSING)
		return load_strf("a & must be written &amp;");
	if (prefixed(msg, "StartTag: invalid element name"))
		return load_strf("a < that does not start a tag must be written &lt;");
	size_t len = strlen(msg);
	while (len && (msg[len - 1] == '\n' || msg[len - 1] == ' '))
		len--;
	return load_strf("%.*s", (int)len, msg);
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
xmlParserInput *load_serve_schema(const char *url, const char *id, xmlParserCtxt *ctxt)
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
	run->schema_message = load_strf("%.*s", (int)len, msg);
}

/* The compiled schema of a file, compiled on first use; NULL when the
 * built-in schema is broken (run->internal_error says why). */
static xmlSchema *schema_for(struct load_run *run, enum data_file file)
{
	if (run->schemas[file] || run->internal_error)
		return run->schemas[file];
	char name[32];
	snprintf(name, sizeof name, "%s.xsd", load_root_name(file));
	const struct schema_source *src = find_schema(name);
	if (!src) {
		run->internal_error = load_strf("the schema %s is not built in", name);
		return NULL;
	}
	xmlSchemaParserCtxt *pc = xmlSchemaNewMemParserCtxt((const char *)src->data, (int)src->size);
	if (!pc) {
		run->internal_error = load_strf("cannot read the built-in schema %s", name);
		return NULL;
	}
	xmlSchemaSetParserStructuredErrors(pc, on_schema_error, run);
	run->schemas[file] = xmlSchemaParse(pc);
	xmlSchemaFreeParserCtxt(pc);
	if (!run->schemas[file]) {
		const char *why = run->schema_message;
		run->internal_error = load_strf("the built-in schema %s does not compile%s%s", name,
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
	snprintf(own, sizeof own, "%s.xsd", load_root_name(f->file));
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
	*out = load_strf("%.*s", (int)(end - start), start);
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
static void list_names(struct load_buf *b, const struct names *list)
{
	if (list->n == 1) {
		load_bprintf(b, "<%s>", list->names[0]);
		return;
	}
	load_bprintf(b, "one of ");
	for (size_t i = 0; i < list->n; i++)
		load_bprintf(b, "%s<%s>", i ? ", " : "", list->names[i]);
}

/* "This element is not expected": unknown, misspelt or misplaced. */
static void not_expected(struct load_buf *b, struct load_file *f, const char *elem,
			 const struct names *expected)
{
	if (is_known_element(f, elem)) {
		load_bprintf(b, "<%s> is not allowed here", elem);
	} else {
		load_bprintf(b, "unknown element <%s> here", elem);
		/* A near miss among the expected names is most likely meant. */
		size_t best = 0, best_dist = SIZE_MAX;
		for (size_t i = 0; i < expected->n; i++) {
			size_t dist = text_edit_distance(elem, expected->names[i]);
			if (dist < best_dist)
				best = i, best_dist = dist;
		}
		if (best_dist <= 2 && best_dist < strlen(elem)) {
			load_bprintf(b, "; did you mean <%s>?", expected->names[best]);
			return;
		}
	}
	if (expected->n) {
		load_bprintf(b, "; expected ");
		list_names(b, expected);
	}
}

/* An attribute value the loader does not check itself (lang, href …). */
static void bad_value(struct load_buf *b, const char *elem, const char *attr, const char *rest,
		      const char *value)
{
	char buf[LOAD_SHOWN_MAX * 4 + 8];
	const char *v = load_shown(value ? value : "", buf, sizeof buf);
	const char *set = strstr(rest, "is not an element of the set {");
	const char *atomic = strstr(rest, "atomic type '");
	char *type = NULL;
	if (strstr(rest, "fixed value constraint")) {
		load_bprintf(b, "%s=\"%s\" on <%s> is not the fixed value", attr, v, elem);
	} else if (set) {
		load_bprintf(b, "%s=\"%s\" on <%s> is not one of ", attr, v, elem);
		for (const char *p = set + strlen("is not an element of the set {"); *p && *p != '}'; p++)
			if (*p != '\'')
				load_bprintf(b, "%c", *p);
	} else if (strstr(rest, "[facet 'pattern']")) {
		load_bprintf(b, "%s=\"%s\" on <%s> is not of the allowed form", attr, v, elem);
	} else if (atomic && quoted(atomic, "atomic type '", &type)) {
		/* The built-in types our schemas use, in words. */
		const char *what = strcmp(type, "xs:language") == 0 ? "a language tag such as en-GB"
				   : strcmp(type, "xs:anyURI") == 0  ? "a web address"
								     : type;
		load_bprintf(b, "%s=\"%s\" on <%s> is not %s", attr, v, elem, what);
	} else {
		load_bprintf(b, "<%s> %s: %s", elem, attr, rest);
	}
	free(type);
}

/* libxml2's schema message (without "Element 'E'[, attribute 'A']: ") in
 * plain words; caller frees. */
static char *schema_message(struct load_file *f, const char *elem, const char *attr,
			    const char *rest, const char *value)
{
	struct load_buf b = { 0 };
	struct names expected = { 0 };
	expected_names(rest, &expected);
	char *name = NULL;
	if (prefixed(rest, "This element is not expected.")) {
		not_expected(&b, f, elem, &expected);
	} else if (prefixed(rest, "Missing child element(s).")) {
		load_bprintf(&b, "<%s> is missing ", elem);
		if (expected.n)
			list_names(&b, &expected);
		else
			load_bprintf(&b, "a child element");
	} else if (quoted(rest, "The attribute '", &name) && strstr(rest, "is required but missing")) {
		load_bprintf(&b, "<%s> is missing the attribute %s=\"…\"", elem, name);
	} else if (name && strstr(rest, "is not allowed")) {
		load_bprintf(&b, "unknown attribute %s on <%s>", name, elem);
	} else if (prefixed(rest, "Character content other than whitespace is not allowed")) {
		load_bprintf(&b, "text is not allowed directly inside <%s>", elem);
	} else if (strstr(rest, "is not allowed, because the content type is empty")) {
		load_bprintf(&b, "<%s> must be empty: write <%s …/>", elem, elem);
	} else if (strstr(rest, "content type is a simple type definition")) {
		load_bprintf(&b, "<%s> holds text only, not elements", elem);
	} else if (attr) {
		bad_value(&b, elem, attr, rest, value);
	} else {
		load_bprintf(&b, "<%s>: %s", elem, rest);
	}
	free(name);
	names_free(&expected);
	return b.s ? b.s : xstrdup("");
}

/* Structural schema errors are reported at once; errors about attribute
 * values wait for the model (see load_flush_pending). */
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
	char *trimmed = load_strf("%.*s", (int)len, rest);

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
bool load_validate(struct load_file *f)
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
void load_flush_pending(struct load_file *f)
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

void load_free_pending(struct load_file *f)
{
	for (size_t i = 0; i < f->n_pending; i++) {
		free(f->pending[i].attr);
		free(f->pending[i].message);
	}
	free(f->pending);
}

/* ---- one file ---------------------------------------------------------- */

bool load_parse_file(struct load_file *f, int fd)
{
	if (!read_bytes(f, fd))
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
