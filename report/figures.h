/*
 * figures.h - the run's figures: one per panel or view (figures/NAME.gp,
 * .dat and images), the combined Fig. 1, panels A-H, and Fig. 2, panels
 * A-I: trends, sponsors, enrollment and design (report stage).
 *
 * Which figures exist is one table in figures.c; a figure draws a table
 * (horizontal bars, through the same view as the workbook's chart), or a
 * cross-tab (columns per start year stacked by its columns, or a heatmap
 * with the phase-gap rule). A new table becomes a figure by adding a row.
 */
#ifndef TS_REPORT_FIGURES_H
#define TS_REPORT_FIGURES_H

#include "common/stage.h"
#include "report/plot.h"
#include "report/report.h"

/*
 * Writes every figure's .dat and .gp into the stage's figures/ and, when
 * render, runs gnuplot on them (in up to opts->jobs processes): with
 * rendering NULL it waits for them; otherwise it only starts them and
 * sets *rendering for report_charts_finish(). TS_ERR_OUTPUT when a file
 * cannot be written, TS_ERR_PLOT when gnuplot fails.
 */
ts_status figures_write(ts_stage *st, const ts_run *run,
                        const ts_report_opts *opts, int render,
                        ts_charts **rendering, ts_error *err);

/* Writes figures/NAME.dat and NAME.gp of one figure into the stage and
 * records its images for the commit. TS_ERR_OUTPUT or TS_ERR_INTERNAL. */
ts_status figures_write_one(ts_stage *st, const ts_figure *fig,
                            ts_error *err);

/* The panels of fig1 that draw one table (A-G), in order, for the paired
 * figures of `compare`. */
typedef struct ts_panel {
    ts_table table;
    const char *name;           /* file stem: "phase" */
    const char *script;         /* "phase.gp"; static, as errors name it */
    const char *title;          /* short: "Phase" */
} ts_panel;

size_t figures_npanels(void);
/* Panel k (0-based), or NULL past the last. */
const ts_panel *figures_panel(size_t k);

#endif
