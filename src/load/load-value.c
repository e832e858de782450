/* load-value.c - the tree read as the model wants it: elements, their
 * positions and text, attributes as typed values (counts, percentages,
 * money, periods, dates, ids, enumerations, flags) with rule 1 and 11
 * messages for a malformed one, and the words those messages use. */
#define _POSIX_C_SOURCE 200809L

#include "load-private.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "vocab.h"

enum {
	MAX_DIGITS = 15,      /* of a count or of whole pounds: exact in int64 hundredths */
};

/* ---- words for messages ------------------------------------------------- */

char *load_strf(const char *fmt, ...)
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

const char *load_shown(const char *v, char *buf, size_t size)
{
	size_t n = 0, i = 0;
	for (; v[i]; i++) {
		if (((unsigned char)v[i] & 0xC0) != 0x80 && ++n > LOAD_SHOWN_MAX)
			break;
	}
	if (!v[i] && i < size)
		return v;
	snprintf(buf, size, "%.*s…", (int)(i < size - 4 ? i : size - 4), v);
	return buf;
}

bool load_is_space(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

void load_bprintf(struct load_buf *b, const char *fmt, ...)
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

static bool is_digit(int c)
{
	return c >= '0' && c <= '9';
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
		if (load_is_space((unsigned char)*s)) {
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
			return load_strf("%s=\"\" is empty: a count is a whole number written with digits",
				    attr);
		if (e == NUMBER_NEGATIVE)
			return load_strf("%s=\"%s\" is negative: a count is a whole number ≥ 0", attr, v);
		if (e == NUMBER_TOO_LONG)
			return load_strf("%s=\"%s\" is too large: a count has at most %d digits", attr, v,
				    MAX_DIGITS);
		return load_strf("%s=\"%s\" is not a count: write whole numbers with digits only%s", attr,
			    v, eg);
	case KIND_PERCENT:
		if (e == NUMBER_EMPTY)
			return load_strf("%s=\"\" is empty: write a number from 0 to 100", attr);
		if (e == NUMBER_NEGATIVE)
			return load_strf("%s=\"%s\" is negative: a percentage is from 0 to 100", attr, v);
		if (e == NUMBER_TOO_LONG || (e == NUMBER_DECIMALS && h > 10000))
			return load_strf("%s=\"%s\" is more than 100", attr, v);
		if (e == NUMBER_DECIMALS)
			return load_strf("%s=\"%s\" has more than two decimals: round it, e.g. %s=\"%s\"",
				    attr, v, attr, rounded);
		return load_strf("%s=\"%s\" is not a percentage: write a number from 0 to 100 with at "
			    "most two decimals and no %% sign%s", attr, v, eg);
	case KIND_MONEY:
		if (e == NUMBER_EMPTY)
			return load_strf("%s=\"\" is empty: write an amount in pounds", attr);
		if (e == NUMBER_NEGATIVE)
			return load_strf("%s=\"%s\" is negative: money is written as pounds ≥ 0", attr, v);
		if (e == NUMBER_TOO_LONG)
			return load_strf("%s=\"%s\" is too large: at most %d digits before the decimal point",
				    attr, v, MAX_DIGITS);
		if (e == NUMBER_DECIMALS)
			return load_strf("%s=\"%s\" has more than two decimals: money is written to the "
				    "penny, e.g. %s=\"%s\"", attr, v, attr, rounded);
		return load_strf("%s=\"%s\" is not an amount of money: write pounds with digits only, at "
			    "most two decimals and no £ sign or commas%s", attr, v, eg);
	}
	return load_strf("%s=\"%s\" is not a number", attr, v);
}

/* A breakdown, a yjs group or any other element as a figure path names
 * it (lado.category, yjs.offences.type, finance.reserves); caller frees. */
static char *element_path(struct load_file *f, xmlNode *node)
{
	if (!node->parent || node->parent->type != XML_ELEMENT_NODE)
		return load_strf("%s", (const char *)node->name);
	char *up = element_path(f, node->parent);
	bool breakdown = load_is(node, VOCAB_EL_BREAKDOWN);
	char *id = breakdown ? attr_value(f, node, VOCAB_AT_ID, false) : NULL;
	char *path = load_strf("%s.%s", up, id ? id : (const char *)node->name);
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
		{ VOCAB_AT_PERIOD, "for", false },
		{ VOCAB_AT_FROM, "of the contribution from", true },
		{ VOCAB_AT_ITEM, "of the cost", true },
	};
	char buf[LOAD_SHOWN_MAX * 4 + 8];
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
		char *v = attr_value(f, node, keys[i].key, false);
		if (!v)
			continue;
		char *s = load_strf(keys[i].quoted ? "%s %s \"%s\"" : "%s %s %s", attr, keys[i].words,
			       load_shown(v, buf, sizeof buf));
		free(v);
		return s;
	}
	char *label = attr_value(f, node, VOCAB_AT_LABEL, false);
	char *title = attr_value(f, node, VOCAB_AT_TITLE, false);
	char *s;
	if (label && node->parent && node->parent->type == XML_ELEMENT_NODE) {
		char *in = element_path(f, node->parent);
		s = load_strf("%s of \"%s\" in %s", attr, load_shown(label, buf, sizeof buf), in);
		free(in);
	} else if (title && load_is(node, VOCAB_EL_COURSE)) {
		char *mode = attr_value(f, node, VOCAB_AT_MODE, false);
		s = load_strf("%s of the course \"%s\"%s%s%s", attr, load_shown(title, buf, sizeof buf),
			 mode ? " (" : "", mode ? mode : "", mode ? ")" : "");
		free(mode);
	} else {
		char *path = element_path(f, node);
		s = load_strf("%s of %s", attr, path);
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
	if (strcmp(v, VOCAB_FIGURE_TO_ENTER) == 0) {
		static const char *const what[] = {
			[KIND_COUNT] = "the count",
			[KIND_PERCENT] = "the percentage",
			[KIND_MONEY] = "the amount in pounds",
		};
		char *subject = figure_subject(f, node, attr);
		diag_incomplete(f->d, load_pos(f, node), 11,
				"%s still to enter: replace \"" VOCAB_FIGURE_TO_ENTER "\" with %s",
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
		char buf[LOAD_SHOWN_MAX * 4 + 8], fix[64], eg[96] = "";
		suggest_number(v, kind, fix, sizeof fix);
		if (fix[0])
			snprintf(eg, sizeof eg, ", e.g. %s=\"%s\"", attr, fix);
		char *msg = number_message(kind, e, attr, load_shown(v, buf, sizeof buf), h, eg);
		diag_error(f->d, load_pos(f, node), 11, "%s", msg);
		free(msg);
		out.malformed = true;
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
	char buf[LOAD_SHOWN_MAX * 4 + 8], eg[64] = "";
	size_t len;
	int first = leading_int(v, &len);
	if (len == 4 && first > 0 && first < 9999) {
		struct period guess = { first };
		char text[8];
		snprintf(eg, sizeof eg, ", e.g. %s=\"%s\"", attr, period_format(guess, text));
	}
	diag_error(f->d, load_pos(f, node), 1, "%s=\"%s\" is not a period: write YYYY-YY with the "
		   "second year one after the first%s", attr, load_shown(v, buf, sizeof buf), eg);
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
	char buf[LOAD_SHOWN_MAX * 4 + 8];
	const char *sv = load_shown(v, buf, sizeof buf);
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
		char buf[LOAD_SHOWN_MAX * 4 + 8], buf2[LOAD_SHOWN_MAX * 4 + 8];
		if (valid_id(fix))
			diag_error(f->d, load_pos(f, node), 1, "%s=\"%s\" is not an id: start with a "
				   "lower-case letter, then use only a-z, 0-9 and -, e.g. %s=\"%s\"", attr,
				   load_shown(v, buf, sizeof buf), attr, load_shown(fix, buf2, sizeof buf2));
		else
			diag_error(f->d, load_pos(f, node), 1, "%s=\"%s\" is not an id: start with a "
				   "lower-case letter, then use only a-z, 0-9 and -", attr,
				   load_shown(v, buf, sizeof buf));
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
	struct load_buf b = { 0 };
	char buf[LOAD_SHOWN_MAX * 4 + 8];
	load_bprintf(&b, "%s=\"%s\" is not allowed: write ", attr, load_shown(v, buf, sizeof buf));
	if (n == 1) {
		load_bprintf(&b, "%s=\"%s\"", attr, names[0]);
	} else {
		for (size_t i = 0; i < n; i++)
			load_bprintf(&b, "%s%s", i == 0 ? "" : i + 1 < n ? ", " : " or ", names[i]);
		if (best_dist <= 2 && best_dist < strlen(v))
			load_bprintf(&b, "; did you mean %s=\"%s\"?", attr, names[best]);
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
	char *version = attr_value(f, root, VOCAB_AT_VERSION, true);
	if (version && strcmp(version, VOCAB_FORMAT_VERSION) != 0) {
		char buf[LOAD_SHOWN_MAX * 4 + 8];
		diag_error(f->d, head->pos, 1, "version=\"%s\" is not supported: this reportc reads "
			   "version=\"" VOCAB_FORMAT_VERSION "\"", load_shown(version, buf, sizeof buf));
	}
	free(version);
	head->period = load_period(f, root, VOCAB_AT_PERIOD);
}
