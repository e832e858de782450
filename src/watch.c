/* watch.c - rebuilding whenever a report folder changes (inotify), each
 * build in a process of its own. */
#define _GNU_SOURCE

#include "watch.h"

#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "arena.h"
#include "output.h"

enum {
	SETTLE_MS = 150, /* editors write a file in several steps */
	CHECK_MS = 1000, /* how often the folder is checked to be still the same */
};

static const uint32_t file_events = IN_CLOSE_WRITE | IN_CREATE | IN_DELETE | IN_MOVED_TO |
				    IN_MOVED_FROM | IN_ATTRIB | IN_ONLYDIR;

static volatile sig_atomic_t stop_requested;

static void on_signal(int sig)
{
	(void)sig;
	stop_requested = 1;
}

struct watch {
	const char *dir;
	const char *output;       /* -o as given, or NULL */
	int (*build)(void *ctx);
	void *ctx;
	int fd;                   /* inotify */
	int wd_dir, wd_images;    /* -1 when not watched */
	struct stat dir_st, images_st; /* the folders watched */
	bool gone;                /* dir was removed; waiting for it */
	/* The folder and name the output is written to: events naming it
	 * there are the build's own, not changes. */
	bool has_out;
	struct stat out_dir_st;
	char *out_base;
};

static bool same_inode(const struct stat *a, const struct stat *b)
{
	return a->st_dev == b->st_dev && a->st_ino == b->st_ino;
}

/* Finds where the output lands (through a symbolic link, if -o is one). */
static void locate_output(struct watch *w)
{
	w->has_out = false;
	if (!w->output || strcmp(w->output, "-") == 0)
		return;
	char *real = realpath(w->output, NULL);
	const char *path = real ? real : w->output;
	const char *slash = strrchr(path, '/');
	char *folder;
	if (!slash) {
		folder = xstrdup(".");
	} else {
		size_t len = slash == path ? 1 : (size_t)(slash - path);
		folder = xmalloc(len + 1);
		memcpy(folder, path, len);
		folder[len] = '\0';
	}
	if (stat(folder, &w->out_dir_st) == 0) {
		free(w->out_base);
		w->out_base = xstrdup(slash ? slash + 1 : path);
		w->has_out = true;
	}
	free(folder);
	free(real);
}

/* (Re)watches dir/images, which may come and go. */
static void watch_images(struct watch *w)
{
	if (w->wd_images >= 0)
		(void)inotify_rm_watch(w->fd, w->wd_images);
	char images[PATH_MAX];
	snprintf(images, sizeof images, "%s/images", w->dir);
	w->wd_images = inotify_add_watch(w->fd, images, file_events);
	if (w->wd_images >= 0 && stat(images, &w->images_st) != 0) {
		(void)inotify_rm_watch(w->fd, w->wd_images);
		w->wd_images = -1;
	}
}

/* Watches dir and its images/ folder. Returns 0, or -1 with errno set. */
static int attach(struct watch *w)
{
	w->wd_dir = inotify_add_watch(w->fd, w->dir, file_events | IN_DELETE_SELF | IN_MOVE_SELF);
	if (w->wd_dir < 0)
		return -1;
	if (stat(w->dir, &w->dir_st) != 0) {
		int e = errno;
		(void)inotify_rm_watch(w->fd, w->wd_dir);
		w->wd_dir = -1;
		errno = e;
		return -1;
	}
	w->wd_images = -1;
	watch_images(w);
	return 0;
}

static void detach(struct watch *w)
{
	if (w->wd_images >= 0)
		(void)inotify_rm_watch(w->fd, w->wd_images);
	if (w->wd_dir >= 0)
		(void)inotify_rm_watch(w->fd, w->wd_dir);
	w->wd_dir = w->wd_images = -1;
}

/* Whether an event about name in the folder st is the build's own doing:
 * its output or a temporary file of it. */
static bool is_own(const struct watch *w, const struct stat *st, const char *name)
{
	return output_is_temporary(name) ||
	       (w->has_out && same_inode(st, &w->out_dir_st) && strcmp(name, w->out_base) == 0);
}

