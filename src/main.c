/* main.c - the reportc command line: check and build. */
#define _POSIX_C_SOURCE 200809L

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "config.h"
#include "diag.h"
#include "load.h"
#include "model.h"

static const char usage[] =
	"usage: reportc check DIR\n"
	"       reportc build DIR -o FILE.pdf [--style NAME] [--dump-dl]\n"
	"       reportc --help | --version\n"
	"\n"
	"Checks and typesets the yearly report of a Safeguarding Children\n"
	"Partnership from the XML files of one year's folder (report.xml,\n"
	"finance.xml, lado.xml, yjs.xml, training.xml, scrutiny.xml).\n"
	"\n"
	"commands:\n"
	"  check DIR        check the folder; print every finding as\n"
	"                   FILE:LINE:COL: error|warning: MESSAGE\n"
	"  build DIR        check, then typeset the report as a PDF\n"
	"\n"
	"build options:\n"
	"  -o, --output FILE   the PDF to write (replaced atomically)\n"
	"  --style NAME        a style of the styles folder instead of the one\n"
	"                      report.xml names (sefton, plain)\n"
	"  --dump-dl           print the display list as text instead of\n"
	"                      writing a PDF (for layout tests)\n"
	"\n"
	"exit status: 0 no errors, 1 the data has errors, 2 could not run.\n"
	"See reportc(1) and FORMAT.md for the data format.\n";

struct options {
	const char *command;
	const char *dir;
	const char *output;
	const char *style;
	bool dump_dl;
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
		} else if (strcmp(arg, "--dump-dl") == 0) {
			opts->dump_dl = true;
		} else if (arg[0] == '-' && arg[1] != '\0') {
			return usage_error("unknown option '%s'", arg);
		} else if (!opts->command) {
			opts->command = arg;
		} else if (!opts->dir) {
			opts->dir = arg;
		} else {
			return usage_error("unexpected argument '%s'", arg);
		}
	}
	if (!opts->command)
		return usage_error("%s", "no command given");
	bool build = strcmp(opts->command, "build") == 0;
	if (strcmp(opts->command, "check") != 0 && !build)
		return usage_error("unknown command '%s'", opts->command);
	if (!opts->dir)
		return usage_error("%s needs the report folder, e.g. report-data/2023-24",
				   opts->command);
	if (!build && (opts->output || opts->style || opts->dump_dl))
		return usage_error("%s", "check writes no file; -o, --style and --dump-dl "
					 "belong to build");
	if (build && !opts->output && !opts->dump_dl)
		return usage_error("%s", "build needs -o FILE.pdf");
	return -1;
}

/* ---- check ------------------------------------------------------------- */

/* Loads and checks the folder. Returns the model, or NULL when the folder
 * could not be read (message printed). */
static struct model *load_and_check(const char *dir, struct diags *d)
{
	char err[512];
	struct model *m = load_folder(dir, d, err, sizeof err);
	if (!m) {
		fprintf(stderr, "reportc: %s\n", err);
		return NULL;
	}
	check_model(m, d);
	return m;
}

static void print_findings(struct diags *d)
{
	diags_sort(d);
	diags_print(d, stdout);
}

static int run_check(const struct options *opts)
{
	struct diags d;
	diags_init(&d);
	struct model *m = load_and_check(opts->dir, &d);
	int code = EXIT_CANNOT_RUN;
	if (m) {
		print_findings(&d);
		fprintf(stderr, "%s: %zu error%s, %zu warning%s\n", opts->dir, d.n_errors,
			d.n_errors == 1 ? "" : "s", d.n_warnings, d.n_warnings == 1 ? "" : "s");
		code = d.n_errors ? EXIT_FINDINGS : EXIT_CLEAN;
	}
	model_free(m);
	diags_free(&d);
	return code;
}

/* ---- build ------------------------------------------------------------- */

static int run_build(const struct options *opts)
{
	struct diags d;
	diags_init(&d);
	struct model *m = load_and_check(opts->dir, &d);
	int code = EXIT_CANNOT_RUN;
	if (m) {
		print_findings(&d);
		code = d.n_errors ? EXIT_FINDINGS : EXIT_CANNOT_RUN;
		fprintf(stderr, "reportc: %s checked: %zu errors; this version only checks\n",
			opts->dir, d.n_errors);
	}
	model_free(m);
	diags_free(&d);
	return code;
}

int main(int argc, char **argv)
{
	struct options opts;
	int code = parse_args(argc, argv, &opts);
	if (code >= 0)
		return code;
	if (strcmp(opts.command, "check") == 0)
		return run_check(&opts);
	return run_build(&opts);
}
