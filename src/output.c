/* output.c - writes a finished document: atomic replacement of a regular
 * file, direct writes to devices, FIFOs and standard output. */
#define _GNU_SOURCE

#include "output.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/file.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "arena.h"
#include "diag.h"

enum {
	BUFFER_BYTES = 1 << 16, /* the back ends write in small pieces */
	MAGIC_BYTES = 32,       /* read from an existing file to see what it holds */
	TEMP_TRIES = 100,
};

/* ".reportc-" + 8 hex digits + ".tmp": 21 bytes, so that a target name
 * that fits NAME_MAX always leaves room for its temporary file. */
static const char temp_prefix[] = ".reportc-";
static const char temp_suffix[] = ".tmp";
enum { TEMP_HEX = 8 };

/* How path will be written. */
enum kind {
	TO_STDOUT,  /* "-" */
	TO_DIRECT,  /* a character device or FIFO: opened and written */
	TO_NEW,     /* no file yet: a temporary file renamed into place */
	TO_REPLACE, /* a regular file: the same, keeping its mode */
};

struct target {
	enum kind kind;
	char *path;     /* what to create or replace: a symbolic link resolved */
	struct stat st; /* TO_REPLACE: the file replaced */
};

struct output {
	enum kind kind;
	enum output_format format;
	bool force;
	char *shown;     /* the path as given, for messages */
	int fd;
	int dir_fd;      /* TO_NEW, TO_REPLACE: the target's folder */
	char *base;      /* and its name there */
	char temp[sizeof temp_prefix + TEMP_HEX + sizeof temp_suffix];
	struct stat old; /* TO_REPLACE: the file replaced */
	unsigned char *buf;
	size_t len;
	uint64_t total;
	int error;       /* errno of the first failed write, else 0 */
};

static int RC_PRINTF(3, 4) fail(char *err, size_t err_size, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(err, err_size, fmt, ap);
	va_end(ap);
	return -1;
}

static const char *format_name(enum output_format format)
{
	return format == OUTPUT_PDF ? "PDF" : "HTML file";
}

/* Writes all of bytes to fd. Returns 0, or -1 with errno set. */
static int write_all(int fd, const unsigned char *bytes, size_t n)
{
	while (n > 0) {
		ssize_t done = write(fd, bytes, n);
		if (done < 0 && errno == EINTR)
			continue;
		if (done < 0)
			return -1;
		if (done == 0) {
			errno = EIO;
			return -1;
		}
		bytes += done;
		n -= (size_t)done;
	}
	return 0;
}

/* ---- what an existing file holds ------------------------------------------ */

/* Whether the first bytes of a file (n of them) are those of format. An
 * HTML file may open with a byte-order mark and white space, and its tag
 * names are case-insensitive. */
