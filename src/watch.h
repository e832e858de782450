/* watch.h - rebuilding whenever a report folder changes (inotify). */
#ifndef REPORTC_WATCH_H
#define REPORTC_WATCH_H

#include <stddef.h>

/* Calls build(ctx) once, then again each time a file in dir or in its
 * images/ folder (also one made later) is written, created, moved or
 * deleted, letting a burst of changes settle for a moment first. Each call
 * runs in a child process, whose exit status is build's return; a build
 * that crashes is reported and the watch goes on. Changes to output (the
 * -o path, or NULL) and to output's temporary files are the build's own
 * and ignored. When dir is removed or moved away, says so and waits for a
 * folder of that name; when one is there again, or another folder
 * replaced it, watches and builds that. Runs until interrupted (SIGINT or
 * SIGTERM), then returns 0; returns -1 with err set when dir cannot be
 * watched at the start. */
int watch_folder(const char *dir, const char *output, int (*build)(void *ctx), void *ctx,
		 char *err, size_t err_size);

#endif
