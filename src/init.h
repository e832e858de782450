/* init.h - `reportc init NEW-DIR --from OLD-DIR`: next year's report folder
 * started from this year's.
 *
 * The old folder is read through the loader into the model and must check
 * clean; the six files of the new folder are written from the model as XML
 * text (no libxml2 here). In the new folder the period is one year on,
 * every figure still to enter is the attribute value "?" (the loader
 * reports each as one rule 11 error, so `reportc check` prints a to-do
 * list), and the narrative is replaced by marked placeholders that
 * check-warnings.c reports as warnings. The names and markers it writes
 * are vocab.h's, which the loader reads: this writer mirrors the loader. */
#ifndef REPORTC_INIT_H
#define REPORTC_INIT_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "model.h"

/* Writes NEW_DIR as next year's folder started from OLD_DIR. NEW_DIR must
 * not exist or be an empty folder; it appears whole or not at all (the
 * files are written into a hidden folder beside it, renamed into place at
 * the end). Returns EXIT_CLEAN on success; EXIT_FINDINGS when OLD_DIR does
 * not check clean; EXIT_CANNOT_RUN when a folder cannot be read or
 * written or NEW_DIR is not empty. On failure err holds one sentence. */
int init_folder(const char *new_dir, const char *old_dir, char *err, size_t err_size);

/* text with each mention of the period starting first_year moved on one
 * year, in the form it is written: "2023-24", "2023–24", "2023/24",
 * "2023-2024", "2023–2024", "2023/2024" (with an en dash too), and its
 * first and last days "1 April 2023" and "31 March 2024". Other years,
 * a year alone ("Structure 2024") and digits that run on are left alone.
 * Allocated in arena. */
const char *init_advance_text(struct arena *arena, const char *text, int first_year);

/* The same day a year later; 29 February becomes 28 February. An absent
 * date (year 0) stays absent. */
struct date init_advance_date(struct date d);

/* s escaped for XML, in arena: & < > always, and in an attribute value
 * also " and the white space characters an XML parser would normalise
 * (tab, line feed, carriage return as character references). */
const char *init_xml_escape(struct arena *arena, const char *s, bool in_attribute);

#endif
