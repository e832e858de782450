/* folder.h - opening the files of a report folder, never one outside it.
 *
 * Every input of a report (the six XML files, the images) is opened here
 * exactly once, and its bytes are read through that descriptor only: a
 * symbolic link inside the folder is followed, one that leads out is
 * refused before anything is opened, and a link swapped in after the check
 * cannot redirect the open (each component is opened with O_NOFOLLOW below
 * the folder's own descriptor). */
#ifndef REPORTC_FOLDER_H
#define REPORTC_FOLDER_H

#include <stdbool.h>
#include <sys/stat.h>

struct folder;

/* Opens the folder dir; NULL with errno set when it cannot be opened.
 * Valid until folder_free(). */
struct folder *folder_new(const char *dir);
void folder_free(struct folder *f);

enum folder_error {
	FOLDER_OK,
	FOLDER_SYSTEM,      /* the system refused: errno says why (ENOENT: no such file) */
	FOLDER_OUTSIDE,     /* a symbolic link or `..` leads out of the folder */
	FOLDER_NOT_REGULAR, /* a directory, device, FIFO or socket (never opened) */
};

/* Opens the regular file at rel (relative to the folder) for reading and
 * returns its descriptor (the caller closes it), with *st its fstat();
 * -1 with *why (and errno for FOLDER_SYSTEM) when it cannot. Nothing
 * outside the folder and nothing but a regular file is ever opened: a FIFO
 * cannot block it and a device is not touched. */
int folder_open_file(const struct folder *f, const char *rel, struct stat *st,
		     enum folder_error *why);

#endif
