/* main.c - the reportc command line: check and build. */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "check.h"
#include "config.h"
#include "diag.h"
#include "dl.h"
#include "font.h"
#include "image.h"
#include "init.h"
#include "layout.h"
#include "load.h"
#include "model.h"
#include "model-diff.h"
#include "notes.h"
#include "output.h"
#include "pdf-annots.h"
#include "render-html.h"
#include "render-pdf.h"
#include "style.h"
#include "vocab.h"
#include "watch.h"

static const char usage[] =
	"usage: reportc check DIR [--style NAME]\n"
	"       reportc build DIR -o FILE.pdf|FILE.html|- [--html] [--draft [--since OLD-DIR]]\n"
	"                    [--style NAME] [--watch] [--force] [--dump-dl]\n"
	"       reportc init NEW-DIR --from OLD-DIR\n"
	"       reportc notes DIR DRAFT.pdf [--format=xml]\n"
	"       reportc --help | --version\n"
	"\n"
	"Checks and typesets the yearly report of a Safeguarding Children\n"
	"Partnership from the XML files of one year's folder (report.xml,\n"
	"finance.xml, lado.xml, yjs.xml, training.xml, scrutiny.xml).\n"
	"\n"
	"commands:\n"
	"  check DIR        check the folder, and every character against the fonts\n"
	"                   of the style build would use; print every finding as\n"
	"                   FILE:LINE:COL: error|warning: MESSAGE\n"
	"  build DIR        check, then typeset the report as a PDF; without --draft\n"
	"                   the build is final and needs the scrutineer's sign-off\n"
	"  init NEW-DIR     start next year's folder from the folder given with\n"
	"                   --from, which must check clean: the period moves on a\n"
	"                   year, each figure to enter is written \"?\" and each text\n"
	"                   to write is marked [To write: ...]; reportc check\n"
	"                   NEW-DIR then lists them. NEW-DIR must be new or empty.\n"
	"  notes DIR DRAFT.pdf\n"
	"                   list the notes a reviewer added to a draft of DIR in a\n"
	"                   PDF viewer (sticky notes, highlights, free text, ...)\n"
	"                   at the element each sits on, as FILE:LINE:COL: note from\n"
	"                   AUTHOR (DATE) in \"SECTION\": TEXT, sorted; the folder is\n"
	"                   laid out again as the draft was. Writes nothing.\n"
	"\n"
	"check and build options:\n"
	"  --style NAME        a style of the styles folder instead of the one\n"
	"                      report.xml names (sefton, plain)\n"
	"\n"
	"build options:\n"
	"  -o, --output FILE   the PDF to write: a new file, or a PDF replaced\n"
	"                      atomically (keeping its permissions); a device or FIFO\n"
	"                      is written directly; - writes the PDF to standard\n"
	"                      output (the findings then go to standard error)\n"
	"  --html              write the HTML edition instead of the PDF: one\n"
	"                      self-contained HTML file (also chosen by -o FILE.html)\n"
	"  --force             replace FILE even when it is not a PDF or is one of\n"
	"                      the build's inputs, or write - to a terminal\n"
	"  --draft             a draft for review, which needs no sign-off: DRAFT\n"
	"                      across every page, a footer stamp with the build date\n"
	"                      and a hash of the inputs, each warning as a note where\n"
	"                      it applies, a box where a scrutineer comment is missing,\n"
	"                      and a last page listing the open points\n"
	"  --since OLD-DIR     with --draft: mark and list what changed since the\n"
	"                      earlier copy of the folder in OLD-DIR (change bars, a\n"
	"                      page \"Changes since the previous draft\")\n"
	"  --watch             build, then build again whenever a file of DIR or\n"
	"                      DIR/images changes (a failed build keeps the last good\n"
	"                      PDF); a PDF written inside DIR is not a change; when\n"
	"                      DIR is removed or replaced, waits for it and goes on\n"
	"  --dump-dl           print the display list as text instead of\n"
	"                      writing a PDF (for layout tests)\n"
	"\n"
	"init options:\n"
	"  --from OLD-DIR      last year's report folder\n"
	"\n"
	"notes options:\n"
	"  --format=xml        print each note as a <comment on=\"SECTION-ID\"> to paste\n"
	"                      into scrutiny.xml (default: --format=text)\n"
	"\n"
	"exit status: 0 no errors (notes: the draft was read), 1 the data has\n"
	"errors, 2 could not run (notes: DRAFT.pdf is not a draft reportc made,\n"
	"or cannot be read).\n"
	"See reportc(1), the guide for the partnership manager and the data\n"
	"format's reference, every element and attribute:\n"
	"  " REPORTC_DOC_DIR "/guide.md\n"
	"  " REPORTC_DOC_DIR "/reference.md\n";

