/* watch.c - rebuilding whenever a report folder changes (inotify). */
#define _GNU_SOURCE

#include "watch.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/inotify.h>
#include <unistd.h>

enum { SETTLE_MS = 150 }; /* editors write a file in several steps */

static volatile sig_atomic_t stop_requested;

static void on_signal(int sig)
{
	(void)sig;
	stop_requested = 1;
}

/* Reads and discards pending events; true when any was read. */
static bool drain(int fd)
{
	_Alignas(struct inotify_event) char buf[4096];
	bool any = false;
	for (;;) {
		ssize_t n = read(fd, buf, sizeof buf);
		if (n <= 0)
			return any;
		any = true;
	}
}

int watch_folder(const char *dir, void (*build)(void *ctx), void *ctx, char *err,
		 size_t err_size)
{
	int fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
	if (fd < 0) {
		snprintf(err, err_size, "cannot watch %s: %s", dir, strerror(errno));
		return -1;
	}
	const uint32_t mask = IN_CLOSE_WRITE | IN_CREATE | IN_DELETE | IN_MOVED_TO |
			      IN_MOVED_FROM | IN_ATTRIB;
	if (inotify_add_watch(fd, dir, mask) < 0) {
		snprintf(err, err_size, "cannot watch %s: %s", dir, strerror(errno));
		close(fd);
		return -1;
	}
	char images[4096];
	snprintf(images, sizeof images, "%s/images", dir);
	inotify_add_watch(fd, images, mask); /* the folder is optional */

	struct sigaction sa = { 0 };
	sa.sa_handler = on_signal;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);

	build(ctx);
	fprintf(stderr, "reportc: watching %s for changes (Ctrl-C to stop)\n", dir);
	while (!stop_requested) {
		struct pollfd p = { .fd = fd, .events = POLLIN };
		int ready = poll(&p, 1, -1);
		if (ready < 0 && errno != EINTR)
			break;
		if (ready <= 0 || !drain(fd))
			continue;
		/* Let the burst settle: keep draining until quiet. */
		while (!stop_requested && poll(&p, 1, SETTLE_MS) > 0)
			drain(fd);
		if (!stop_requested)
			build(ctx);
	}
	close(fd);
	return 0;
}
