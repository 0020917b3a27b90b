/*
 * plot.c - gnuplot scripts, data files and the gnuplot process (report
 * stage).
 */
#include "report/plot.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "common/strbuf.h"
#include "common/xalloc.h"

#define COLOR_BAR "#3B6EA8"
#define COLOR_BAR_B "#E0892F"   /* compare's B, beside A's blue */

/* Script text must come from us; refuse anything that could be gnuplot
 * syntax (quotes, backquotes, @, $, braces, backslash, newline). */
static int constant_ok(const char *s, int name)
{
    const char *p;

    if (!s || !*s)
        return 0;
    for (p = s; *p; p++) {
        char c = *p;

        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')
            continue;
        if (name)
            return 0;
        if ((c >= 'A' && c <= 'Z') || strchr(" .,:;()/%+-", c))
            continue;
        return 0;
    }
    return 1;
}

#define LABEL_MAX 48     /* characters shown; longer labels are cut */

/* Display width of a UTF-8 label in characters, capped at LABEL_MAX. */
static size_t label_width(const char *s)
{
    size_t n = 0;

    for (; *s; s++)
        if (((unsigned char)*s & 0xC0) != 0x80)
            n++;
    return n > LABEL_MAX ? LABEL_MAX : n;
}

void plot_put_label(FILE *dat, const char *label)
{
    const char *p;
    size_t chars = 0, total = label_width(label);
    int cut = total == LABEL_MAX && strlen(label) > LABEL_MAX;

    fputc('"', dat);
    for (p = label; *p; p++) {
        char c = *p;

        if (((unsigned char)c & 0xC0) != 0x80) {
            if (cut && chars == LABEL_MAX - 3) {
                fputs("...", dat);
                break;
            }
            chars++;
        }
        if (c == '"')
            c = '\'';
        else if (c == '\t' || c == '\n' || c == '\r' || c == '\\')
            c = ' ';
        fputc(c, dat);
    }
    fputc('"', dat);
}

static double pct_or_none(const double *p, size_t i)
{
    return p && p[i] >= 0 ? p[i] : -1.0;
}

static void write_dat(const ts_chart *c, FILE *dat)
{
    size_t i;

    if (c->kind == TS_CHART_PAIRS) {
        /* A header row: gnuplot takes the series' titles from it. */
        fprintf(dat, "# trialscape chart data for %s.gp: label, trials and "
                     "percent of A, then of B (tab-separated)\n",
                c->name);
        plot_put_label(dat, "category");
        fputc('\t', dat);
        plot_put_label(dat, c->series[0] ? c->series[0] : "A");
        fputs("\t\"a_percent\"\t", dat);
        plot_put_label(dat, c->series[1] ? c->series[1] : "B");
        fputs("\t\"b_percent\"\n", dat);
        for (i = 0; i < c->n; i++) {
            plot_put_label(dat, c->labels[i]);
            fprintf(dat, "\t%lu\t%.1f\t%lu\t%.1f\n", c->counts[i],
                    pct_or_none(c->percent, i), c->counts2[i],
                    pct_or_none(c->percent2, i));
        }
        return;
    }
    fprintf(dat, "# trialscape chart data for %s.gp: label, trials, "
                 "percent (tab-separated)\n",
            c->name);
    for (i = 0; i < c->n; i++) {
        plot_put_label(dat, c->labels[i]);
        fprintf(dat, "\t%lu\t%.1f\n", c->counts[i],
                pct_or_none(c->percent, i));
    }
}