struct options {
	const char *command;
	const char *dir;
	const char *output;
	const char *style;
	const char *from;
	const char *since;       /* --since OLD-DIR: the folder of the previous draft */
	const char *pdf;         /* notes: the draft */
	bool xml;                /* notes --format=xml */
	bool draft;
	bool format_given;
	bool html;               /* --html, or -o FILE.html */
	bool dump_dl;
	bool watch;
	bool force;
};

static int usage_error(const char *fmt, const char *arg)
{
	fprintf(stderr, "reportc: ");
	fprintf(stderr, fmt, arg);
	fprintf(stderr, "\nTry 'reportc --help'.\n");
	return EXIT_CANNOT_RUN;
}

/* Parses argv into opts; returns -1 on success, else the exit code. */
static int parse_args(int argc, char **argv, struct options *opts)
{
	memset(opts, 0, sizeof *opts);
	for (int i = 1; i < argc; i++) {
		const char *arg = argv[i];
		if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0) {
			fputs(usage, stdout);
			return EXIT_CLEAN;
		}
		if (strcmp(arg, "--version") == 0) {
			printf("reportc %s (data format version 1)\n", REPORTC_VERSION);
			return EXIT_CLEAN;
		}
		if (strcmp(arg, "-o") == 0 || strcmp(arg, "--output") == 0) {
			if (++i == argc)
				return usage_error("%s needs a file name", arg);
			opts->output = argv[i];
		} else if (strcmp(arg, "--style") == 0) {
			if (++i == argc)
				return usage_error("%s needs a style name, e.g. plain", arg);
			opts->style = argv[i];
		} else if (strcmp(arg, "--from") == 0) {
			if (++i == argc)
				return usage_error("%s needs last year's folder", arg);
			opts->from = argv[i];
		} else if (strcmp(arg, "--since") == 0) {
			if (++i == argc)
				return usage_error("%s needs the folder of the previous draft", arg);
			opts->since = argv[i];
		} else if (strncmp(arg, "--format=", 9) == 0 || strcmp(arg, "--format") == 0) {
			const char *f = arg[8] == '=' ? arg + 9 : ++i < argc ? argv[i] : NULL;
			if (!f || (strcmp(f, "xml") != 0 && strcmp(f, "text") != 0))
				return usage_error("%s", "--format is text or xml");
			opts->xml = strcmp(f, "xml") == 0;
			opts->format_given = true;
		} else if (strcmp(arg, "--draft") == 0) {
			opts->draft = true;
		} else if (strcmp(arg, "--html") == 0) {
			opts->html = true;
		} else if (strcmp(arg, "--dump-dl") == 0) {
			opts->dump_dl = true;
		} else if (strcmp(arg, "--watch") == 0) {
			opts->watch = true;
		} else if (strcmp(arg, "--force") == 0) {
			opts->force = true;
		} else if (arg[0] == '-' && arg[1] != '\0') {
			return usage_error("unknown option '%s'", arg);
		} else if (!opts->command) {
			opts->command = arg;
		} else if (!opts->dir) {
			opts->dir = arg;
		} else if (!opts->pdf && strcmp(opts->command, "notes") == 0) {
			opts->pdf = arg;
		} else {
			return usage_error("unexpected argument '%s'", arg);
		}
	}
	if (!opts->command)
		return usage_error("%s", "no command given");
	bool build = strcmp(opts->command, "build") == 0;
	bool init = strcmp(opts->command, "init") == 0;
	bool notes = strcmp(opts->command, "notes") == 0;
	if (strcmp(opts->command, "check") != 0 && !build && !init && !notes)
		return usage_error("unknown command '%s'", opts->command);
	if (opts->format_given && !notes)
		return usage_error("%s", "--format belongs to notes");
	if (notes) {
		if (!opts->dir || !opts->pdf)
			return usage_error("%s", "notes needs the report folder and the draft, e.g. "
						 "reportc notes report-data/2024-25 draft.pdf");
		if (opts->output || opts->draft || opts->dump_dl || opts->watch || opts->force ||
		    opts->since || opts->from || opts->style || opts->html)
			return usage_error("%s", "notes takes only --format: it lays the folder out "
						 "as the draft records it was built");
		return -1;
	}
	if (!opts->dir)
		return usage_error(init ? "%s needs the new folder, e.g. report-data/2024-25"
					: "%s needs the report folder, e.g. report-data/2023-24",
				   opts->command);
	if (init != (opts->from != NULL))
		return usage_error("%s", init ? "init needs --from OLD-DIR, last year's folder"
					       : "--from belongs to init");
	bool build_only = opts->output || opts->draft || opts->dump_dl || opts->watch ||
			  opts->force || opts->since || opts->html;
	if (init && (build_only || opts->style))
		return usage_error("%s", "init writes a folder; -o, --style, --draft, --html, "
					 "--watch, --force and --dump-dl belong to build");
	if (init)
		return -1;
	if (!build && build_only)
		return usage_error("%s", "check writes no file; -o, --draft, --html, --watch, "
					 "--force and --dump-dl belong to build");
	if (opts->since && !opts->draft)
		return usage_error("%s", "--since marks the changes in a draft; it needs --draft");
	if (opts->watch && opts->dump_dl)
		return usage_error("%s", "--watch writes a PDF; it does not go with --dump-dl");
	if (opts->watch && opts->output && strcmp(opts->output, "-") == 0)
		return usage_error("%s", "--watch writes a PDF again and again; give it a file "
					 "name, not -o -");
	if (build && !opts->output && !opts->dump_dl)
		return usage_error("%s", "build needs -o FILE.pdf");
	/* The extension chooses the edition: report.html is the HTML one. */
	size_t n = opts->output ? strlen(opts->output) : 0;
	if (n >= 5 && strcasecmp(opts->output + n - 5, ".html") == 0)
		opts->html = true;
	if (opts->html && opts->dump_dl)
		return usage_error("%s", "--dump-dl prints the PDF's display list; it does not "
					 "go with --html");
	return -1;
}

