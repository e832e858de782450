/* notes.h - a reviewer's notes in a draft, mapped to the elements of the
 * report folder they sit on (`reportc notes DIR DRAFT.pdf`).
 *
 * The draft's pages are laid out again from the folder (layout is
 * deterministic); each note's page and rectangle pick the box it sits on,
 * and the box knows the element it shows (struct layout_source). Nothing
 * here writes to the folder: the notes are listed, never applied. */
#ifndef REPORTC_NOTES_H
#define REPORTC_NOTES_H

#include <stdbool.h>
#include <stdio.h>

#include "layout.h"
#include "model.h"
#include "pdf-annots.h"

/* A draft's record (struct dl_record, in the XMP namespace DL_RECORD_NS)
 * as read back: strings malloc'd or NULL. */
struct notes_record {
	char *inputs, *style, *since;
	int changes_first_page, changes_pages;
};

/* Fills *rec from the draft's XMP packet; false when it has no packet or
 * no reportc record (no input hash): the PDF is not a draft reportc made. */
bool notes_record_read(const struct pdf_doc *doc, struct notes_record *rec);
void notes_record_free(struct notes_record *rec);

/* Whether an annotation is reportc's own: a link, a note it marked with a
 * name "reportc-note-N", or a viewer's popup window of a note. */
bool notes_is_own(const struct pdf_annot *a);

enum notes_format { NOTES_TEXT, NOTES_XML };

/* Prints the reviewer's annotations of doc, mapped through the layout
 * src of m (the draft's pages as the folder lays out today; rec says
 * which pages a draft built with --since added), sorted by file, line and
 * column: as "report.xml:LINE:COL: note from AUTHOR (DATE) in "SECTION":
 * TEXT", or as <comment> elements for scrutiny.xml. Returns how many. */
size_t notes_print(const struct model *m, const struct layout_sources *src,
		   const struct notes_record *rec, const struct pdf_doc *doc,
		   enum notes_format format, FILE *out);

#endif