/* Reads the pending events; true when one of them changes the report. */
static bool read_events(struct watch *w)
{
	_Alignas(struct inotify_event) char buf[4096];
	bool changed = false;
	for (;;) {
		ssize_t n = read(w->fd, buf, sizeof buf);
		if (n <= 0)
			return changed;
		for (char *p = buf; p < buf + n;) {
			const struct inotify_event *ev = (const struct inotify_event *)p;
			p += sizeof *ev + ev->len;
			const char *name = ev->len ? ev->name : "";
			if (ev->mask & IN_Q_OVERFLOW) {
				/* Events were lost: anything may have changed. */
				watch_images(w);
				changed = true;
			} else if (ev->wd == w->wd_dir && *name) {
				/* An images/ folder made, removed or renamed since. */
				if (strcmp(name, "images") == 0)
					watch_images(w);
				changed |= !is_own(w, &w->dir_st, name);
			} else if (ev->wd == w->wd_dir) {
				/* The folder itself; its removal or replacement is
				 * noticed by still_there(). */
				changed |= (ev->mask & IN_ATTRIB) != 0;
			} else if (ev->wd == w->wd_images && w->wd_images >= 0) {
				if (ev->mask & IN_IGNORED)
					w->wd_images = -1;
				else
					changed |= !*name || !is_own(w, &w->images_st, name);
			}
		}
	}
}

/* Builds in a child process, so that no input, however broken, can take
 * the watcher down with it (a crash, an assertion, memory never given
 * back); then notes where the output went. */
static void run_build(struct watch *w)
{
	fflush(NULL);
	pid_t pid = fork();
	if (pid == 0) {
		/* Ctrl-C stops the build at once; a temporary file it leaves
		 * is removed by the next build. */
		signal(SIGINT, SIG_DFL);
		signal(SIGTERM, SIG_DFL);
		close(w->fd);
		exit(w->build(w->ctx));
	}
	if (pid < 0) {
		fprintf(stderr, "reportc: cannot start a build (%s); building in the watcher\n",
			strerror(errno));
		(void)w->build(w->ctx);
	} else {
		int status;
		while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
			;
		if (WIFSIGNALED(status) && WTERMSIG(status) != SIGINT && WTERMSIG(status) != SIGTERM)
			fprintf(stderr, "reportc: the build of %s crashed (%s); this is a bug in "
					"reportc: please report it with the folder. Still watching.\n",
				w->dir, strsignal(WTERMSIG(status)));
	}
	locate_output(w);
}

/* Checks that dir is still the folder watched. When it was removed, says
 * so once and waits for it; when a folder is there again (or another one
 * replaced it), watches that and returns true: build it. */
static bool folder_replaced(struct watch *w)
{
	struct stat st;
	bool there = stat(w->dir, &st) == 0 && S_ISDIR(st.st_mode);
	if (there && !w->gone && same_inode(&st, &w->dir_st))
		return false;
	if (!there) {
		if (!w->gone) {
			detach(w);
			w->gone = true;
			fprintf(stderr, "reportc: %s was removed or moved away; waiting for a folder "
					"of that name to build again (Ctrl-C to stop)\n", w->dir);
		}
		return false;
	}
	bool same = same_inode(&st, &w->dir_st);
	detach(w);
	if (attach(w) != 0) {
		if (!w->gone)
			fprintf(stderr, "reportc: cannot watch %s any more: %s; waiting for it "
					"(Ctrl-C to stop)\n", w->dir, strerror(errno));
		w->gone = true;
		return false;
	}
	fprintf(stderr, same ? "reportc: %s is there again; building it\n"
			     : "reportc: %s was replaced by another folder; building and "
			       "watching that one\n", w->dir);
	w->gone = false;
	return true;
}

int watch_folder(const char *dir, const char *output, int (*build)(void *ctx), void *ctx,
		 char *err, size_t err_size)
{
	struct watch w = { .dir = dir, .output = output, .build = build, .ctx = ctx,
			   .wd_dir = -1, .wd_images = -1 };
	w.fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
	if (w.fd < 0 || attach(&w) != 0) {
		snprintf(err, err_size, "cannot watch %s: %s", dir, strerror(errno));
		if (w.fd >= 0)
			close(w.fd);
		return -1;
	}

	struct sigaction sa = { 0 };
	sa.sa_handler = on_signal;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);

	locate_output(&w);
	run_build(&w);
	fprintf(stderr, "reportc: watching %s for changes (Ctrl-C to stop)\n", dir);
	while (!stop_requested) {
		struct pollfd p = { .fd = w.fd, .events = POLLIN };
		int ready = poll(&p, 1, CHECK_MS);
		if (ready < 0 && errno != EINTR)
			break;
		bool changed = ready > 0 && read_events(&w);
		/* Let a burst settle: keep reading until quiet. */
		if (changed)
			while (!stop_requested && poll(&p, 1, SETTLE_MS) > 0)
				read_events(&w);
		if (folder_replaced(&w))
			changed = true;
		if (changed && !w.gone && !stop_requested)
			run_build(&w);
	}
	detach(&w);
	close(w.fd);
	free(w.out_base);
	return 0;
}