/* The plot command for one kind; 'NAME.dat' is the only file it reads. */
static void write_plot(const ts_chart *c, FILE *gp)
{
    if (c->kind == TS_CHART_PAIRS) {
        /* The categories' names at the pair's middle; A above B. */
        fprintf(gp,
                "plot '%s.dat' using (NaN):0:yticlabels(1) notitle, \\\n"
                "     '' using ($2/2.0):($0-0.19):($2/2.0):(0.17) with "
                "boxxyerror lc rgb '" COLOR_BAR "' title columnheader(2), "
                "\\\n"
                "     '' using ($4/2.0):($0+0.19):($4/2.0):(0.17) with "
                "boxxyerror lc rgb '" COLOR_BAR_B "' title columnheader(4), "
                "\\\n"
                "     '' using 2:($0-0.19):(label($2, $3)) with labels left "
                "offset 0.5,0 font ',9' notitle, \\\n"
                "     '' using 4:($0+0.19):(label($4, $5)) with labels left "
                "offset 0.5,0 font ',9' notitle\n",
                c->name);
    } else if (c->kind == TS_CHART_COLUMNS) {
        fprintf(gp,
                "plot '%s.dat' using 0:2:(0.7):xticlabels(1) with boxes "
                "lc rgb '" COLOR_BAR "', \\\n"
                "     '' using 0:2:(label($2, $3)) with labels offset "
                "0,0.8 font ',10'\n",
                c->name);
    } else {
        fprintf(gp,
                "plot '%s.dat' using ($2/2.0):0:($2/2.0):(0.35):"
                "yticlabels(1) with boxxyerror lc rgb '" COLOR_BAR "', \\\n"
                "     '' using 2:0:(label($2, $3)) with labels left offset "
                "0.5,0 font ',10'\n",
                c->name);
    }
}

/* Size in pixels that gives the longest label room, so none is clipped. */
static void chart_size(const ts_chart *c, size_t widest, int *w, int *h)
{
    int rows = (int)c->n;

    *w = 760 + (int)widest * 9;
    if (rows < 4)
        rows = 4;
    *h = c->kind == TS_CHART_COLUMNS ? 650
         : c->kind == TS_CHART_PAIRS ? 220 + 70 * rows
                                     : 180 + 42 * rows;
}

static size_t widest_label(const ts_chart *c)
{
    size_t i, widest = 8;

    for (i = 0; i < c->n; i++)
        if (label_width(c->labels[i]) > widest)
            widest = label_width(c->labels[i]);
    return widest;
}

/* Everything one panel sets before its plot command. */
static void write_panel(const ts_chart *c, FILE *gp, int small)
{
    unsigned long max = 0;
    size_t i, widest = widest_label(c);
    int rows = (int)c->n;

    for (i = 0; i < c->n; i++) {
        if (c->counts[i] > max)
            max = c->counts[i];
        if (c->kind == TS_CHART_PAIRS && c->counts2[i] > max)
            max = c->counts2[i];
    }
    fprintf(gp, "set datafile separator tab\n");
    fprintf(gp, "set datafile commentschars '#'\n");
    fprintf(gp, "label(n, p) = p >= 0 ? sprintf('%%d (%%.0f%%%%)', n, p) "
                ": sprintf('%%d', n)\n");
    fprintf(gp, "set title '%s' font ',%d'\n", c->title, small ? 13 : 14);
    if (c->kind == TS_CHART_PAIRS)
        fprintf(gp, "set key autotitle columnhead\n"
                    "set key outside top center horizontal reverse Left "
                    "samplen 1.5\n");
    else
        fprintf(gp, "unset key\n");
    fprintf(gp, "set style fill solid 0.9 noborder\n");
    fprintf(gp, "set border 3 lc rgb '#444444'\n");
    fprintf(gp, "set tics nomirror textcolor rgb '#222222'\n");
    if (c->kind == TS_CHART_COLUMNS) {
        fprintf(gp, "set ylabel '%s'\n", c->axis);
        fprintf(gp, "set yrange [0:%lu]\n", max + max / 6 + 1);
        fprintf(gp, "set xrange [-0.6:%d.6]\n", rows > 0 ? rows - 1 : 0);
        fprintf(gp, "set xtics rotate by -30 left scale 0\n");
        fprintf(gp, "set grid ytics lc rgb '#DDDDDD'\n");
        fprintf(gp, "set bmargin %d\n", 3 + (int)(widest * 4 / 10));
    } else {
        fprintf(gp, "set xlabel '%s'\n", c->axis);
        fprintf(gp, "set xrange [0:%lu]\n", max + max / 4 + 1);
        fprintf(gp, "set yrange [%d.6:-0.6]\n", rows > 0 ? rows - 1 : 0);
        fprintf(gp, "set ytics scale 0\n");
        fprintf(gp, "set grid xtics lc rgb '#DDDDDD'\n");
        fprintf(gp, "set lmargin %d\n", 3 + (int)widest);
    }
}

