/* model-diff.h - what changed between two versions of a report folder, on
 * the model (not on the PDF's text): figures old and new, sections added and
 * removed, blocks whose text changed, scrutineer comments added. A draft
 * built with --since marks and lists them (layout reads this).
 *
 * Blocks are "the same" by id first (sections), then by position: within
 * one parent, a sequence diff (longest common subsequence of the blocks'
 * contents) pairs the rest, so that an insertion does not mark everything
 * after it. A renamed id is a removal and an addition. */
#ifndef REPORTC_MODEL_DIFF_H
#define REPORTC_MODEL_DIFF_H

#include <stdbool.h>
#include <stddef.h>

#include "model.h"

enum change_kind {
	CHANGE_FIGURE,           /* "LADO referrals 2023-24: from 258 to 265" (no arrow in the fonts) */
	CHANGE_SECTION_ADDED,
	CHANGE_SECTION_REMOVED,
	CHANGE_TEXT,             /* text changed in a section */
	CHANGE_COMMENT,          /* a scrutineer comment added */
};

struct model_change {
	enum change_kind kind;
	const char *text;             /* what the changes page says */
	const struct block *block;    /* where it shows in the new model, or NULL */
};

struct model_diff {
	struct arena *arena;
	struct model_change *changes; /* figures, sections, texts, comments, each in order */
	size_t n_changes, cap_changes;
	const struct block **changed; /* blocks of the new model to bar, sorted */
	size_t n_changed, cap_changed;
	const struct block **removed; /* blocks of the new model after a removal, sorted */
	size_t n_removed, cap_removed;
};

/* Compares the older model with the newer; the result points into both
 * and is valid while they are. */
struct model_diff *model_diff_new(const struct model *older, const struct model *newer);
void model_diff_free(struct model_diff *d);

/* Is b (of the newer model) new or changed? Did something stand before it
 * that is gone? */
bool model_diff_changed(const struct model_diff *d, const struct block *b);
bool model_diff_removed_before(const struct model_diff *d, const struct block *b);

#endif