/* ---- where fonts and styles are ------------------------------------------ */

static bool is_dir(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* The folder holding fonts/ and styles/: $REPORTC_DATADIR; the source tree
 * when this binary is the one in the build tree; else the installed one. */
static const char *data_dir(void)
{
	const char *env = getenv("REPORTC_DATADIR");
	if (env && *env)
		return env;
	static char exe[4096];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n > 0) {
		exe[n] = '\0';
		size_t len = strlen(REPORTC_BUILD_DIR);
		if (strncmp(exe, REPORTC_BUILD_DIR, len) == 0 && exe[len] == '/')
			return REPORTC_SOURCE_DIR;
	}
	if (is_dir(REPORTC_DATA_DIR))
		return REPORTC_DATA_DIR;
	return REPORTC_SOURCE_DIR;
}

/* ---- check ------------------------------------------------------------- */

static void print_findings(struct diags *d, FILE *to)
{
	diags_sort(d);
	diags_print(d, to);
}

/* Flushes standard output: a failed write there (findings, --dump-dl, a
 * full disk behind a redirection) is a failed run, never exit 0. */
static int finish_stdout(int code)
{
	errno = 0;
	if (fflush(stdout) == 0 && !ferror(stdout))
		return code;
	fprintf(stderr, "reportc: cannot write to standard output: %s\n",
		errno ? strerror(errno) : "write error");
	return EXIT_CANNOT_RUN;
}

/* ---- build ------------------------------------------------------------- */

static double seconds_since(const struct timespec *start)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - start->tv_sec) + (double)(now.tv_nsec - start->tv_nsec) / 1e9;
}

/* The UTC date of SOURCE_DATE_EPOCH; false when it is unset, not a number
 * of seconds, or past the year 9999 (a PDF date has four digits of year). */
static bool epoch_date(struct date *out)
{
	const char *epoch = getenv("SOURCE_DATE_EPOCH");
	if (!epoch || !*epoch)
		return false;
	char *end;
	errno = 0;
	long long secs = strtoll(epoch, &end, 10);
	if (errno || *end || secs < 0)
		return false;
	time_t t = (time_t)secs;
	struct tm tm;
	if (!gmtime_r(&t, &tm) || tm.tm_year + 1900 > 9999)
		return false;
	*out = (struct date){ tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday };
	return true;
}

/* A SOURCE_DATE_EPOCH that is set but cannot be used stops the build, as
 * the reproducible-builds specification asks, rather than being dropped
 * for the clock; false with a message printed. */
