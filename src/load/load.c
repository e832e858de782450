/* load.c - the loader's driver: each file of a report folder read
 * (load-xml.c), its root element checked, validated and copied into the
 * model (load-report.c, load-data.c, load-reviews.c), one run of compiled schemas for the
 * folder. */
#define _POSIX_C_SOURCE 200809L

#include "load-private.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/xmlschemas.h>

#include "folder.h"
#include "text.h"

/* Is the root the one this file must have? Reported when not. */
static bool root_ok(struct load_file *f, xmlNode *root)
{
	const char *want = load_root_name(f->file);
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
	case FILE_REVIEWS: load_reviews(f, root); break;
	case FILE_COUNT: break;
	}
}

/* The model's head of file, to record that the folder has no such file:
 * model_head()'s, which the loader may write. */
static struct file_head *head_of(struct model *m, enum data_file file)
{
	return (struct file_head *)model_head(m, file);
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
	int fd = load_open_file(&f, run->folder);
	if (fd >= 0 && load_parse_file(&f, fd)) {
		xmlNode *root = xmlDocGetRootElement(f.doc);
		if (root_ok(&f, root) && load_validate(&f)) {
			build(&f, root);
			load_flush_pending(&f);
		}
	} else if (f.absent) {
		head_of(run->m, file)->absent = true;
	}
	load_free_pending(&f);
	load_release_file(&f);
}

struct model *load_folder(const char *dir, struct diags *d, char *err, size_t err_size)
{
	struct folder *folder = folder_new(dir);
	if (!folder) {
		snprintf(err, err_size, "cannot read the folder %s: %s", dir, strerror(errno));
		return NULL;
	}
	struct load_run run = { .m = model_new(dir), .d = d, .folder = folder };
	text_fingerprint_init(run.m->fingerprint);

	xmlExternalEntityLoader saved = xmlGetExternalEntityLoader();
	xmlSetExternalEntityLoader(load_serve_schema);
	for (int file = 0; file < FILE_COUNT && !run.internal_error; file++)
		load_one(&run, (enum data_file)file);
	xmlSetExternalEntityLoader(saved);

	for (int file = 0; file < FILE_COUNT; file++)
		xmlSchemaFree(run.schemas[file]);
	folder_free(folder);
	if (run.internal_error) {
		snprintf(err, err_size, "internal error: %s", run.internal_error);
		free(run.internal_error);
		model_free(run.m);
		return NULL;
	}
	model_index(run.m);
	return run.m;
}