static const struct {
    unsigned flag;
    const char *ext;
    const char *terminal;   /* gnuplot terminal name */
} formats[] = {
    {TS_FORMAT_PNG, "png", "pngcairo"},
    {TS_FORMAT_SVG, "svg", "svg"},
    {TS_FORMAT_PDF, "pdf", "pdfcairo"},
};

/* "set terminal ...; set output 'NAME.EXT'" for one format. PDF sizes
 * are in inches, so pixels are divided by 100 there. */
static void write_terminal(FILE *gp, size_t f, const char *name, int w, int h,
                           int font)
{
    fprintf(gp, "\nset terminal %s ", formats[f].terminal);
    if (formats[f].flag == TS_FORMAT_PDF)
        fprintf(gp, "size %.2fin,%.2fin", w / 100.0, h / 100.0);
    else
        fprintf(gp, "size %d,%d", w, h);
    fprintf(gp, " font 'DejaVu Sans,%d'", font);
    fprintf(gp, " noenhanced\nset output '%s.%s'\n", name, formats[f].ext);
}

const char *plot_format_ext(unsigned flag)
{
    size_t f;

    for (f = 0; f < sizeof(formats) / sizeof(formats[0]); f++)
        if (formats[f].flag == flag)
            return formats[f].ext;
    return "";
}

ts_status plot_write(const ts_chart *c, FILE *dat, FILE *gp, ts_error *err)
{
    int width, height;
    size_t f;
    unsigned fmts = c->formats ? c->formats : TS_FORMAT_ALL;

    if (!constant_ok(c->name, 1) || !constant_ok(c->title, 0) ||
        !constant_ok(c->axis, 0))
        return ts_error_set(err, TS_ERR_INTERNAL, NULL, 0, 0,
                            "chart text outside the constant-text rule");
    chart_size(c, widest_label(c), &width, &height);
    write_dat(c, dat);

    fprintf(gp, "# trialscape chart: %s\n", c->title);
    fprintf(gp, "# Rebuild with: gnuplot %s.gp (reads %s.dat)\n", c->name,
            c->name);
    fprintf(gp, "# Labels are read from the data file only.\n\n");
    write_panel(c, gp, 0);
    for (f = 0; f < sizeof(formats) / sizeof(formats[0]); f++) {
        if (!(fmts & formats[f].flag))
            continue;
        write_terminal(gp, f, c->name, width, height, 11);
        write_plot(c, gp);
    }
    fprintf(gp, "unset output\n");
    return TS_OK;
}

int plot_title_ok(const char *title)
{
    const char *p;

    for (p = title; *p; p++)
        if (*p != '\'' && !constant_ok((char[]){*p, '\0'}, 0))
            return 0;
    return strlen(title) <= 120;
}

/* Text inside a double-quoted gnuplot string, where gnuplot runs
 * backquotes and reads backslash escapes: printable ASCII is kept but for
 * `"@$\{}, which become '?', as does anything else. */
static void put_dq_text(FILE *gp, const char *s)
{
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;

        if (c < 0x20 || c > 0x7E || strchr("`\"@$\\{}", c))
            fputc('?', gp);
        else
            fputc(c, gp);
    }
}