static bool epoch_usable(void)
{
	const char *epoch = getenv("SOURCE_DATE_EPOCH");
	struct date d;
	if (!epoch || !*epoch || epoch_date(&d))
		return true;
	fprintf(stderr, "reportc: SOURCE_DATE_EPOCH=%.40s is not a number of seconds since "
			"1970 that falls before the year 10000\n", epoch);
	return false;
}

/* The document's date: the scrutineer's sign-off, else SOURCE_DATE_EPOCH;
 * never the clock, so that the same inputs give the same bytes. */
static bool document_date(const struct model *m, struct date *out)
{
	if (m->scrutiny.has_sign_off && m->scrutiny.sign_off.year) {
		*out = m->scrutiny.sign_off;
		return true;
	}
	return epoch_date(out);
}

/* The day a draft is built: SOURCE_DATE_EPOCH when set, else today from
 * the clock (a draft may differ from day to day; a final never reads it). */
static struct date build_date(void)
{
	struct date d;
	if (epoch_date(&d))
		return d;
	time_t now = time(NULL);
	struct tm tm;
	if (now == (time_t)-1 || !localtime_r(&now, &tm))
		return (struct date){ 0 };
	return (struct date){ tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday };
}

/* A folder being checked, and built when it checks clean. */
struct build {
	const struct options *opts;
	struct diags diags;
	struct model *model;
	struct style style;
	struct font_family fonts;
	const char *font_paths[FACE_COUNT];
	struct dl *dl;
	FILE *findings; /* stdout, or stderr when the PDF goes to stdout */
	struct model *older;          /* --since: the previous draft's folder */
	struct model_diff *diff;
	char since_hash[17];
	const char *style_name;       /* the style the build uses */
	/* notes, and a draft with --since: what each box of the pages shows. */
	struct layout_sources *sources;
	struct layout_options layout;  /* what typeset() gave layout */
	char stamp[128];               /* a draft's footer stamp */
};

/* Loads the style the build would use (--style, else the one report.xml
 * names) and its fonts. A style report.xml names that does not exist is a
 * finding at the root element (rule 9), and *found is false; anything else
 * that fails is the installation's: false with a message printed. */
static bool load_look(struct build *b, bool *found)
{
	const char *data = data_dir();
	const char *name = b->opts->style ? b->opts->style : b->model->report.style;
	if (!name)
		name = VOCAB_DEFAULT_STYLE;
	struct arena *arena = b->model->arena;
	char err[1024];
	const char *styles_dir = arena_printf(arena, "%s/styles", data);
	b->style_name = name;
	*found = true;
	if (!b->opts->style && !load_style_known(styles_dir, name, err, sizeof err)) {
		*found = false;
		diag_error(&b->diags, b->model->report.head.pos, 9,
			   "style=\"%s\": there is no style of that name; the styles are: %s", name,
			   *err ? err : "none");
		return true;
	}
	if (!load_style(b->model, styles_dir, name, &b->style, err, sizeof err)) {
		fprintf(stderr, "reportc: %s\n", err);
		return false;
	}
	/* A style names its font folder relative to the data folder. */
	const char *fonts_dir = arena_printf(arena, "%s/%s", data, b->style.fonts.dir);
	const char *files[FACE_COUNT];
	for (int i = 0; i < FACE_COUNT; i++) {
		files[i] = b->style.fonts.file[i];
		b->font_paths[i] = arena_printf(arena, "%s/%s", fonts_dir, files[i]);
	}
	if (!font_family_load(&b->fonts, fonts_dir, files, err, sizeof err)) {
		fprintf(stderr, "reportc: %s\n", err);
		return false;
	}
	return true;
}

/* Loads and checks the folder with everything build would refuse: the
 * rules, the style and every character against its fonts. False when the
 * folder, the style or the fonts could not be read (message printed). */
static bool check_folder(struct build *b)
{
	char err[512];
	b->model = load_folder(b->opts->dir, &b->diags, err, sizeof err);
	if (!b->model) {
		fprintf(stderr, "reportc: %s\n", err);
		return false;
	}
	/* `check` and --dump-dl draw nothing: their images are decoded to be
	 * checked only, the pixels dropped. */
	if (strcmp(b->opts->command, "build") != 0 || b->opts->dump_dl)
		image_set_skip_pixels(b->model->images);
	check_model(b->model, &b->diags);
	bool found;
	if (!load_look(b, &found))
		return false;
	if (found)
		check_glyphs(b->model, &b->fonts, &b->diags);
	return true;
}

