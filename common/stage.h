/*
 * stage.h - atomic output: every file of a run is written into a private
 * staging directory inside the output directory, then renamed into place
 * only when the whole run has succeeded (common).
 *
 * A failed run removes its staging directory and leaves the earlier
 * outputs in DIR untouched; no half-written file ever has a final name.
 */
#ifndef TS_COMMON_STAGE_H
#define TS_COMMON_STAGE_H

#include <stdio.h>

#include "common/error.h"

typedef struct ts_stage ts_stage;

/* Creates DIR (and parents) and DIR/.trialscape-tmp.PID. The stage is
 * returned in *out. TS_ERR_OUTPUT when either cannot be made. */
ts_status stage_open(const char *dir, ts_stage **out, ts_error *err);

/* Returns a new path "STAGING/rel" (caller frees with free()) after making
 * the directories of rel. rel uses '/' and is recorded for the commit. */
char *stage_path(ts_stage *st, const char *rel);

/* Opens STAGING/rel for writing ("wb") and records it. */
ts_status stage_fopen(ts_stage *st, const char *rel, FILE **fp,
                      ts_error *err);

/* Closes fp (from stage_fopen), reporting write errors such as a full
 * disk as TS_ERR_OUTPUT naming rel's final path. */
ts_status stage_fclose(ts_stage *st, const char *rel, FILE *fp,
                       ts_error *err);

/* The staging directory and the final directory, as views. */
const char *stage_dir(const ts_stage *st);
const char *stage_final_dir(const ts_stage *st);

/* Renames every recorded file that exists into DIR, making directories as
 * needed, then removes the staging directory and frees st. On failure st
 * is freed too (after discarding what is left). */
ts_status stage_commit(ts_stage *st, ts_error *err);

/* Removes the staging directory with everything in it and frees st.
 * NULL is a no-op. */
void stage_abort(ts_stage *st);

/* mkdir -p; TS_ERR_OUTPUT on failure. */
ts_status fs_mkdir_p(const char *path, ts_error *err);

#endif
