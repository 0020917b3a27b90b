/*
 * trends.h - the figures beyond Fig. 1: trials started per year by phase,
 * modality and status group; the top industry and other lead sponsors by
 * phase; median planned and actual enrollment by phase; allocation,
 * masking and results posted (report stage).
 *
 * Each panel is figures/NAME.dat and NAME.gp (plot.h), and fig2.gp draws
 * them all on one page.
 */
#ifndef TS_REPORT_TRENDS_H
#define TS_REPORT_TRENDS_H

#include <stddef.h>

#include "common/error.h"
#include "common/stage.h"
#include "report/report.h"

/* Scripts trends_write() adds: one per panel, then fig2.gp. */
size_t trends_nscripts(void);

/*
 * Writes every panel's .dat and .gp and fig2.gp into the stage's
 * figures/ (top bars in the sponsors' panels; formats as TS_FORMAT_*
 * bits, 0 for all; caption, or NULL, under fig2's title as in
 * plot_write_figure()) and records their images. scripts[0..trends_nscripts())
 * receive the scripts' names (static strings), to be rendered.
 */
ts_status trends_write(ts_stage *st, const ts_run *run, unsigned long top,
                       unsigned formats, const char *caption,
                       const char **scripts, ts_error *err);

#endif