static void build_free(struct build *b)
{
	dl_free(b->dl);
	font_family_free(&b->fonts);
	model_free(b->model);
	diags_free(&b->diags);
}

static int run_check(const struct options *opts)
{
	struct build b = { .opts = opts, .findings = stdout };
	diags_init(&b.diags);
	int code = EXIT_CANNOT_RUN;
	if (check_folder(&b)) {
		print_findings(&b.diags, stdout);
		fprintf(stderr, "%s: %zu error%s, %zu warning%s\n", opts->dir, b.diags.n_errors,
			b.diags.n_errors == 1 ? "" : "s", b.diags.n_warnings,
			b.diags.n_warnings == 1 ? "" : "s");
		code = b.diags.n_errors ? EXIT_FINDINGS : EXIT_CLEAN;
	}
	build_free(&b);
	return code;
}

/* The edition being written, for messages. */
static const char *edition(const struct build *b)
{
	return b->opts->html ? "HTML file" : "PDF";
}

/* Prints the findings and that no PDF was written, naming when; the
 * exit code for data with errors. A final refused only for gaps still to
 * fill is told that a draft shows them. */
static int refuse(struct build *b, const char *when)
{
	const struct diags *d = &b->diags;
	print_findings(&b->diags, b->findings);
	fprintf(stderr, "reportc: %zu error%s in %s%s; no %s written", d->n_errors,
		d->n_errors == 1 ? "" : "s", b->opts->dir, when, edition(b));
	if (d->n_errors && d->n_errors == d->n_incomplete && !b->opts->draft)
		fprintf(stderr, ": %s still to enter or to write, which a final report "
				"cannot print; build --draft shows %s in place",
			d->n_errors == 1 ? "it is a figure or text" : "they are figures or texts",
			d->n_errors == 1 ? "it" : "them");
	fputc('\n', stderr);
	return EXIT_FINDINGS;
}

static void load_image_field(struct model_walk *w, enum model_field field, const char *text,
			     struct srcpos pos)
{
	(void)pos;
	if (text && model_field_kind(field) == FIELD_IMAGE)
		image_set_load(w->model->images, text);
}

/* The fingerprint of everything a build of m reads: its data files and
 * style (hashed as they were read) and its images, each loaded now if the
 * checks did not (an earlier folder is never checked). One definition, so
 * that a draft's "inputs" and a later draft's "since" name the same
 * folder by the same hash. */
static void inputs_fingerprint(const struct model *m, uint64_t out[2])
{
	model_walk(m, &(struct model_visitor){ .field = load_image_field }, NULL);
	out[0] = m->fingerprint[0];
	out[1] = m->fingerprint[1];
	image_set_fingerprint(m->images, out);
}

/* What a draft records in its XMP for `reportc notes` (struct dl_record):
 * the input hash, the style, and with --since the earlier folder's hash
 * and the pages of changes, which a layout without --since lacks. */
static void record(struct build *b, const struct layout_sources *sources)
{
	uint64_t fp[2];
	inputs_fingerprint(b->model, fp);
	char inputs[17];
	snprintf(inputs, sizeof inputs, "%016" PRIx64, fp[0]);
	struct dl_record rec = { .inputs = inputs, .style = b->style_name };
	if (b->older) {
		rec.since = b->since_hash;
		for (size_t i = 0; sources && i < sources->n; i++) {
			const struct layout_source *s = &sources->items[i];
			if (s->place != PLACE_CHANGES)
				continue;
			if (!rec.changes_first_page)
				rec.changes_first_page = s->page;
			rec.changes_pages = s->page - rec.changes_first_page + 1;
		}
	}
	dl_set_record(b->dl, &rec);
}