ts_status plot_write_figure(const ts_chart *const *charts, size_t n,
                            const char *name, const char *title,
                            const char *caption, unsigned fmts, FILE *gp,
                            ts_error *err)
{
    size_t i, f, rows = (n + 1) / 2;
    int w = 0, h = 0, extra = caption && *caption ? 40 : 0;

    if (!constant_ok(name, 1) || (title && !plot_title_ok(title)))
        return ts_error_set(err, TS_ERR_INTERNAL, NULL, 0, 0,
                            "figure text outside the constant-text rule");
    for (i = 0; i < n; i++) {
        int cw, ch;

        if (!constant_ok(charts[i]->name, 1) ||
            !constant_ok(charts[i]->title, 0) ||
            !constant_ok(charts[i]->axis, 0))
            return ts_error_set(err, TS_ERR_INTERNAL, NULL, 0, 0,
                                "chart text outside the constant-text rule");
        chart_size(charts[i], widest_label(charts[i]), &cw, &ch);
        if (cw > w)
            w = cw;
        if (ch > h)
            h = ch;
    }
    fprintf(gp, "# trialscape figure: panels of the landscape side by side\n"
                "# Rebuild with: gnuplot %s.gp (reads the panels' .dat "
                "files)\n\n",
            name);
    for (f = 0; f < sizeof(formats) / sizeof(formats[0]); f++) {
        if (!(fmts & formats[f].flag))
            continue;
        int height = (int)rows * h + (title ? 60 : 0) + extra;

        write_terminal(gp, f, name, 2 * w, height, 12);
        fputs("set multiplot layout ", gp);
        fprintf(gp, "%zu,2", rows);
        if (extra) {
            /* The caption is the title's second line (or the title):
             * a double-quoted string, for the line break. */
            fputs(" title \"", gp);
            if (title) {
                put_dq_text(gp, title);
                fputs("\\n", gp);
            }
            put_dq_text(gp, caption);
            fprintf(gp, "\" font ',%d'", title ? 16 : 14);
        } else if (title) {
            const char *p;

            fputs(" title '", gp);
            for (p = title; *p; p++) {
                if (*p == '\'')
                    fputc('\'', gp);   /* '' is a quote in '...' */
                fputc(*p, gp);
            }
            fputs("' font ',18'", gp);
        }
        fputs("\n", gp);
        for (i = 0; i < n; i++) {
            fputs("reset\n", gp);
            write_panel(charts[i], gp, 1);
            write_plot(charts[i], gp);
        }
        fputs("unset multiplot\n", gp);
    }
    fprintf(gp, "unset output\n");
    return TS_OK;
}

int plot_gnuplot_available(void)
{
    const char *path = getenv("PATH");
    ts_strbuf sb = {0};
    int found = 0;

    if (!path)
        path = "/usr/bin:/bin";
    while (*path && !found) {
        const char *colon = strchr(path, ':');
        size_t n = colon ? (size_t)(colon - path) : strlen(path);

        sb_reset(&sb);
        if (n)
            sb_append(&sb, path, n);
        else
            sb_putc(&sb, '.');
        sb_puts(&sb, "/gnuplot");
        found = access(sb.buf, X_OK) == 0;
        path += n + (colon ? 1 : 0);
    }
    sb_free(&sb);
    return found;
}

/* First occurrence of needle in hay[0..n) (PDFs hold NUL bytes). */
static char *find_bytes(char *hay, size_t n, const char *needle, size_t m)
{
    size_t i;

    for (i = 0; i + m <= n; i++)
        if (hay[i] == needle[0] && memcmp(hay + i, needle, m) == 0)
            return hay + i;
    return NULL;
}

int plot_pdf_set_date(const char *path, long long epoch)
{
    static const char tag[] = "/CreationDate (D:";
    FILE *fp = fopen(path, "r+b");
    char *buf = NULL, stamp[32];
    long size;
    int done = 0;
    time_t t = (time_t)epoch;
    struct tm tm;

    if (!fp)
        return 0;
    if (fseek(fp, 0, SEEK_END) == 0 && (size = ftell(fp)) > 0 &&
        fseek(fp, 0, SEEK_SET) == 0 && gmtime_r(&t, &tm)) {
        buf = xmalloc((size_t)size + 1);
        if (fread(buf, 1, (size_t)size, fp) == (size_t)size) {
            char *p;

            buf[size] = '\0';
            strftime(stamp, sizeof(stamp), "%Y%m%d%H%M%SZ", &tm);
            p = find_bytes(buf, (size_t)size, tag, sizeof(tag) - 1);
            /* Only the exact 15-character form, so the length (and the
             * PDF's byte offsets) stay the same. */
            if (p && p + sizeof(tag) - 1 + 16 < buf + size &&
                p[sizeof(tag) - 1 + 15] == ')' && strlen(stamp) == 15) {
                long at = (long)(p - buf) + (long)sizeof(tag) - 1;

                done = fseek(fp, at, SEEK_SET) == 0 &&
                       fwrite(stamp, 1, 15, fp) == 15;
            }
        }
    }
    free(buf);
    if (fclose(fp) != 0)
        done = 0;
    return done;
}

