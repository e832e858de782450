/* fuzz-load.c - libFuzzer harness: loading and checking a report folder
 * in which one of its files is the fuzz input.
 *
 * The first byte of the input picks the file (byte % FILE_COUNT, in enum
 * data_file order: report, finance, lado, yjs, training, scrutiny,
 * reviews); the rest is that file's content. The other files come from a
 * valid folder (tests/check/base, or $REPORTC_FUZZ_BASE; a file it lacks
 * stays absent, as only report.xml must exist) and are written once into a
 * per-process folder under $TMPDIR; each run writes only the file it
 * changes and puts back the one the previous run changed. The folder is
 * removed when the process exits normally. */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <stdbool.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "config.h"
#include "diag.h"
#include "load.h"
#include "model.h"

struct saved_file {
	char *bytes;
	size_t size;
	bool absent;    /* the base folder has no such file (only report.xml must exist) */
};

/* The harness's one process-wide state: libFuzzer calls in with the input
 * only. */
static char work_dir[256];
static struct saved_file base[FILE_COUNT];
static int changed_file = -1;

static void die(const char *what, const char *path)
{
	fprintf(stderr, "fuzz-load: %s %s: %s\n", what, path, strerror(errno));
	exit(1);
}

static struct saved_file read_whole(const char *path)
{
	FILE *fp = fopen(path, "rb");
	if (!fp)
		die("cannot open", path);
	struct saved_file s = { 0 };
	size_t cap = 0;
	for (;;) {
		if (s.size == cap) {
			cap = cap ? cap * 2 : 4096;
			s.bytes = realloc(s.bytes, cap);
			if (!s.bytes)
				die("out of memory reading", path);
		}
		size_t got = fread(s.bytes + s.size, 1, cap - s.size, fp);
		if (got == 0)
			break;
		s.size += got;
	}
	fclose(fp);
	return s;
}

static void write_whole(const char *name, const void *bytes, size_t size)
{
	char path[512];
	snprintf(path, sizeof path, "%s/%s", work_dir, name);
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0)
		die("cannot write", path);
	const char *p = bytes;
	while (size) {
		ssize_t n = write(fd, p, size);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			die("cannot write", path);
		p += n;
		size -= (size_t)n;
	}
	close(fd);
}

/* Copies the images the base folder's report.xml names (images/logo.png). */
static void copy_images(const char *from)
{
	char dir[512], src[512];
	snprintf(dir, sizeof dir, "%s/images", work_dir);
	if (mkdir(dir, 0755) != 0 && errno != EEXIST)
		die("cannot create", dir);
	snprintf(src, sizeof src, "%s/images/logo.png", from);
	struct saved_file logo = read_whole(src);
	write_whole("images/logo.png", logo.bytes, logo.size);
	free(logo.bytes);
}

/* Puts back the base folder's version of file: its bytes, or no file. */
static void restore(int file)
{
	const char *name = model_file_name((enum data_file)file);
	if (base[file].absent) {
		char path[1024];
		snprintf(path, sizeof path, "%s/%s", work_dir, name);
		unlink(path);
	} else {
		write_whole(name, base[file].bytes, base[file].size);
	}
}

static void remove_work_dir(void)
{
	char path[512];
	for (int i = 0; i < FILE_COUNT; i++) {
		snprintf(path, sizeof path, "%s/%s", work_dir, model_file_name((enum data_file)i));
		unlink(path);
	}
	snprintf(path, sizeof path, "%s/images/logo.png", work_dir);
	unlink(path);
	snprintf(path, sizeof path, "%s/images", work_dir);
	rmdir(path);
	rmdir(work_dir);
}

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	const char *from = getenv("REPORTC_FUZZ_BASE");
	char base_dir[512];
	snprintf(base_dir, sizeof base_dir, "%s", from && *from ? from
					      : REPORTC_SOURCE_DIR "/tests/check/base");
	const char *tmp = getenv("TMPDIR");
	snprintf(work_dir, sizeof work_dir, "%s/reportc-fuzz-load.%ld", tmp && *tmp ? tmp : "/tmp",
		 (long)getpid());
	if (mkdir(work_dir, 0700) != 0 && errno != EEXIST)
		die("cannot create", work_dir);
	atexit(remove_work_dir);
	for (int i = 0; i < FILE_COUNT; i++) {
		const char *name = model_file_name((enum data_file)i);
		char path[1024];
		snprintf(path, sizeof path, "%s/%s", base_dir, name);
		if (access(path, F_OK) != 0 && errno == ENOENT) {
			base[i].absent = true;
			continue;
		}
		base[i] = read_whole(path);
		write_whole(name, base[i].bytes, base[i].size);
	}
	copy_images(base_dir);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size == 0)
		return 0;
	int file = data[0] % FILE_COUNT;
	if (changed_file >= 0 && changed_file != file)
		restore(changed_file);
	write_whole(model_file_name((enum data_file)file), data + 1, size - 1);
	changed_file = file;

	struct diags d;
	diags_init(&d);
	char err[512];
	struct model *m = load_folder(work_dir, &d, err, sizeof err);
	if (!m) {
		/* Only an unreadable folder or a broken built-in schema gets here:
		 * neither can come from a file's content. */
		fprintf(stderr, "fuzz-load: load_folder failed: %s\n", err);
		abort();
	}
	check_model(m, &d);
	/* Sorting and formatting are part of every run of reportc check. */
	diags_sort(&d);
	char line[1024];
	for (size_t i = 0; i < d.n; i++)
		diag_format(&d.items[i], line, sizeof line);
	model_free(m);
	diags_free(&d);
	return 0;
}