static int typeset(struct build *b)
{
	struct layout_options lo = { 0 };
	for (int i = 0; i < FACE_COUNT; i++)
		lo.font_paths[i] = b->font_paths[i];
	uint64_t fp[2];
	inputs_fingerprint(b->model, fp);
	for (int i = 0; i < 16; i++)
		lo.document_id[i] = (unsigned char)(fp[i / 8] >> (8 * (i % 8)));
	lo.has_date = document_date(b->model, &lo.date);
	/* Sorted, so that the open points page lists them as check prints them. */
	diags_sort(&b->diags);
	lo.warnings = &b->diags;
	/* "Draft · built 2026-11-22 · inputs 3fa2c1d": two drafts differ in
	 * their stamps when their inputs or their days do. A draft is dated
	 * the day it is built. */
	char *stamp = b->stamp;
	if (b->opts->draft) {
		struct date built = build_date();
		char hash[17];
		snprintf(hash, sizeof hash, "%016" PRIx64, fp[0]);
		/* With --since, the stamp names both versions' inputs. */
		char since[40] = "";
		if (b->older)
			snprintf(since, sizeof since, " \xc2\xb7 since %.7s", b->since_hash);
		if (built.year)
			snprintf(stamp, sizeof b->stamp,
				 "Draft \xc2\xb7 built %04d-%02d-%02d \xc2\xb7 inputs %.7s%s",
				 built.year, built.month, built.day, hash, since);
		else
			snprintf(stamp, sizeof b->stamp, "Draft \xc2\xb7 inputs %.7s%s", hash, since);
		lo.diff = b->diff;
		lo.since_hash = b->older ? b->since_hash : NULL;
		lo.draft = true;
		lo.draft_stamp = stamp;
		lo.has_date = built.year != 0;
		lo.date = built;
	}

	/* Layout adds no finding now (check found them all): an error there
	 * refuses the build, the gaps a draft shows do not. */
	b->layout = lo;
	/* The HTML edition lays out what it takes from layout as it writes. */
	if (b->opts->html)
		return EXIT_CLEAN;
	size_t errors = b->diags.n_errors;
	struct layout_sources sources = { 0 };
	if (b->sources || b->older)
		lo.sources = b->sources ? b->sources : &sources;
	b->dl = layout_report(b->model, &b->style, &b->fonts, &lo, &b->diags);
	if (b->dl && b->opts->draft)
		record(b, lo.sources);
	layout_sources_free(&sources);
	if (!b->dl || b->diags.n_errors > errors)
		return refuse(b, " while typesetting");
	return EXIT_CLEAN;
}

/* The report folder's data files, which -o must not replace: a
 * NULL-terminated list of FILE_COUNT paths in the arena. */
static const char *const *input_paths(const char *dir, struct arena *arena)
{
	const char **paths = arena_alloc(arena, (FILE_COUNT + 1) * sizeof *paths);
	for (int f = 0; f < FILE_COUNT; f++)
		paths[f] = arena_printf(arena, "%s/%s", dir, model_file_name((enum data_file)f));
	paths[FILE_COUNT] = NULL;
	return paths;
}

/* Renders the display list into the -o target; false with a message. */
static bool write_output(struct build *b, const char *const *inputs, uint64_t *n_bytes,
			 bool *findings)
{
	char err[1024];
	enum output_format format = b->opts->html ? OUTPUT_HTML : OUTPUT_PDF;
	struct output *out = output_open(b->opts->output, format, b->opts->force, inputs,
					 err, sizeof err);
	bool ok = out != NULL;
	int rc = 0;
	if (ok && b->opts->html) {
		rc = render_html(b->model, &b->style, &b->fonts, &b->layout, &b->diags,
				 output_write, out, err, sizeof err);
		if (rc == 1) {
			(void)output_abandon(out, err, sizeof err);
			*findings = true;
			return false;
		}
	} else if (ok) {
		rc = render_pdf(b->dl, output_write, out, err, sizeof err);
	}
	if (ok && rc != 0) {
		/* A failed write is the cause; tell it rather than its effect. */
		(void)output_abandon(out, err, sizeof err);
		ok = false;
	} else if (ok) {
		ok = output_commit(out, n_bytes, err, sizeof err) == 0;
	}
	if (!ok)
		fprintf(stderr, "reportc: %s\n", err);
	return ok;
}

