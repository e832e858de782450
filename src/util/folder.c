/* folder.c - opening the files of a report folder, never one outside it. */
#define _XOPEN_SOURCE 700 /* realpath */
#include "folder.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "arena.h"

struct folder {
	int fd;       /* the folder, opened once: every file is opened below it */
	char *real;   /* its path with every symbolic link resolved */
	size_t real_len;
};

struct folder *folder_new(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return NULL;
	char *real = realpath(dir, NULL);
	if (!real) {
		int saved = errno;
		close(fd);
		errno = saved;
		return NULL;
	}
	struct folder *f = xmalloc(sizeof *f);
	*f = (struct folder){ fd, real, strlen(real) };
	return f;
}

void folder_free(struct folder *f)
{
	if (!f)
		return;
	close(f->fd);
	free(f->real);
	free(f);
}

/* The part of the resolved path real below the folder ("" for the folder
 * itself), or NULL when real is not inside it. */
static const char *below(const struct folder *f, const char *real)
{
	if (f->real_len == 1 && f->real[0] == '/')
		return real + 1;
	if (strncmp(real, f->real, f->real_len) != 0)
		return NULL;
	if (real[f->real_len] == '\0')
		return real + f->real_len;
	return real[f->real_len] == '/' ? real + f->real_len + 1 : NULL;
}

int folder_open_file(const struct folder *f, const char *rel, struct stat *st,
		     enum folder_error *why)
{
	/* Where rel leads once every link is followed: it must stay inside. */
	char *path = rel[0] == '/' ? xstrdup(rel) : NULL;
	if (!path) {
		size_t n = f->real_len + strlen(rel) + 2;
		path = xmalloc(n);
		memcpy(path, f->real, f->real_len);
		path[f->real_len] = '/';
		memcpy(path + f->real_len + 1, rel, strlen(rel) + 1);
	}
	char *real = realpath(path, NULL);
	int saved = errno;
	free(path);
	if (!real) {
		errno = saved;
		*why = FOLDER_SYSTEM;
		return -1;
	}
	const char *inner = below(f, real);
	if (!inner) {
		free(real);
		*why = FOLDER_OUTSIDE;
		return -1;
	}
	if (!*inner) {
		free(real);
		*why = FOLDER_NOT_REGULAR;
		return -1;
	}

	/* Then open that resolved path again from the folder's descriptor, one
	 * component at a time and following no link: a link swapped in since
	 * realpath() fails the open (ELOOP) instead of leading elsewhere. */
	char *rest = xstrdup(inner);
	free(real);
	int dir = f->fd, fd = -1;
	char *name = rest;
	*why = FOLDER_SYSTEM;
	for (char *slash; (slash = strchr(name, '/')); name = slash + 1) {
		*slash = '\0';
		int next = openat(dir, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		saved = errno;
		if (dir != f->fd)
			close(dir);
		dir = next;
		if (dir < 0)
			goto out;
	}
	/* Looked at before it is opened, so that no device is ever opened. */
	if (fstatat(dir, name, st, AT_SYMLINK_NOFOLLOW) != 0) {
		saved = errno;
		goto out;
	}
	if (S_ISLNK(st->st_mode)) {
		saved = ELOOP;
		goto out;
	}
	if (!S_ISREG(st->st_mode)) {
		*why = FOLDER_NOT_REGULAR;
		goto out;
	}
	/* O_NONBLOCK: if a FIFO was swapped in meanwhile, the open must not
	 * wait for a writer; fstat() on the descriptor then refuses it. */
	fd = openat(dir, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	saved = errno;
	if (fd >= 0 && fstat(fd, st) != 0) {
		saved = errno;
		close(fd);
		fd = -1;
	} else if (fd >= 0 && !S_ISREG(st->st_mode)) {
		close(fd);
		fd = -1;
		*why = FOLDER_NOT_REGULAR;
	} else if (fd >= 0) {
		*why = FOLDER_OK;
	}
out:
	if (dir >= 0 && dir != f->fd)
		close(dir);
	free(rest);
	errno = saved;
	return fd;
}
