/* load-style.c - reading styles/NAME.xml into a struct style.
 *
 * The file is parsed as securely as the data files (load_parse_file); each
 * attribute of each leaf element then goes through style_set(), whose
 * messages are better than the schema's, so the style schema serves
 * editors only. A style problem stops the build (exit 2), so the first one
 * is enough. */
#define _POSIX_C_SOURCE 200809L

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "load-private.h"
#include "style.h"

static bool valid_name(const char *name)
{
	if (!*name)
		return false;
	for (const char *p = name; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		      (*p >= '0' && *p <= '9') || *p == '-' || *p == '_'))
			return false;
	return true;
}

/* "sefton, plain": the styles a folder holds, for a message. */
static void list_styles(int dir_fd, char *out, size_t size)
{
	out[0] = '\0';
	int fd = dup(dir_fd);
	DIR *dir = fd >= 0 ? fdopendir(fd) : NULL;
	if (!dir) {
		if (fd >= 0)
			close(fd);
		return;
	}
	/* Sorted by a simple insertion into out, so the message is stable. */
	char names[32][64];
	size_t n = 0;
	struct dirent *e;
	while ((e = readdir(dir)) && n < 32) {
		size_t len = strlen(e->d_name);
		if (len < 5 || len >= 64 || strcmp(e->d_name + len - 4, ".xml") != 0)
			continue;
		size_t i = n++;
		while (i > 0 && strcmp(names[i - 1], e->d_name) > 0) {
			memcpy(names[i], names[i - 1], sizeof names[i]);
			i--;
		}
		snprintf(names[i], sizeof names[i], "%.*s", (int)(len - 4), e->d_name);
	}
	closedir(dir);
	size_t used = 0;
	for (size_t i = 0; i < n && used < size; i++)
		used += (size_t)snprintf(out + used, size - used, "%s%s", i ? ", " : "", names[i]);
}

/* Applies every attribute of one element; false with err set. */
static bool apply(struct load_file *f, xmlNode *node, const char *element, struct style *s,
		  const char *shown_name, char *err, size_t err_size)
{
	for (xmlAttr *a = node->properties; a; a = a->next) {
		const char *attr = (const char *)a->name;
		const char *value = load_string(f, node, attr);
		char why[512];
		if (!style_set(s, element, attr, value ? value : "", why, sizeof why)) {
			struct srcpos pos = load_pos(f, node);
			snprintf(err, err_size, "%s:%u:%u: %s", shown_name, (unsigned)pos.line,
				 (unsigned)pos.col, why);
			return false;
		}
	}
	return true;
}

static bool apply_tree(struct load_file *f, xmlNode *root, struct style *s,
		       const char *shown_name, char *err, size_t err_size)
{
	struct srcpos pos = load_pos(f, root);
	if (!load_is(root, "style")) {
		snprintf(err, err_size, "%s:%u:%u: the root element is <%s>; a style file holds "
			 "<style version=\"1\" name=\"…\">", shown_name, (unsigned)pos.line,
			 (unsigned)pos.col, (const char *)root->name);
		return false;
	}
	if (!apply(f, root, "style", s, shown_name, err, err_size))
		return false;
	for (xmlNode *node = root->children; node; node = node->next) {
		if (node->type == XML_TEXT_NODE) {
			for (const xmlChar *c = node->content; c && *c; c++)
				if (*c != ' ' && *c != '\t' && *c != '\n' && *c != '\r') {
					snprintf(err, err_size, "%s:%u: text inside <style>; settings are "
						 "attributes of its elements", shown_name,
						 (unsigned)node->line);
					return false;
				}
			continue;
		}
		if (node->type != XML_ELEMENT_NODE)
			continue;
		pos = load_pos(f, node);
		const char *element = (const char *)node->name;
		/* style_set() cannot see repeats: a second <h1> would silently win. */
		for (xmlNode *prev = root->children; prev != node; prev = prev->next) {
			if (prev->type == XML_ELEMENT_NODE && load_is(prev, element)) {
				struct srcpos first = load_pos(f, prev);
				snprintf(err, err_size, "%s:%u:%u: <%s> appears twice (first at line "
					 "%u); give each setting once", shown_name, (unsigned)pos.line,
					 (unsigned)pos.col, element, (unsigned)first.line);
				return false;
			}
		}
		if (load_first(node, NULL)) {
			snprintf(err, err_size, "%s:%u:%u: <%s> holds elements; style settings are "
				 "attributes of empty elements", shown_name, (unsigned)pos.line,
				 (unsigned)pos.col, element);
			return false;
		}
		if (!apply(f, node, element, s, shown_name, err, err_size))
			return false;
	}
	return true;
}

bool load_style_known(const char *styles_dir, const char *name, char *known, size_t known_size)
{
	known[0] = '\0';
	int dir_fd = open(styles_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dir_fd < 0)
		return true; /* load_style() says why it cannot be read */
	char file_name[128];
	snprintf(file_name, sizeof file_name, "%s.xml", name);
	struct stat st;
	bool found = valid_name(name) && fstatat(dir_fd, file_name, &st, 0) == 0;
	if (!found)
		list_styles(dir_fd, known, known_size);
	close(dir_fd);
	return found;
}

bool load_style(struct model *m, const char *styles_dir, const char *name,
		struct style *style, char *err, size_t err_size)
{
	style_defaults(style);
	if (!valid_name(name)) {
		snprintf(err, err_size, "style \"%s\" is not a style name: use letters, digits, "
			 "'-' and '_' (a file styles/NAME.xml)", name);
		return false;
	}
	int dir_fd = open(styles_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dir_fd < 0) {
		snprintf(err, err_size, "cannot read the styles folder %s: %s", styles_dir,
			 strerror(errno));
		return false;
	}
	char file_name[128], shown_name[160];
	snprintf(file_name, sizeof file_name, "%s.xml", name);
	snprintf(shown_name, sizeof shown_name, "styles/%s", file_name);
	struct stat st;
	if (fstatat(dir_fd, file_name, &st, 0) != 0) {
		char known[512];
		list_styles(dir_fd, known, sizeof known);
		snprintf(err, err_size, "there is no style \"%s\" (no %s/%s); the styles are: %s",
			 name, styles_dir, file_name, *known ? known : "none");
		close(dir_fd);
		return false;
	}

	struct diags d;
	diags_init(&d);
	struct load_file f = {
		.file = FILE_COUNT,
		.name = file_name,
		.m = m,
		.arena = m->arena,
		.d = &d,
	};
	/* O_NONBLOCK: opening a FIFO must not wait for a writer. */
	int fd = openat(dir_fd, file_name, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	if (fd < 0)
		diag_error(&d, (struct srcpos){ file_name, 1, 1 }, 1, "cannot open %s: %s", file_name,
			   strerror(errno));
	bool ok = fd >= 0 && load_parse_file(&f, fd);
	if (!ok) {
		diags_sort(&d);
		const struct diag *first = d.n ? &d.items[0] : NULL;
		if (first)
			snprintf(err, err_size, "%s:%u:%u: %s", shown_name, (unsigned)first->pos.line,
				 (unsigned)first->pos.col, first->message);
		else
			snprintf(err, err_size, "%s: cannot be read", shown_name);
	} else {
		ok = apply_tree(&f, xmlDocGetRootElement(f.doc), style, shown_name, err, err_size);
	}
	load_release_file(&f);
	diags_free(&d);
	close(dir_fd);
	if (ok) {
		char why[512];
		if (!style_check(style, why, sizeof why)) {
			snprintf(err, err_size, "%s: %s", shown_name, why);
			ok = false;
		}
	}
	return ok;
}
