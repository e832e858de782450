/* watch.h - rebuilding whenever a report folder changes (inotify). */
#ifndef REPORTC_WATCH_H
#define REPORTC_WATCH_H

#include <stddef.h>

/* Calls build(ctx) once, then again each time a file in dir (or in its
 * images/ folder) is written, created, moved or deleted, letting a burst
 * of changes settle for a moment first. Runs until interrupted (SIGINT or
 * SIGTERM), then returns 0; returns -1 with err set when dir cannot be
 * watched. Output of each build is the callback's business. */
int watch_folder(const char *dir, void (*build)(void *ctx), void *ctx, char *err,
		 size_t err_size);

#endif