ts_status plot_render_start(const char *dir, const char *script,
                            ts_render *job, ts_error *err)
{
    int pipefd[2];
    pid_t pid;

    job->script = script;
    job->pid = -1;
    job->fd = -1;
    if (pipe(pipefd) != 0)
        return ts_error_sys(err, TS_ERR_PLOT, errno, NULL,
                            "cannot start gnuplot");
    pid = fork();
    if (pid < 0) {
        close(pipefd[0]);
        close(pipefd[1]);
        return ts_error_sys(err, TS_ERR_PLOT, errno, NULL,
                            "cannot start gnuplot");
    }
    if (pid == 0) {
        int null = open("/dev/null", O_RDWR);

        if (null >= 0) {
            dup2(null, 0);
            dup2(null, 1);
        }
        dup2(pipefd[1], 2);
        close(pipefd[0]);
        close(pipefd[1]);
        if (chdir(dir) != 0)
            _exit(126);
        execlp("gnuplot", "gnuplot", "-d", script, (char *)NULL);
        _exit(127);
    }
    close(pipefd[1]);
    job->pid = pid;
    job->fd = pipefd[0];
    return TS_OK;
}

ts_status plot_render_finish(ts_render *job, const char *dir,
                             long long epoch, ts_error *err)
{
    const char *script = job->script;
    char msg[200];
    size_t got = 0;
    int status;

    for (;;) {
        char buf[512];
        ssize_t n = read(job->fd, buf, sizeof(buf));

        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        if (got < sizeof(msg) - 1) {
            size_t k = (size_t)n < sizeof(msg) - 1 - got
                           ? (size_t)n
                           : sizeof(msg) - 1 - got;

            memcpy(msg + got, buf, k);
            got += k;
        }
    }
    close(job->fd);
    job->fd = -1;
    msg[got] = '\0';
    while (waitpid(job->pid, &status, 0) < 0)
        if (errno != EINTR)
            return ts_error_sys(err, TS_ERR_PLOT, errno, NULL,
                                "cannot wait for gnuplot");
    job->pid = -1;
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
        if (epoch >= 0) {
            char pdf[4200];
            size_t n = strlen(script);

            if (n > 3 && strcmp(script + n - 3, ".gp") == 0)
                n -= 3;
            snprintf(pdf, sizeof(pdf), "%s/%.*s.pdf", dir, (int)n, script);
            (void)plot_pdf_set_date(pdf, epoch);
        }
        return TS_OK;
    }
    if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
        return ts_error_set(err, TS_ERR_PLOT, script, 0, 0,
                            "cannot run gnuplot: not found");
    {
        char *nl;

        /* gnuplot reports on several lines; keep the most telling one. */
        while (got && (msg[got - 1] == '\n' || msg[got - 1] == ' '))
            msg[--got] = '\0';
        nl = strrchr(msg, '\n');
        return ts_error_set(err, TS_ERR_PLOT, script, 0, 0,
                            "gnuplot failed%s%s", got ? ": " : "",
                            nl ? nl + 1 : msg);
    }
}

ts_status plot_render(const char *dir, const char *script, long long epoch,
                      ts_error *err)
{
    ts_render job;
    ts_status rc = plot_render_start(dir, script, &job, err);

    return rc == TS_OK ? plot_render_finish(&job, dir, epoch, err) : rc;
}