static bool holds_format(const unsigned char *p, size_t n, enum output_format format)
{
	if (format == OUTPUT_PDF)
		return n >= 5 && memcmp(p, "%PDF-", 5) == 0;
	size_t i = 0;
	if (n >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	while (i < n && (p[i] == ' ' || p[i] == '\t' || p[i] == '\r' || p[i] == '\n'))
		i++;
	static const char *const starts[] = { "<!DOCTYPE html", "<html" };
	for (size_t k = 0; k < 2; k++) {
		size_t len = strlen(starts[k]);
		if (n - i >= len && strncasecmp((const char *)p + i, starts[k], len) == 0)
			return true;
	}
	return false;
}

/* Whether the regular file name in dir_fd may be replaced by a document of
 * format: it is empty (nothing to lose) or already holds the format. 0, or
 * -1 with err naming --force. */
static int may_replace(int dir_fd, const char *name, const char *shown,
		       enum output_format format, char *err, size_t err_size)
{
	int fd = openat(dir_fd, name, O_RDONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
	unsigned char magic[MAGIC_BYTES];
	ssize_t n = -1;
	if (fd >= 0) {
		do
			n = read(fd, magic, sizeof magic);
		while (n < 0 && errno == EINTR);
	}
	int e = errno;
	if (fd >= 0)
		close(fd);
	if (n < 0)
		return fail(err, err_size, "cannot read '%s' to see whether it is a %s: %s; add "
			    "--force to replace it anyway", shown, format_name(format), strerror(e));
	if (n == 0 || holds_format(magic, (size_t)n, format))
		return 0;
	if (format == OUTPUT_PDF)
		return fail(err, err_size, "will not replace '%s': it is not a PDF (it does not "
			    "start with %%PDF-); give another name, or add --force to replace it",
			    shown);
	return fail(err, err_size, "will not replace '%s': it is not an HTML file (it does not "
		    "start with <!DOCTYPE html or <html); give another name, or add --force to "
		    "replace it", shown);
}

/* ---- judging -o ----------------------------------------------------------- */

/* The folder part of path ("." when there is none, "/" for the root). */
static char *folder_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		return xstrdup(".");
	size_t len = slash == path ? 1 : (size_t)(slash - path);
	char *dir = xmalloc(len + 1);
	memcpy(dir, path, len);
	dir[len] = '\0';
	return dir;
}

static const char *kind_of_file(mode_t mode)
{
	return S_ISBLK(mode) ? "a block device" : S_ISSOCK(mode) ? "a socket" : "a special file";
}

/* Decides how path is written (see output_check()); fills t (t->path to
 * free) or returns -1 with err set. */
static int judge(const char *path, enum output_format format, bool force,
		 const char *const *inputs, struct target *t, char *err, size_t err_size)
{
	memset(t, 0, sizeof *t);
	if (strcmp(path, "-") == 0) {
		if (!force && isatty(STDOUT_FILENO))
			return fail(err, err_size, "will not write a %s to a terminal: redirect "
				    "standard output (-o - > FILE), or add --force",
				    format_name(format));
		t->kind = TO_STDOUT;
		return 0;
	}
	if (!*path)
		return fail(err, err_size, "-o needs a file name");
	const char *example = format == OUTPUT_PDF ? "report.pdf" : "report.html";

	struct stat st, lst;
	if (stat(path, &st) != 0) {
		int e = errno;
		if (e != ENOENT)
			return fail(err, err_size, "cannot write '%s': %s", path, strerror(e));
		if (lstat(path, &lst) == 0 && S_ISLNK(lst.st_mode))
			return fail(err, err_size, "cannot write '%s': it is a symbolic link to a "
				    "file that does not exist", path);
		char *dir = folder_of(path);
		struct stat dst;
		int rc = 0;
		if (path[strlen(path) - 1] == '/')
			rc = fail(err, err_size, "cannot write '%s': there is no such folder, and "
				  "-o takes a file name, e.g. %s%s", path, path, example);
		else if (stat(dir, &dst) != 0)
			rc = fail(err, err_size, "cannot write '%s': the folder '%s': %s", path, dir,
				  strerror(errno));
		else if (!S_ISDIR(dst.st_mode))
			rc = fail(err, err_size, "cannot write '%s': '%s' is not a folder", path, dir);
		free(dir);
		if (rc)
			return rc;
		t->kind = TO_NEW;
		t->path = xstrdup(path);
		return 0;
	}
	if (S_ISDIR(st.st_mode)) {
		size_t len = strlen(path);
		return fail(err, err_size, "cannot write '%s': it is a folder; -o takes the name "
			    "of the file to write, e.g. %s%s%s", path, path,
			    len && path[len - 1] == '/' ? "" : "/", example);
	}
	if (S_ISCHR(st.st_mode) || S_ISFIFO(st.st_mode)) {
		t->kind = TO_DIRECT;
		return 0;
	}
	if (!S_ISREG(st.st_mode))
		return fail(err, err_size, "will not write to '%s': it is %s; -o takes a file, a "
			    "character device, a FIFO, or - for standard output", path,
			    kind_of_file(st.st_mode));

	/* A regular file: never one of the build's own, and never one that
	 * holds something else, unless the user says so. */
	for (size_t i = 0; !force && inputs && inputs[i]; i++) {
		struct stat in;
		if (stat(inputs[i], &in) == 0 && in.st_dev == st.st_dev && in.st_ino == st.st_ino)
			return fail(err, err_size, "will not replace '%s': it is one of the build's "
				    "inputs (%s); give another name, e.g. %s, or add --force to "
				    "replace it", path, inputs[i], example);
	}
	if (!force && may_replace(AT_FDCWD, path, path, format, err, err_size) != 0)
		return -1;
	t->kind = TO_REPLACE;
	t->st = st;
	/* Replace the file a symbolic link points to, not the link. */
	if (lstat(path, &lst) == 0 && S_ISLNK(lst.st_mode)) {
		t->path = realpath(path, NULL);
		if (!t->path)
			return fail(err, err_size, "cannot write '%s': %s", path, strerror(errno));
	} else {
		t->path = xstrdup(path);
	}
	return 0;
}

int output_check(const char *path, enum output_format format, bool force,
		 const char *const *inputs, char *err, size_t err_size)
{
	struct target t;
	int rc = judge(path, format, force, inputs, &t, err, err_size);
	free(t.path);
	return rc;
}

/* ---- temporary files ------------------------------------------------------ */

bool output_is_temporary(const char *name)
{
	size_t pre = sizeof temp_prefix - 1, suf = sizeof temp_suffix - 1;
	if (strlen(name) != pre + TEMP_HEX + suf || strncmp(name, temp_prefix, pre) != 0 ||
	    strcmp(name + pre + TEMP_HEX, temp_suffix) != 0)
		return false;
	for (size_t i = pre; i < pre + TEMP_HEX; i++)
		if (!strchr("0123456789abcdef", name[i]))
			return false;
	return true;
}

/* Whether name in dir_fd is still the file open as fd. */
static bool same_file(int dir_fd, const char *name, int fd)
{
	struct stat a, b;
	return fstatat(dir_fd, name, &a, AT_SYMLINK_NOFOLLOW) == 0 && fstat(fd, &b) == 0 &&
	       a.st_dev == b.st_dev && a.st_ino == b.st_ino;
}

/* Removes the temporary files that builds killed while writing left in
 * dir_fd. A live build holds a lock on its temporary file, so a file whose
 * lock can be taken belongs to no one (whatever its process id or its
 * target). */
static void remove_stale_temporaries(int dir_fd)
{
	int fd = dup(dir_fd);
	DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
	if (!d) {
		if (fd >= 0)
			close(fd);
		return;
	}
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		if (!output_is_temporary(e->d_name))
			continue;
		/* Open for writing: NFS takes an exclusive lock only then. */
		int tfd = openat(dir_fd, e->d_name,
				 O_RDWR | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
		if (tfd < 0)
			continue;
		struct stat st;
		if (fstat(tfd, &st) == 0 && S_ISREG(st.st_mode) && flock(tfd, LOCK_EX | LOCK_NB) == 0 &&
		    same_file(dir_fd, e->d_name, tfd))
			(void)unlinkat(dir_fd, e->d_name, 0);
		close(tfd);
	}
	closedir(d);
}

/* Creates and locks a new temporary file in out->dir_fd, named in
 * out->temp. Returns the descriptor, or -1 with errno set. */
static int make_temporary(struct output *out)
{
	static unsigned counter;
	for (int tries = 0; tries < TEMP_TRIES; tries++) {
		uint32_t r;
		if (getrandom(&r, sizeof r, GRND_NONBLOCK) != (ssize_t)sizeof r)
			r = (uint32_t)getpid() * 2654435761u ^ (uint32_t)time(NULL) ^ ++counter;
		snprintf(out->temp, sizeof out->temp, "%s%08x%s", temp_prefix, (unsigned)r,
			 temp_suffix);
		int fd = openat(out->dir_fd, out->temp,
				O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
		if (fd < 0 && errno == EEXIST)
			continue;
		if (fd < 0)
			return -1;
		/* Another build's clean-up may have taken the file between its
		 * creation and this lock, and removed it: then start again. A
		 * file system without locks is used without. */
		if (flock(fd, LOCK_EX | LOCK_NB) != 0 && errno == EWOULDBLOCK) {
			close(fd);
			continue;
		}
		if (!same_file(out->dir_fd, out->temp, fd)) {
			close(fd);
			continue;
		}
		return fd;
	}
	errno = EEXIST;
	return -1;
}

/* ---- writing ----------------------------------------------------------- */

static void output_free(struct output *out)
{
	if (out->fd >= 0 && out->fd != STDOUT_FILENO)
		close(out->fd);
	if (out->dir_fd >= 0)
		close(out->dir_fd);
	free(out->shown);
	free(out->base);
	free(out->buf);
	free(out);
}

struct output *output_open(const char *path, enum output_format format, bool force,
			   const char *const *inputs, char *err, size_t err_size)
{
	struct target t;
	if (judge(path, format, force, inputs, &t, err, err_size) != 0) {
		free(t.path);
		return NULL;
	}
	struct output *out = xmalloc(sizeof *out);
	*out = (struct output){ .kind = t.kind, .format = format, .force = force,
				.shown = xstrdup(path), .fd = -1, .dir_fd = -1,
				.buf = xmalloc(BUFFER_BYTES), .old = t.st };
	switch (t.kind) {
	case TO_STDOUT:
		out->fd = STDOUT_FILENO;
		break;
	case TO_DIRECT:
		/* No O_CREAT, no O_TRUNC: a device or FIFO is written, never made. */
		out->fd = open(path, O_WRONLY | O_NOCTTY | O_CLOEXEC);
		if (out->fd < 0)
			fail(err, err_size, "cannot write '%s': %s", path, strerror(errno));
		break;
	case TO_NEW:
	case TO_REPLACE: {
		char *dir = folder_of(t.path);
		const char *slash = strrchr(t.path, '/');
		out->base = xstrdup(slash ? slash + 1 : t.path);
		out->dir_fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		if (out->dir_fd >= 0) {
			remove_stale_temporaries(out->dir_fd);
			out->fd = make_temporary(out);
		}
		if (out->fd < 0)
			fail(err, err_size, "cannot create a temporary file for '%s' in '%s': %s", path,
			     dir, strerror(errno));
		free(dir);
		break;
	}
	}
	free(t.path);
	if (out->fd < 0) {
		output_free(out);
		return NULL;
	}
	return out;
}

/* Writes the buffer out; false once a write has failed. */
static bool flush(struct output *out)
{
	if (!out->error && out->len && write_all(out->fd, out->buf, out->len) != 0)
		out->error = errno;
	out->len = 0;
	return !out->error;
}

int output_write(void *sink, const void *bytes, size_t n)
{
	struct output *out = sink;
	if (out->error)
		return -1;
	if (out->len + n > BUFFER_BYTES && !flush(out))
		return -1;
	if (n > BUFFER_BYTES) {
		if (write_all(out->fd, bytes, n) != 0) {
			out->error = errno;
			return -1;
		}
	} else {
		memcpy(out->buf + out->len, bytes, n);
		out->len += n;
	}
	out->total += n;
	return 0;
}

/* The message of a failed write. */
static int write_failed(const struct output *out, int e, char *err, size_t err_size)
{
	if (out->kind == TO_STDOUT)
		return fail(err, err_size, "cannot write the %s to standard output: %s",
			    format_name(out->format), strerror(e));
	return fail(err, err_size, "cannot write '%s': %s", out->shown, strerror(e));
}

/* The mode a new file gets: 0666 less the umask (read by setting it back). */
static mode_t new_file_mode(void)
{
	mode_t mask = umask(0);
	umask(mask);
	return 0666 & ~mask;
}

/* Syncs the temporary file, gives it its mode and renames it over the
 * target, which must still be a regular file (or still be absent, or now
 * hold the format). */
static int commit_file(struct output *out, char *err, size_t err_size)
{
	if (fsync(out->fd) != 0)
		return write_failed(out, errno, err, err_size);
	mode_t mode = new_file_mode();
	if (out->kind == TO_REPLACE) {
		/* Owner first: changing it may clear the set-id bits. */
		struct stat mine;
		if (fstat(out->fd, &mine) == 0 &&
		    (mine.st_uid != out->old.st_uid || mine.st_gid != out->old.st_gid))
			(void)(fchown(out->fd, out->old.st_uid, out->old.st_gid) != 0 &&
			       fchown(out->fd, (uid_t)-1, out->old.st_gid) != 0);
		mode = out->old.st_mode & 07777;
	}
	if (fchmod(out->fd, mode) != 0)
		return fail(err, err_size, "cannot set the permissions of '%s': %s", out->shown,
			    strerror(errno));

	/* The target may have changed while the document was made. */
	struct stat now;
	if (fstatat(out->dir_fd, out->base, &now, AT_SYMLINK_NOFOLLOW) == 0) {
		if (!S_ISREG(now.st_mode))
			return fail(err, err_size, "will not replace '%s': it is no longer a regular "
				    "file", out->shown);
		bool same = out->kind == TO_REPLACE && now.st_dev == out->old.st_dev &&
			    now.st_ino == out->old.st_ino;
		if (!same && !out->force &&
		    may_replace(out->dir_fd, out->base, out->shown, out->format, err, err_size))
			return -1;
	}
	if (renameat(out->dir_fd, out->temp, out->dir_fd, out->base) != 0)
		return fail(err, err_size, "cannot replace '%s': %s", out->shown, strerror(errno));
	/* Make the rename itself durable. The new file is already in place,
	 * so a failure here is not worth failing the build. */
	(void)fsync(out->dir_fd);
	return 0;
}

int output_commit(struct output *out, uint64_t *n_bytes, char *err, size_t err_size)
{
	bool file = out->kind == TO_NEW || out->kind == TO_REPLACE;
	int rc = 0;
	if (!flush(out))
		rc = write_failed(out, out->error, err, err_size);
	else if (file)
		rc = commit_file(out, err, err_size);
	if (rc != 0 && file) {
		(void)unlinkat(out->dir_fd, out->temp, 0);
	} else if (rc == 0 && out->kind == TO_DIRECT) {
		/* A device reports some write errors only on close. */
		int fd = out->fd;
		out->fd = -1;
		if (close(fd) != 0 && errno != EINTR)
			rc = write_failed(out, errno, err, err_size);
	}
	if (rc == 0 && n_bytes)
		*n_bytes = out->total;
	/* Closing the temporary file releases its lock, so only after the
	 * rename (or the unlink): a file synced by fsync() has nothing left
	 * for close() to report. */
	output_free(out);
	return rc;
}

bool output_abandon(struct output *out, char *err, size_t err_size)
{
	bool failed = out->error != 0;
	if (failed)
		write_failed(out, out->error, err, err_size);
	if (out->kind == TO_NEW || out->kind == TO_REPLACE)
		(void)unlinkat(out->dir_fd, out->temp, 0);
	output_free(out);
	return failed;
}

/* ---- new files in a folder being made ------------------------------------- */

int output_create_at(int dir_fd, const char *name, const void *bytes, size_t n,
		     const char *shown, char *err, size_t err_size)
{
	int fd = openat(dir_fd, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
	if (fd < 0)
		return fail(err, err_size, "cannot write %s: %s", shown, strerror(errno));
	int rc = 0;
	if (write_all(fd, bytes, n) != 0 || fsync(fd) != 0)
		rc = fail(err, err_size, "cannot write %s: %s", shown, strerror(errno));
	if (close(fd) != 0 && rc == 0 && errno != EINTR)
		rc = fail(err, err_size, "cannot write %s: %s", shown, strerror(errno));
	if (rc != 0)
		(void)unlinkat(dir_fd, name, 0);
	return rc;
}