static int build_once(const struct options *opts)
{
	struct timespec start;
	clock_gettime(CLOCK_MONOTONIC, &start);
	bool to_stdout = !opts->dump_dl && strcmp(opts->output, "-") == 0;
	struct build b = { .opts = opts, .findings = to_stdout ? stderr : stdout };
	diags_init(&b.diags);
	int code = EXIT_CANNOT_RUN;
	struct arena *arena = arena_new();
	const char *const *inputs = input_paths(opts->dir, arena);

	/* Refuse a bad -o before the work of a build. */
	char err[1024];
	if (!opts->dump_dl &&
	    output_check(opts->output, opts->html ? OUTPUT_HTML : OUTPUT_PDF, opts->force, inputs,
			 err, sizeof err) != 0) {
		fprintf(stderr, "reportc: %s\n", err);
		goto done;
	}

	if (!epoch_usable())
		goto done;
	if (!check_folder(&b))
		goto done;
	/* Wrong data refuses every build; gaps still to fill (DECISIONS.md:
	 * incomplete errors) refuse only a final. */
	if (b.diags.n_errors > b.diags.n_incomplete || (b.diags.n_errors && !opts->draft)) {
		code = refuse(&b, "");
		goto done;
	}
	if (!b.model->scrutiny.has_sign_off && !opts->draft) {
		print_findings(&b.diags, b.findings);
		if (b.model->scrutiny.head.absent)
			fprintf(stderr, "reportc: this folder has no scrutiny.xml: a final report "
					"needs the scrutineer's sign-off; no PDF written. Add "
					"scrutiny.xml once the scrutineer signs off, or build a draft "
					"with --draft\n");
		else
			fprintf(stderr, "reportc: scrutiny.xml has no <sign-off date=\"…\"/>: a final "
				"report needs the scrutineer's sign-off; no PDF written. Add it once "
				"the scrutineer signs off, or build a draft with --draft\n");
		code = EXIT_FINDINGS;
		goto done;
	}
	if (opts->since) {
		/* The previous draft's folder: read, never checked (its findings
		 * were its own draft's); unreadable is "could not run". */
		struct diags old_diags;
		diags_init(&old_diags);
		b.older = load_folder(opts->since, &old_diags, err, sizeof err);
		diags_free(&old_diags);
		if (!b.older) {
			fprintf(stderr, "reportc: --since: %s\n", err);
			goto done;
		}
		/* Its style and images count in its hash as they did in its
		 * own draft's; a style it names that is gone leaves it out. */
		const char *name = opts->style ? opts->style : b.older->report.style;
		struct style older_style;
		load_style(b.older, arena_printf(b.older->arena, "%s/styles", data_dir()),
			   name ? name : VOCAB_DEFAULT_STYLE, &older_style, err, sizeof err);
		image_set_skip_pixels(b.older->images);
		uint64_t older_fp[2];
		inputs_fingerprint(b.older, older_fp);
		snprintf(b.since_hash, sizeof b.since_hash, "%016" PRIx64, older_fp[0]);
		b.diff = model_diff_new(b.older, b.model);
	}
	code = typeset(&b);
	if (code != EXIT_CLEAN)
		goto done;
	print_findings(&b.diags, b.findings);

	if (opts->dump_dl) {
		dl_dump(b.dl, stdout);
		goto done;
	}
	uint64_t n_bytes = 0;
	bool findings = false;
	if (!write_output(&b, inputs, &n_bytes, &findings)) {
		code = findings ? refuse(&b, " while typesetting") : EXIT_CANNOT_RUN;
		goto done;
	}
	if (opts->html)
		fprintf(stderr, "reportc: wrote %s%s: %llu KB, %zu warning%s, %.0f ms\n",
			opts->draft ? "draft " : "",
			to_stdout ? "the HTML to standard output" : opts->output,
			(unsigned long long)(n_bytes + 1023) / 1024, b.diags.n_warnings,
			b.diags.n_warnings == 1 ? "" : "s", seconds_since(&start) * 1000);
	else
		fprintf(stderr, "reportc: wrote %s%s: %zu page%s, %llu KB, %zu warning%s, %.0f ms\n",
			opts->draft ? "draft " : "",
			to_stdout ? "the PDF to standard output" : opts->output, b.dl->n_pages,
			b.dl->n_pages == 1 ? "" : "s", (unsigned long long)(n_bytes + 1023) / 1024,
			b.diags.n_warnings, b.diags.n_warnings == 1 ? "" : "s",
			seconds_since(&start) * 1000);

done:
	arena_free(arena);
	model_diff_free(b.diff);
	model_free(b.older);
	build_free(&b);
	return code;
}

static int run_init(const struct options *opts)
{
	char err[1024];
	int code = init_folder(opts->dir, opts->from, err, sizeof err);
	if (code)
		fprintf(stderr, "reportc: %s\n", err);
	else
		fprintf(stderr, "reportc: started %s from %s; reportc check %s lists what to "
				"enter\n", opts->dir, opts->from, opts->dir);
	return code;
}

/* reportc notes DIR DRAFT.pdf: the draft's record says how it was laid
 * out; the folder is laid out so again, and each note of the reviewer's
 * is mapped to the box it sits on. */
