/* output.h - writes a finished document where -o says: a regular file
 * replaced atomically, a character device or FIFO written directly, or
 * standard output ("-").
 *
 * The back ends (render-pdf, later render-html) only make bytes and hand
 * them to output_write(); this module is the only code that creates,
 * syncs and renames output files. */
#ifndef REPORTC_OUTPUT_H
#define REPORTC_OUTPUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* What a document is: an existing file is replaced without --force only
 * when it already holds the same format (starts with "%PDF-"; with
 * "<!DOCTYPE html" or "<html"). */
enum output_format { OUTPUT_PDF, OUTPUT_HTML };

/* One document being written; see output_open(). */
struct output;

/* Checks, without writing anything, that path may take a new document:
 * "-" (standard output, refused when it is a terminal unless force); a
 * character device or FIFO; a new file in an existing folder; or a regular
 * file that is none of inputs (a NULL-terminated list of the paths the
 * build reads, compared by device and inode) and is empty or already holds
 * format, unless force. Never a folder, block device or socket. A symbolic
 * link is judged by what it points to. Returns 0, or -1 with a one-line
 * reason in err (naming --force when that would help). */
int output_check(const char *path, enum output_format format, bool force,
		 const char *const *inputs, char *err, size_t err_size);

/* Checks path as output_check() does, then opens it: a regular file (new
 * or existing) gets a temporary file beside it, ".reportc-XXXXXXXX.tmp",
 * short whatever the target's name, and locked while in use so that
 * output_open() can remove those a killed build left; a device, FIFO or
 * standard output is written directly (a FIFO waits for its reader).
 * Returns NULL with err set on failure, having made nothing. */
struct output *output_open(const char *path, enum output_format format, bool force,
			   const char *const *inputs, char *err, size_t err_size);

/* The sink a back end writes into (the shape of render_write_fn): appends
 * n bytes to out, a struct output. Returns 0, or -1 once a write has
 * failed; the reason is kept for output_commit() or output_abandon(). */
int output_write(void *out, const void *bytes, size_t n);

/* Finishes and frees out. A regular file: syncs the temporary file, gives
 * it the mode (and, where allowed, the owner) of the file it replaces, or
 * 0666 less the umask for a new one, and renames it over the target, which
 * is thus a new inode (hard links to the old one keep the old content).
 * Others: flushes and closes. Returns 0 with the bytes written in
 * *n_bytes, or -1 with err set; a regular target is then untouched and the
 * temporary file removed. */
int output_commit(struct output *out, uint64_t *n_bytes, char *err, size_t err_size);

/* Gives up on out (the back end failed): removes the temporary file and
 * frees out. Returns true, with the reason in err, when a write had failed
 * (the back end stopped because of it); else leaves err alone. */
bool output_abandon(struct output *out, char *err, size_t err_size);

/* Whether name (a file name, no folder) is a temporary file of
 * output_open(), for a watcher to ignore. */
bool output_is_temporary(const char *name);

/* Creates name in the folder dir_fd as a new file (it must not exist) with
 * mode 0666 less the umask, holding bytes, synced. Returns 0, or -1 with
 * "cannot write SHOWN: reason" in err and nothing left behind. */
int output_create_at(int dir_fd, const char *name, const void *bytes, size_t n,
		     const char *shown, char *err, size_t err_size);

#endif