static int run_notes(const struct options *opts)
{
	char err[1024];
	struct pdf_doc doc;
	if (pdf_annots_read(opts->pdf, &doc, err, sizeof err) != 0) {
		fprintf(stderr, "reportc: %s\n", err);
		return EXIT_CANNOT_RUN;
	}
	struct notes_record rec;
	if (!notes_record_read(&doc, &rec)) {
		fprintf(stderr, "reportc: %s is not a draft reportc built: its metadata has no "
				"reportc record (a final report and a PDF from elsewhere have none); "
				"notes reads a draft made by reportc build --draft\n", opts->pdf);
		pdf_doc_free(&doc);
		return EXIT_CANNOT_RUN;
	}
	/* The draft's look: the style it names, when this installation has it. */
	struct options as_built = *opts;
	as_built.command = "notes";
	as_built.draft = true;
	as_built.style = rec.style;
	struct layout_sources sources = { 0 };
	struct build b = { .opts = &as_built, .findings = stdout, .sources = &sources };
	diags_init(&b.diags);
	int code = EXIT_CANNOT_RUN;
	if (!epoch_usable() || !check_folder(&b))
		goto done;
	if (b.diags.n_errors > b.diags.n_incomplete) {
		fprintf(stderr, "reportc: %s has %zu error%s, so it cannot be laid out as the draft "
				"was; reportc check %s lists them\n", opts->dir, b.diags.n_errors,
			b.diags.n_errors == 1 ? "" : "s", opts->dir);
		code = EXIT_FINDINGS;
		goto done;
	}
	uint64_t fp[2];
	inputs_fingerprint(b.model, fp);
	char hash[17];
	snprintf(hash, sizeof hash, "%016" PRIx64, fp[0]);
	if (strcmp(hash, rec.inputs) != 0)
		fprintf(stderr, "reportc: %s was built from other inputs (%.7s) than %s holds now "
				"(%.7s): the notes are mapped by page to where the blocks are now, "
				"which may not be the block each was made on\n",
			opts->pdf, rec.inputs, opts->dir, hash);
	code = typeset(&b);
	if (code != EXIT_CLEAN)
		goto done;
	size_t n = notes_print(b.model, &sources, &rec, &doc, opts->xml ? NOTES_XML : NOTES_TEXT,
			       stdout);
	fprintf(stderr, "reportc: %zu note%s in %s\n", n, n == 1 ? "" : "s", opts->pdf);
	code = EXIT_CLEAN;
done:
	layout_sources_free(&sources);
	build_free(&b);
	notes_record_free(&rec);
	pdf_doc_free(&doc);
	return code;
}

/* One build of --watch, in a process of its own (watch_folder()). */
static int rebuild(void *ctx)
{
	return finish_stdout(build_once(ctx));
}

static int run_build(const struct options *opts)
{
	if (!opts->watch)
		return build_once(opts);
	/* A -o that every build would refuse ends the watch before it starts. */
	char err[1024];
	struct arena *arena = arena_new();
	int rc = output_check(opts->output, opts->html ? OUTPUT_HTML : OUTPUT_PDF, opts->force,
			      input_paths(opts->dir, arena), err, sizeof err);
	arena_free(arena);
	if (rc != 0) {
		fprintf(stderr, "reportc: %s\n", err);
		return EXIT_CANNOT_RUN;
	}
	if (watch_folder(opts->dir, opts->output, rebuild, (void *)opts, err, sizeof err) != 0) {
		fprintf(stderr, "reportc: %s\n", err);
		return EXIT_CANNOT_RUN;
	}
	return EXIT_CLEAN;
}

/* Fills a closed standard descriptor with /dev/null opened read-only, so
 * that no file reportc opens (a temporary PDF) can take its number and
 * receive the findings, and a write there fails as it should. */
static void occupy_standard_fds(void)
{
	for (int fd = 0; fd <= 2; fd++)
		if (fcntl(fd, F_GETFD) < 0 && errno == EBADF) {
			int got = open("/dev/null", O_RDONLY);
			if (got >= 0 && got != fd)
				close(got);
		}
}

int main(int argc, char **argv)
{
	occupy_standard_fds();
	struct options opts;
	int code = parse_args(argc, argv, &opts);
	if (code >= 0)
		return code;
	if (strcmp(opts.command, "check") == 0)
		return finish_stdout(run_check(&opts));
	if (strcmp(opts.command, "init") == 0)
		return finish_stdout(run_init(&opts));
	if (strcmp(opts.command, "notes") == 0)
		return finish_stdout(run_notes(&opts));
	return finish_stdout(run_build(&opts));
}
