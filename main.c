/*
 * main.c - trialscape's command line: options, wiring of the stages
 * (ingest -> analyze -> report) and exit codes. Nothing else lives here.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "analyze/compare.h"
#include "analyze/dict.h"
#include "analyze/filter.h"
#include "analyze/indication.h"
#include "analyze/landscape.h"
#include "analyze/merge.h"
#include "common/error.h"
#include "common/log.h"
#include "common/stage.h"
#include "common/strbuf.h"
#include "common/xalloc.h"
#include "ingest/ictrp_xml.h"
#include "ingest/ingest.h"
#include "report/comparison.h"
#include "report/plot.h"
#include "report/report.h"
#include "report/trials.h"
#include "report/xlsx.h"

#include <csv.h>

#ifndef TS_VERSION
#define TS_VERSION "0.1.0"
#endif
#ifndef TS_DATADIR
#define TS_DATADIR "/usr/local/share/trialscape"
#endif

#define WARNINGS_KEPT 200       /* in manifest and workbook */
#define WARNINGS_SHOWN 20       /* on stderr, per input */

enum ts_exit {
    TS_EXIT_OK = 0,         /* success, warnings allowed */
    TS_EXIT_DATA = 1,       /* --strict hit, unusable input, no trials */
    TS_EXIT_USAGE = 2,      /* bad command line */
    TS_EXIT_INPUT = 3,      /* an input cannot be read */
    TS_EXIT_OUTPUT = 4,     /* an output cannot be written */
    TS_EXIT_INTERNAL = 5    /* a bug, or out of memory */
};

#define MAX_DICTS 32
#define MAX_SIDE_FILES 64       /* --add-a, --add-b */

typedef struct ts_options {
    const char *outdir;         /* -o */
    const char *dicts[MAX_DICTS];   /* --dict, in order */
    size_t ndicts;
    const char *indications;    /* --indications */
    unsigned long top;          /* --top */
    unsigned formats;           /* --format, TS_FORMAT_* bits */
    const char *title;          /* --title */
    const char *query;          /* --query */
    double figure_mm;           /* --size: fig1's width */
    double panel_mm;            /* --size: single panels' width */
    size_t max_field;           /* --max-field */
    int strict;                 /* --strict */
    int explain;                /* classify --explain */
    ts_table panel_f;           /* --targets: panel F's view */
    int verbosity;              /* -q = -1, -v = +1 each */
    int charts;                 /* 0 with --no-charts */
    int jobs;                   /* -j: threads */
    ts_denominator denominator; /* --denominator */
    ts_filter *filter;          /* owned; --where, NULL without */
    char **files;               /* borrowed from argv */
    size_t nfiles;
    /* compare */
    const char *label[2];       /* --label-a, --label-b */
    char *more[2][MAX_SIDE_FILES];  /* --add-a, --add-b; borrowed */
    size_t nmore[2];
    int compare_opts;           /* a compare-only option was given */
} ts_options;

typedef enum parse_result {
    PARSE_OK, PARSE_HELP, PARSE_VERSION, PARSE_ERROR
} parse_result;

static const char usage_text[] =
    "Usage: trialscape run [OPTIONS] FILE...\n"
    "       trialscape compare [OPTIONS] A B\n"
    "       trialscape classify [--dict FILE]... [--explain] TEXT...\n"
    "       trialscape --help | --version\n"
    "\n"
    "Turns clinical-trial registry exports into a trial landscape: tables,\n"
    "charts and a workbook of trials by phase, status and more.\n"
    "\n"
    "Commands:\n"
    "  run FILE...          analyse exports (ClinicalTrials.gov current\n"
    "                       ctg-studies.csv, classic SearchResults .csv/.tsv;\n"
    "                       WHO ICTRP CSV and XML, EU CTR full text, CTIS\n"
    "                       and ISRCTN CSV; told apart by their content);\n"
    "                       '-' (or no FILE, when stdin is not a terminal)\n"
    "                       reads standard input\n"
    "  compare A B          compare two landscapes: two snapshots of one\n"
    "                       search (what changed) or two searches (disease\n"
    "                       vs field); the run's options apply to both\n"
    "  classify TEXT...     print how intervention texts are classified\n"
    "                       (TSV: input, substance, modality, chemo_class,\n"
    "                       targets, immuno_targets); '-' reads one text a\n"
    "                       line from standard input\n"
    "\n";

/* The rest of the help (C11 caps a string literal's length). */
static const char usage_options[] =
    "Options:\n"
    "      --add-a=FILE, --add-b=FILE  compare: another export for side A\n"
    "                       or B (repeatable), read with it as run reads\n"
    "                       several files\n"
    "      --denominator=WHICH  percentages of 'all' trials (default) or of\n"
    "                       the trials with a 'known' value in each table\n"
    "      --dict=FILE      add or override substances (same columns as\n"
    "                       substances.tsv); repeatable\n"
    "      --explain        classify: after each row, one line per value\n"
    "                       naming the dictionary file and line, rule or\n"
    "                       INN stem that decided it\n"
    "      --format=LIST    figure formats, comma-separated: png,svg,pdf\n"
    "                       (default: all three)\n"
    "  -h, --help           show this help and exit\n"
    "      --indications=WHICH  how conditions are grouped (panel C):\n"
    "                       'auto' (default: a shipped rule set that fits\n"
    "                       the trials, else MeSH at a level chosen from\n"
    "                       the data), 'mesh' (MeSH only), a shipped set\n"
    "                       (sarcoma, solid-tumours, haematological) or a\n"
    "                       rule FILE (see data/README.md)\n"
    "  -j, --jobs=N         threads (default 2: the workbook's Trials\n"
    "                       sheet is built while the inputs are read;\n"
    "                       up to N gnuplot processes draw the figures)\n"
    "      --label-a=TEXT, --label-b=TEXT  compare: the names of A and B in\n"
    "                       the workbook, figures and manifest (default:\n"
    "                       their file names)\n"
    "      --max-field=SIZE  a longer field makes its row bad (default 16M)\n"
    "      --no-charts      write figures/*.gp and *.dat but do not run gnuplot\n"
    "  -o, --output=DIR     output directory (default: trialscape-out)\n"
    "  -q, --quiet          no warnings or summary (errors are always shown)\n"
    "      --query=TEXT     the registry search that gave the exports, as\n"
    "                       you typed it (shown in the workbook's Summary)\n"
    "      --size=MM[,MM]   figure widths in millimetres: fig1 (default 180,\n"
    "                       a double column) and single panels (default 85)\n"
    "      --strict         the first malformed row is a fatal error\n"
    "      --targets=VIEW   panel F counts trials per 'target' (default),\n"
    "                       per target 'family' (VEGFR, PDGFR, ...) or per\n"
    "                       drug's 'primary' (first) target; the workbook\n"
    "                       and tables/ hold all three\n"
    "      --title=TEXT     title of fig1 and of the workbook's Summary\n"
    "      --top=N          bars in the top-N charts (default 10)\n"
    "  -v, --verbose        per-input counts; repeatable\n"
    "  -V, --version        print version information and exit\n"
    "      --where=EXPR     keep only the trials for which EXPR holds;\n"
    "                       repeatable (all must hold). EXPR is\n"
    "                       FIELD=V1,V2 (any of the values), FIELD>=N,\n"
    "                       FIELD<=N (start_year, enrollment) or\n"
    "                       FIELD~TEXT (the text contains TEXT). Fields:\n"
    "                       phase, status, status_group, study_type,\n"
    "                       funder_type, start_year, enrollment,\n"
    "                       indication, regimen, modality, substance,\n"
    "                       chemo_class, target, immuno_target, country,\n"
    "                       registry, sponsor, condition, intervention,\n"
    "                       title. Values are the tables' labels:\n"
    "                       --where 'phase=Phase II,Phase III'\n";

/* The rest of --help (a string of its own: C99 compilers need accept
 * only 4095 characters in one). */
static const char usage_notes[] =
    "\n"
    "Dictionaries are read from $TRIALSCAPE_DATA, else data/ beside the\n"
    "program (a build tree), else ../share/trialscape beside its folder (an\n"
    "installed tree, wherever it is), else " TS_DATADIR ".\n"
    "\n"
    "Records of one trial (the same number, or registry numbers that link\n"
    "them across registries and inputs) are merged and counted once;\n"
    "tables/duplicates.tsv lists what was merged and why.\n"
    "\n"
    "Outputs in DIR: landscape.xlsx, tables/NAME.tsv, trials.tsv, figures/\n"
    "(NAME.gp, .dat, .png, .svg, .pdf) and manifest.json; for compare,\n"
    "compare.xlsx, tables/NAME.tsv side by side (category, a_trials,\n"
    "a_percent, b_trials, b_percent, difference_points), changes.tsv\n"
    "(nct_id, change, from, to: added, removed, status, phase), figures/\n"
    "and manifest.json. They are written to a temporary directory and moved\n"
    "into DIR only when the command succeeds.\n"
    "\n"
    "Exit status:\n"
    "  0  success (warnings allowed)\n"
    "  1  data error: --strict hit, an unusable input, or no trials at all\n"
    "  2  usage error\n"
    "  3  an input file cannot be read\n"
    "  4  an output cannot be written\n"
    "  5  internal error or out of memory\n";

/* Prints "trialscape: WHAT[ 'ARG']" and the pointer to --help. */
static void usage_error(const char *what, const char *arg)
{
    if (arg)
        fprintf(stderr, "trialscape: %s '%s'\n", what, arg);
    else
        fprintf(stderr, "trialscape: %s\n", what);
    fputs("Try 'trialscape --help' for more information.\n", stderr);
}

static int print_help(void)
{
    fputs(usage_text, stdout);
    fputs(usage_options, stdout);
    fputs(usage_notes, stdout);
    return TS_EXIT_OK;
}

static int print_version(void)
{
    printf("trialscape %s\n", TS_VERSION);
    printf("libxlsxwriter %s, libcsv %d.%d.%d, %s\n", xlsx_library_version(),
           CSV_MAJOR, CSV_MINOR, CSV_RELEASE, ictrp_xml_library_version());
    return TS_EXIT_OK;
}

/* "16M", "512K", "1G", "4096" -> bytes in [1K, 1G]; 0 if invalid. */
static size_t parse_size(const char *s)
{
    char *end;
    unsigned long long v;

    errno = 0;
    if (*s < '0' || *s > '9')
        return 0;
    v = strtoull(s, &end, 10);
    if (errno)
        return 0;
    if (*end == 'K' || *end == 'k')
        v *= 1024, end++;
    else if (*end == 'M' || *end == 'm')
        v *= 1024 * 1024, end++;
    else if (*end == 'G' || *end == 'g')
        v *= 1024ULL * 1024 * 1024, end++;
    if (*end || v < 1024 || v > 1024ULL * 1024 * 1024)
        return 0;
    return (size_t)v;
}

/* "png,svg" -> bits; 0 for anything else. */
/* A whole number from 1 to max; 0 when s is not one. */
static int parse_count(const char *s, unsigned long max, unsigned long *v)
{
    char *end;
    unsigned long n;

    errno = 0;
    n = strtoul(s, &end, 10);
    if (errno || *end || end == s || n < 1 || n > max || s[0] == '-')
        return 0;
    *v = n;
    return 1;
}

/* "180" or "174,85": fig1's width and, optionally, single panels'
 * width in millimetres; 0 when out of range or malformed. */
static int parse_widths(const char *s, double *figure, double *panel)
{
    char *end;
    double f, p = *panel;

    errno = 0;
    f = strtod(s, &end);
    if (errno || end == s || (*end && *end != ','))
        return 0;
    if (*end == ',') {
        s = end + 1;
        p = strtod(s, &end);
        if (errno || end == s || *end || p < 50 || p > 500)
            return 0;
    }
    if (f < 80 || f > 500)
        return 0;
    *figure = f;
    *panel = p;
    return 1;
}

static unsigned parse_formats(const char *s)
{
    unsigned bits = 0;

    while (*s) {
        const char *comma = strchr(s, ',');
        size_t n = comma ? (size_t)(comma - s) : strlen(s);

        if (n == 3 && strncmp(s, "png", 3) == 0)
            bits |= TS_FORMAT_PNG;
        else if (n == 3 && strncmp(s, "svg", 3) == 0)
            bits |= TS_FORMAT_SVG;
        else if (n == 3 && strncmp(s, "pdf", 3) == 0)
            bits |= TS_FORMAT_PDF;
        else
            return 0;
        s += n + (comma ? 1 : 0);
    }
    return bits;
}

/* Adds a --where expression; on a malformed one prints why (with the
 * fields when the field is what is wrong) and returns 0. */
static int add_where(ts_options *o, const char *expr)
{
    ts_error err;

    if (!o->filter)
        o->filter = filter_new();
    if (filter_add(o->filter, expr, &err) == TS_OK)
        return 1;
    fprintf(stderr, "trialscape: --where '%s': %s\n", expr, err.msg);
    if (!filter_names_field(expr))
        fprintf(stderr, "trialscape: the fields are: %s\n",
                filter_field_list());
    fputs("Try 'trialscape --help' for more information.\n", stderr);
    return 0;
}

/* Parses the options of "run"; only main() prints results. */
static parse_result parse_run(int argc, char **argv, ts_options *o)
{
    /* Sorted by long name. */
    static const struct option longopts[] = {
        {"add-a", required_argument, NULL, 'A'},
        {"add-b", required_argument, NULL, 'B'},
        {"denominator", required_argument, NULL, 'D'},
        {"dict", required_argument, NULL, 'd'},
        {"explain", no_argument, NULL, 'E'},
        {"format", required_argument, NULL, 'F'},
        {"help", no_argument, NULL, 'h'},
        {"indications", required_argument, NULL, 'I'},
        {"jobs", required_argument, NULL, 'j'},
        {"label-a", required_argument, NULL, 'L'},
        {"label-b", required_argument, NULL, 'K'},
        {"max-field", required_argument, NULL, 'M'},
        {"no-charts", no_argument, NULL, 'N'},
        {"output", required_argument, NULL, 'o'},
        {"query", required_argument, NULL, 'Q'},
        {"quiet", no_argument, NULL, 'q'},
        {"size", required_argument, NULL, 'Z'},
        {"strict", no_argument, NULL, 'S'},
        {"targets", required_argument, NULL, 'G'},
        {"title", required_argument, NULL, 't'},
        {"top", required_argument, NULL, 'T'},
        {"verbose", no_argument, NULL, 'v'},
        {"version", no_argument, NULL, 'V'},
        {"where", required_argument, NULL, 'W'},
        {NULL, 0, NULL, 0},
    };
    int c;

    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, ":hj:o:qvV", longopts, NULL)) != -1) {
        switch (c) {
        case 'A':
        case 'B': {
            int side = c == 'B';

            if (o->nmore[side] == MAX_SIDE_FILES) {
                usage_error("too many --add-a or --add-b files; the limit is "
                            "64 a side",
                            NULL);
                return PARSE_ERROR;
            }
            o->more[side][o->nmore[side]++] = optarg;
            o->compare_opts = 1;
            break;
        }
        case 'L':
        case 'K':
            o->label[c == 'K'] = optarg;
            o->compare_opts = 1;
            break;
        case 'D':
            if (strcmp(optarg, "all") == 0) {
                o->denominator = TS_DENOM_ALL;
            } else if (strcmp(optarg, "known") == 0) {
                o->denominator = TS_DENOM_KNOWN;
            } else {
                usage_error("--denominator takes 'all' or 'known', not",
                            optarg);
                return PARSE_ERROR;
            }
            break;
        case 'd':
            if (o->ndicts == MAX_DICTS) {
                usage_error("too many --dict files; the limit is 32", NULL);
                return PARSE_ERROR;
            }
            o->dicts[o->ndicts++] = optarg;
            break;
        case 'E':
            o->explain = 1;
            break;
        case 'G':
            if (strcmp(optarg, "target") == 0) {
                o->panel_f = TS_TABLE_TARGETS;
            } else if (strcmp(optarg, "family") == 0) {
                o->panel_f = TS_TABLE_TARGET_FAMILIES;
            } else if (strcmp(optarg, "primary") == 0) {
                o->panel_f = TS_TABLE_PRIMARY_TARGETS;
            } else {
                usage_error("--targets takes 'target', 'family' or "
                            "'primary', not",
                            optarg);
                return PARSE_ERROR;
            }
            break;
        case 'F':
            o->formats = parse_formats(optarg);
            if (!o->formats) {
                usage_error("--format takes a comma-separated list of png, "
                            "svg and pdf, not",
                            optarg);
                return PARSE_ERROR;
            }
            break;
        case 'h':
            return PARSE_HELP;
        case 'I':
            o->indications = optarg;
            break;
        case 'j': {
            unsigned long v;

            if (!parse_count(optarg, 64, &v)) {
                usage_error("--jobs takes a number from 1 to 64, not",
                            optarg);
                return PARSE_ERROR;
            }
            o->jobs = (int)v;
            break;
        }
        case 't':
            if (!plot_title_ok(optarg)) {
                usage_error("--title may hold letters, digits, spaces and "
                            ".,:;()/%+-' (120 at most), not",
                            optarg);
                return PARSE_ERROR;
            }
            o->title = optarg;
            break;
        case 'T':
            if (!parse_count(optarg, 100, &o->top)) {
                usage_error("--top takes a number from 1 to 100, not",
                            optarg);
                return PARSE_ERROR;
            }
            break;
        case 'M':
            o->max_field = parse_size(optarg);
            if (!o->max_field) {
                usage_error("--max-field takes a size such as 16M (1K to "
                            "1G), not",
                            optarg);
                return PARSE_ERROR;
            }
            break;
        case 'N':
            o->charts = 0;
            break;
        case 'o':
            o->outdir = optarg;
            break;
        case 'q':
            o->verbosity = -1;
            break;
        case 'Q':
            o->query = optarg;
            break;
        case 'Z':
            if (!parse_widths(optarg, &o->figure_mm, &o->panel_mm)) {
                usage_error("--size takes widths in millimetres, MM or "
                            "MM,MM (fig1 80 to 500, panels 50 to 500), not",
                            optarg);
                return PARSE_ERROR;
            }
            break;
        case 'S':
            o->strict = 1;
            break;
        case 'v':
            if (o->verbosity >= 0)
                o->verbosity++;
            break;
        case 'V':
            return PARSE_VERSION;
        case 'W':
            if (!add_where(o, optarg))
                return PARSE_ERROR;
            break;
        case ':':
            usage_error("option requires an argument:", argv[optind - 1]);
            return PARSE_ERROR;
        default:
            usage_error("unrecognized option", argv[optind - 1]);
            return PARSE_ERROR;
        }
    }
    o->files = argv + optind;
    o->nfiles = (size_t)(argc - optind);
    if (o->outdir[0] == '\0') {
        usage_error("the output directory name is empty", NULL);
        return PARSE_ERROR;
    }
    return PARSE_OK;
}

/* Where the dictionaries are: $TRIALSCAPE_DATA, data/ beside the binary
 * or one level up (a build tree), share/trialscape beside the binary's
 * bin/ (an installed tree, wherever it was installed or moved), or the
 * DATADIR compiled in. */
static const char *data_dir(void)
{
    static char buf[4096];
    const char *env = getenv("TRIALSCAPE_DATA");
    static const char *const rel[] = {"/data", "/../data",
                                      "/../share/trialscape"};
    ssize_t n;
    size_t i;

    if (env && *env)
        return env;
    n = readlink("/proc/self/exe", buf, sizeof(buf) - 64);
    if (n > 0) {
        char *slash;

        buf[n] = '\0';
        slash = strrchr(buf, '/');
        for (i = 0; slash && i < sizeof(rel) / sizeof(rel[0]); i++) {
            size_t room = sizeof(buf) - (size_t)(slash - buf);

            snprintf(slash, room, "%s/substances.tsv", rel[i]);
            if (access(buf, R_OK) == 0) {
                snprintf(slash, room, "%s", rel[i]);
                return buf;
            }
        }
    }
    return TS_DATADIR;
}

/* The country table: the built-in one, extended by the data folder's
 * countries.tsv when there is one (a user's added lines). */
static ts_status load_countries(const char *dir, ts_countries **countries,
                                ts_error *err)
{
    char path[4200];
    size_t changed = 0;
    ts_status rc;

    *countries = country_new();
    snprintf(path, sizeof(path), "%s/countries.tsv", dir);
    if (access(path, F_OK) != 0) {
        log_msg(TS_LOG_INFO, path, 0, 0,
                "no country file; the built-in country table is used");
        return TS_OK;
    }
    rc = country_load(*countries, path, &changed, err);
    if (rc == TS_OK && changed)
        log_msg(TS_LOG_INFO, path, 0, 0,
                "%zu country spellings beyond the built-in table", changed);
    return rc;
}

/* What conditions are grouped with: the rule sets and MeSH table loaded
 * (owned) and the grouping that uses them. */
typedef struct grouping {
    ts_rules *sets[8];          /* shipped sets, or the user's file */
    size_t nsets;
    ts_mesh *mesh;
    ts_indications *ix;
} grouping;

static void grouping_free(grouping *g)
{
    size_t i;

    indication_free(g->ix);
    for (i = 0; i < g->nsets; i++)
        rules_free(g->sets[i]);
    mesh_free(g->mesh);
    memset(g, 0, sizeof(*g));
}

/* --indications: "auto" (or none), "mesh", a shipped set's name, or a
 * file. A name with '/' or '.' is always a file ("./sarcoma"). */
static ts_status load_grouping(const ts_options *o, const char *dir,
                               grouping *g, ts_error *err)
{
    const char *want = o->indications ? o->indications : "auto";
    int is_file = strchr(want, '/') || strchr(want, '.');
    size_t named = is_file ? (size_t)-1 : indication_find_shipped(want);
    char path[4200], path2[4200];
    ts_status rc = TS_OK;
    size_t i;
    double t0 = log_clock(), c0 = log_cpu_clock();

    g->ix = indication_new();
    if (named != (size_t)-1) {
        snprintf(path, sizeof(path), "%s/%s", dir,
                 indication_shipped_file(named));
        rc = rules_load(path, &g->sets[0], err);
        if (rc != TS_OK)
            return rc;
        g->nsets = 1;
        indication_use_rules(g->ix, g->sets[0],
                             indication_shipped_name(named),
                             TS_GROUPING_NAMED);
        return TS_OK;
    }
    if (is_file || (strcmp(want, "auto") != 0 && strcmp(want, "mesh") != 0)) {
        rc = rules_load(want, &g->sets[0], err);
        if (rc != TS_OK)
            return rc;
        g->nsets = 1;
        indication_use_rules(g->ix, g->sets[0], want, TS_GROUPING_FILE);
        return TS_OK;
    }
    for (i = 0; strcmp(want, "auto") == 0 && i < indication_nshipped(); i++) {
        snprintf(path, sizeof(path), "%s/%s", dir,
                 indication_shipped_file(i));
        rc = rules_load(path, &g->sets[g->nsets], err);
        if (rc != TS_OK)
            return rc;
        indication_add_candidate(g->ix, g->sets[g->nsets],
                                 indication_shipped_name(i));
        g->nsets++;
    }
    snprintf(path, sizeof(path), "%s/mesh-descriptors.tsv", dir);
    snprintf(path2, sizeof(path2), "%s/mesh-terms.tsv", dir);
    rc = mesh_load(path, path2, &g->mesh, err);
    if (rc != TS_OK)
        return rc;
    indication_use_mesh(g->ix, g->mesh);
    log_msg(TS_LOG_INFO, dir, 0, 0,
            "%zu indication rule sets, MeSH: %zu descriptors, %zu terms "
            "(%.1f ms, %.1f ms CPU)",
            g->nsets, mesh_ndescriptors(g->mesh), mesh_nterms(g->mesh),
            (log_clock() - t0) * 1e3, (log_cpu_clock() - c0) * 1e3);
    return TS_OK;
}

/* Loads the dictionaries, --dict overrides, the indication grouping and
 * the country table (g and countries may be NULL: classify needs
 * neither). Prints the error itself. */
static int load_classifier(const ts_options *o, ts_dict **dict, grouping *g,
                           ts_countries **countries)
{
    const char *dir = data_dir();
    ts_error err;
    ts_status rc;
    size_t i;
    double t0 = log_clock(), c0 = log_cpu_clock();

    ts_error_clear(&err);
    *dict = dict_new();
    rc = dict_load_dir(*dict, dir, &err);
    for (i = 0; rc == TS_OK && i < o->ndicts; i++)
        rc = dict_load_substances(*dict, o->dicts[i], 1, &err);
    if (rc == TS_OK)
        log_msg(TS_LOG_INFO, dir, 0, 0,
                "%zu substances, %zu names, %zu regimens, %zu stems (%.1f "
                "ms, %.1f ms CPU)",
                dict_nsubstances(*dict), dict_nkeys(*dict),
                dict_nregimens(*dict), dict_nstems(*dict),
                (log_clock() - t0) * 1e3,
                (log_cpu_clock() - c0) * 1e3);
    if (rc == TS_OK && g)
        rc = load_grouping(o, dir, g, &err);
    if (rc == TS_OK && countries)
        rc = load_countries(dir, countries, &err);
    if (rc != TS_OK) {
        log_error_at(TS_LOG_ERROR, &err);
        return rc == TS_ERR_IO ? TS_EXIT_INPUT : TS_EXIT_DATA;
    }
    return TS_EXIT_OK;
}

/* State of one run, shared with the callbacks. */
typedef struct run_state {
    ts_landscape *ls;
    ts_merge *merge;            /* the trials' records merged */
    int stream_ok;              /* every input after the current one gives
                                 * records merge_defers() says need not
                                 * wait (or none at all) */
    unsigned long arrived;      /* records read from the inputs so far */
    unsigned long fed;          /* records given to the merge so far (some
                                 * wait for automatic indications) */
    unsigned long stream_from;  /* the merge streams from this record on
                                 * (1-based); 0: not yet */
    ts_status merge_rc;         /* the merge's first failure, and its */
    ts_error merge_err;         /* error */
    ts_filter *filter;          /* borrowed; NULL keeps every trial */
    ts_report *report;          /* run: trial-level outputs; else NULL */
    ts_compare *cmp;            /* compare: the identifier set; else NULL */
    int side;                   /* compare: 0 reading A, 1 reading B */
    char **warnings;            /* owned, first WARNINGS_KEPT */
    size_t nwarnings;
    unsigned long warnings_total;
    unsigned long shown;        /* warnings printed for the current input */
    ts_run *run;                /* borrowed; updated while reporting */
    ts_comparison *comparison;  /* borrowed; the same, for compare */
    int progress;               /* draw progress on stderr */
    const char *current;        /* input being read, for progress */
    unsigned long rows;         /* rows of the current input */
    double last_draw;           /* seconds, monotonic */
    double started;
    int drawn;                  /* a progress line is on screen */
} run_state;

/* Redraws "trialscape: FILE: N rows" at most every 250 ms. */
static void draw_progress(run_state *rs, int final)
{
    double t = log_clock();

    if (!final && t - rs->last_draw < 0.25)
        return;
    rs->last_draw = t;
    fprintf(stderr, "\rtrialscape: %s: %lu rows, %.1f s", rs->current,
            rs->rows, t - rs->started);
    rs->drawn = 1;
    if (final) {
        fputc('\n', stderr);
        rs->drawn = 0;
    }
    fflush(stderr);
}

static void keep_warning(run_state *rs, const ts_error *w)
{
    char buf[600];

    rs->warnings_total++;
    if (rs->nwarnings < WARNINGS_KEPT) {
        log_format(buf, sizeof(buf), TS_LOG_WARNING, w->file, w->line,
                   w->column, w->msg);
        if (!rs->warnings)
            rs->warnings = xcalloc(WARNINGS_KEPT, sizeof(char *));
        /* Drop the "trialscape: " prefix in files. */
        rs->warnings[rs->nwarnings++] = xstrdup(buf + 12);
    }
}

static void on_warning(void *ctx, const ts_error *w)
{
    run_state *rs = ctx;

    if (rs->drawn) {
        /* A warning starts on its own line, not after the progress. */
        fputc('\n', stderr);
        rs->drawn = 0;
    }
    keep_warning(rs, w);
    if (rs->shown++ < WARNINGS_SHOWN)
        log_error_at(TS_LOG_WARNING, w);
    if (rs->run) {
        rs->run->warnings = (const char *const *)rs->warnings;
        rs->run->nwarnings = rs->nwarnings;
        rs->run->warnings_total = rs->warnings_total;
    }
    if (rs->comparison) {
        rs->comparison->warnings = (const char *const *)rs->warnings;
        rs->comparison->nwarnings = rs->nwarnings;
        rs->comparison->warnings_total = rs->warnings_total;
    }
}

/* A trial after merging: analysed, counted and written out. */
static void on_trial(void *ctx, const ts_merged *m)
{
    run_state *rs = ctx;
    ts_trial trial;
    int kept;

    landscape_read(rs->ls, m, &trial);
    kept = !rs->filter || filter_match(rs->filter, &trial);
    if (kept)
        landscape_count(rs->ls, &trial);
    else
        landscape_leave_out(rs->ls, &trial);
    if (kept && rs->report)
        report_trial(rs->report, &trial);
    if (rs->cmp && rs->side == 0)
        compare_add_a(rs->cmp, &trial, kept);
    else if (rs->cmp)
        compare_add_b(rs->cmp, &trial, kept);
}

/* Hands one record to the merging stage (a ts_held_fn: the records held
 * for automatic indications come back through here, in their order). The
 * first failure is kept, for on_record() and read_inputs() to return. */
static void feed_merge(void *ctx, const ts_record *rec)
{
    run_state *rs = ctx;
    ts_error err;
    ts_status rc;

    rs->fed++;
    if (rs->stream_from && rs->fed >= rs->stream_from)
        merge_stream(rs->merge);
    if (rs->merge_rc != TS_OK)
        return;
    ts_error_clear(&err);
    rc = merge_add(rs->merge, rec, &err);
    if (rc != TS_OK) {
        rs->merge_rc = rc;
        rs->merge_err = err;
    }
}

static ts_status on_record(void *ctx, const ts_record *rec, ts_error *err)
{
    run_state *rs = ctx;

    rs->arrived++;
    /* The first record of an input after which no outrankable record
     * comes: the merge streams from it on, even if it is held first. */
    if (rs->rows == 0 && rs->stream_ok && !rs->stream_from &&
        !merge_defers(ingest_reader_named(rec->format)))
        rs->stream_from = rs->arrived;
    if (landscape_pending(rs->ls)) {
        /* Automatic indications: the first records wait for the
         * decision, then go through in their order. */
        if (landscape_hold(rs->ls, rec))
            landscape_release(rs->ls, feed_merge, rs);
    } else {
        feed_merge(rs, rec);
    }
    rs->rows++;
    if (rs->progress && (rs->rows & 1023) == 0)
        draw_progress(rs, 0);
    if (rs->merge_rc != TS_OK) {
        *err = rs->merge_err;
        return rs->merge_rc;
    }
    return TS_OK;
}

static long long source_date_epoch(void)
{
    const char *s = getenv("SOURCE_DATE_EPOCH");
    char *end;
    long long v;

    if (!s || !*s)
        return -1;
    errno = 0;
    v = strtoll(s, &end, 10);
    if (errno || *end || v < 0) {
        log_msg(TS_LOG_WARNING, NULL, 0, 0,
                "SOURCE_DATE_EPOCH '%s' is not a number of seconds; ignored",
                s);
        return -1;
    }
    return v;
}

static int exit_for(ts_status s)
{
    switch (s) {
    case TS_OK:
        return TS_EXIT_OK;
    case TS_ERR_USAGE:
        return TS_EXIT_USAGE;
    case TS_ERR_PARSE:
    case TS_ERR_DICT:
        return TS_EXIT_DATA;
    case TS_ERR_IO:
        return TS_EXIT_INPUT;
    case TS_ERR_OUTPUT:
    case TS_ERR_XLSX:
    case TS_ERR_PLOT:
        return TS_EXIT_OUTPUT;
    default:
        return TS_EXIT_INTERNAL;
    }
}

/*
 * The order inputs are read in: as given, except that inputs in a format
 * whose records may be outranked by later ones (merge_defers: anything but
 * ClinicalTrials.gov's own exports) come first, so the records that
 * cannot be outranked are handed over as they are read (merge.h). Fills
 * order[] and, per position, whether all inputs after it are such that
 * need not wait (files that cannot be read or recognised give no
 * records; standard input cannot be looked at twice, so it might).
 */
static void read_order(char *const *files, size_t nfiles, size_t *order,
                       int *stream_ok)
{
    int *defers = xcalloc(nfiles ? nfiles : 1, sizeof(int));
    size_t i, k = 0, any = 0;

    for (i = 0; i < nfiles; i++) {
        const ts_reader *r = ingest_probe(files[i]);

        defers[i] = strcmp(files[i], "-") == 0 ? 2
                    : r && merge_defers(r)          ? 1
                                                    : 0;
        any += defers[i] == 1;
    }
    for (i = 0; i < nfiles; i++)
        if (any && defers[i] == 1)
            order[k++] = i;
    for (i = 0; i < nfiles; i++)
        if (!(any && defers[i] == 1))
            order[k++] = i;
    for (i = nfiles; i-- > 0;)
        stream_ok[i] = i + 1 == nfiles ||
                       (stream_ok[i + 1] && !defers[order[i + 1]]);
    free(defers);
}

/* The modification time of an input file (the export's date), or -1 for
 * standard input and files that cannot be examined. */
static long long input_mtime(const char *path)
{
    struct stat sb;

    if (strcmp(path, "-") == 0 || stat(path, &sb) != 0 ||
        !S_ISREG(sb.st_mode))
        return -1;
    return (long long)sb.st_mtime;
}


/* A --where value no trial has: a warning naming the closest labels. */
static void on_unseen(void *ctx, const char *expr, const char *value,
                      const char *const *closest, size_t nclosest)
{
    run_state *rs = ctx;
    ts_strbuf sb = {0};
    ts_error w;
    size_t i;

    for (i = 0; i < nclosest; i++)
        sb_printf(&sb, "%s\"%s\"", i ? ", " : "", closest[i]);
    if (nclosest)
        ts_error_set(&w, TS_ERR_USAGE, NULL, 0, 0,
                     "--where '%s': no trial has \"%s\"; the closest "
                     "labels are %s",
                     expr, value, sb_str(&sb));
    else
        ts_error_set(&w, TS_ERR_USAGE, NULL, 0, 0,
                     "--where '%s': no trial has \"%s\", nor any value of "
                     "this field",
                     expr, value);
    sb_free(&sb);
    on_warning(rs, &w);
}

/* After reading: the values of --where no trial had, and how many trials
 * the filter kept. */
static void report_filter(run_state *rs)
{
    if (!rs->filter)
        return;
    rs->shown = 0;
    filter_report_unseen(rs->filter, on_unseen, rs);
    log_msg(TS_LOG_INFO, NULL, 0, 0, "--where %s: %lu of %lu trials kept",
            filter_text(rs->filter), filter_passed(rs->filter),
            filter_tested(rs->filter));
}

/* Reads the inputs files[0..nfiles) through rs->merge (which it
 * finishes: every trial is handed over) into rs->ls; returns the exit
 * code their failures call for. */
static int read_inputs(const ts_options *o, run_state *rs,
                       char *const *files, size_t nfiles,
                       ts_run_input *inputs)
{
    ts_ingest_opts iopts;
    int code = TS_EXIT_OK;
    size_t *order = xcalloc(nfiles ? nfiles : 1, sizeof(size_t)), k;
    int *stream_ok = xcalloc(nfiles ? nfiles : 1, sizeof(int));

    iopts.strict = o->strict;
    iopts.max_field = o->max_field;
    iopts.jobs = o->jobs;
    rs->arrived = rs->fed = rs->stream_from = 0;
    rs->merge_rc = TS_OK;
    read_order(files, nfiles, order, stream_ok);
    for (k = 0; k < nfiles; k++) {
        size_t i = order[k];
        ts_run_input *in = &inputs[i];
        ts_error err;
        ts_status rc;
        unsigned long before = rs->arrived;

        ts_error_clear(&err);
        rs->stream_ok = stream_ok[k];
        in->mtime = input_mtime(files[i]);
        rs->shown = 0;
        rs->rows = 0;
        rs->current = strcmp(files[i], "-") == 0 ? "<stdin>" : files[i];
        rs->started = rs->last_draw = log_clock();
        rc = ingest_file(files[i], &iopts, on_record, on_warning, rs,
                         &in->stats, &err);
        if (rs->progress && rs->rows >= 1024)
            draw_progress(rs, 1);
        if (rs->shown > WARNINGS_SHOWN)
            log_msg(TS_LOG_WARNING, in->stats.name, 0, 0,
                    "%lu more warnings not shown (see manifest.json)",
                    rs->shown - WARNINGS_SHOWN);
        if (rc != TS_OK) {
            char buf[400];

            log_error_at(TS_LOG_ERROR, &err);
            log_format(buf, sizeof(buf), TS_LOG_ERROR, err.file, err.line,
                       err.column, err.msg);
            in->failed = 1;
            snprintf(in->error, sizeof(in->error), "%s", buf + 12);
            if (exit_for(rc) == TS_EXIT_INPUT || code == TS_EXIT_OK)
                code = exit_for(rc);
            if ((o->strict && rc == TS_ERR_PARSE) || rc == TS_ERR_OUTPUT)
                break;
            continue;
        }
        if (in->stats.skipped)
            log_msg(TS_LOG_WARNING, in->stats.name, 0, 0,
                    "%lu of %lu rows skipped", in->stats.skipped,
                    in->stats.rows);
        log_msg(TS_LOG_INFO, in->stats.name, 0, 0, "%s, %lu rows, %lu records",
                in->stats.format, in->stats.rows,
                rs->arrived - before);
    }
    free(order);
    free(stream_ok);
    if (code != TS_EXIT_OUTPUT && !(o->strict && code == TS_EXIT_DATA)) {
        /* The spooled trials, once every input is read. */
        ts_error err;
        ts_status rc;

        rs->shown = 0;
        ts_error_clear(&err);
        /* Records still held for automatic indications go through
         * first. */
        landscape_release(rs->ls, feed_merge, rs);
        rc = rs->merge_rc;
        if (rc != TS_OK)
            err = rs->merge_err;
        else
            rc = merge_finish(rs->merge, &err);
        if (rc != TS_OK) {
            log_error_at(TS_LOG_ERROR, &err);
            code = exit_for(rc);
        }
    }
    return code;
}

static int cmd_run(ts_options *o)
{
    run_state rs;
    ts_run_input *inputs;
    ts_stage *st = NULL;
    ts_dict *dict = NULL;
    grouping groups;
    ts_countries *countries = NULL;
    ts_error err;
    ts_status rc;
    ts_run run;
    ts_report_opts ropts;
    long long epoch = source_date_epoch();
    int code;
    static char dash[] = "-";
    char *stdin_only[] = {dash};
    size_t i;

    if (o->nfiles == 0) {
        if (isatty(STDIN_FILENO)) {
            usage_error("no input files (give FILE... or '-')", NULL);
            return TS_EXIT_USAGE;
        }
        o->files = stdin_only;
        o->nfiles = 1;
    }
    memset(&groups, 0, sizeof(groups));
    code = load_classifier(o, &dict, &groups, &countries);
    if (code != TS_EXIT_OK) {
        dict_free(dict);
        grouping_free(&groups);
        country_free(countries);
        return code;
    }
    memset(&rs, 0, sizeof(rs));
    /* Progress only for a person watching: a terminal, not -q. */
    rs.progress = log_verbosity() >= 0 &&
                  (isatty(STDERR_FILENO) ||
                   (getenv("TS_FORCE_TTY") &&
                    strcmp(getenv("TS_FORCE_TTY"), "1") == 0));
    ts_error_clear(&err);
    rs.ls = landscape_new(o->denominator);
    rs.filter = o->filter;
    landscape_set_classifier(rs.ls, dict, NULL);
    landscape_set_indications(rs.ls, groups.ix);
    landscape_set_countries(rs.ls, countries);
    rc = stage_open(o->outdir, &st, &err);
    if (rc == TS_OK)
        rc = report_open(st, rs.ls, TS_VERSION, epoch, o->jobs, &rs.report,
                         &err);
    if (rc == TS_OK) {
        rs.merge = merge_new(stage_dir(st), on_trial, on_warning, &rs);
        merge_set_countries(rs.merge, countries);
    }
    if (rc != TS_OK) {
        log_error_at(TS_LOG_ERROR, &err);
        stage_abort(st);
        landscape_free(rs.ls);
        dict_free(dict);
        grouping_free(&groups);
        country_free(countries);
        return exit_for(rc);
    }
    inputs = xcalloc(o->nfiles, sizeof(*inputs));

    {
        double t0 = log_clock();

        code = read_inputs(o, &rs, o->files, o->nfiles, inputs);
        log_msg(TS_LOG_INFO, NULL, 0, 0,
                "read and analysed %lu records, %lu trials after merging, "
                "in %.2f s",
                merge_records(rs.merge), landscape_trials(rs.ls),
                log_clock() - t0);
    }
    report_filter(&rs);
    if ((o->strict && code == TS_EXIT_DATA) || code == TS_EXIT_OUTPUT) {
        /* nothing written: the strict run stops at the first bad row, and
         * a merge that cannot spool cannot count */
    } else if (landscape_trials(rs.ls) == 0) {
        if (code == TS_EXIT_OK || code == TS_EXIT_DATA) {
            if (landscape_left_out(rs.ls))
                log_msg(TS_LOG_ERROR, NULL, 0, 0,
                        "none of the %lu trials read passes --where %s; "
                        "nothing written",
                        landscape_left_out(rs.ls), filter_text(o->filter));
            else
                log_msg(TS_LOG_ERROR, NULL, 0, 0,
                        "no trials found in the input; nothing written");
            code = TS_EXIT_DATA;
        }
    } else {
        memset(&run, 0, sizeof(run));
        run.version = TS_VERSION;
        run.inputs = inputs;
        run.ninputs = o->nfiles;
        run.ls = rs.ls;
        run.merge = rs.merge;
        run.epoch = epoch;
        run.dict = dict;
        run.filter = o->filter;
        memset(&ropts, 0, sizeof(ropts));
        ropts.charts = o->charts;
        ropts.jobs = o->jobs;
        ropts.top = o->top;
        ropts.formats = o->formats;
        ropts.title = o->title;
        ropts.panel_f = o->panel_f;
        ropts.figure_mm = o->figure_mm;
        ropts.panel_mm = o->panel_mm;
        run.title = o->title;
        run.query = o->query;
        run.warnings = (const char *const *)rs.warnings;
        run.nwarnings = rs.nwarnings;
        run.warnings_total = rs.warnings_total;
        /* The report's own warnings join the list as they come. */
        rs.shown = 0;
        rs.run = &run;
        {
            double t0 = log_clock();

            rc = report_close(rs.report, &run, &ropts, on_warning, &rs, &err);
            rs.report = NULL;
            log_msg(TS_LOG_INFO, NULL, 0, 0,
                    "wrote tables, charts, workbook and manifest in %.2f s "
                    "(Trials sheet %.2f s%s, rest of the workbook %.2f s, "
                    "charts %.2f s%s)",
                    log_clock() - t0, ropts.seconds_sheet,
                    o->jobs > 1 ? " alongside reading" : "",
                    ropts.seconds_workbook, ropts.seconds_charts,
                    o->jobs > 1 ? " with the workbook alongside" : "");
        }
        if (rc == TS_OK) {
            rc = stage_commit(st, &err);
            st = NULL;
        }
        if (rc != TS_OK) {
            log_error_at(TS_LOG_ERROR, &err);
            code = exit_for(rc);
        } else if (log_verbosity() >= 0) {
            unsigned long trials = landscape_trials(rs.ls);
            unsigned long records = merge_records(rs.merge);
            char merged[96] = "";

            if (records > merge_trials(rs.merge))
                snprintf(merged, sizeof(merged),
                         " (%lu records, %lu merged into others)", records,
                         records - merge_trials(rs.merge));
            fprintf(stderr, "trialscape: %lu trial%s%s from %zu file%s; "
                            "outputs in %s/\n",
                    trials, trials == 1 ? "" : "s", merged, o->nfiles,
                    o->nfiles == 1 ? "" : "s", o->outdir);
        }
    }
    report_abort(rs.report);
    merge_free(rs.merge);
    stage_abort(st);
    landscape_free(rs.ls);
    dict_free(dict);
    grouping_free(&groups);
    country_free(countries);
    for (i = 0; i < rs.nwarnings; i++)
        free(rs.warnings[i]);
    free(rs.warnings);
    free(inputs);
    return code;
}

/* A side's name when --label-a/-b is not given: its first file's path,
 * at most its last two components ("2024q1/ctg-studies.csv"). */
static const char *default_label(const char *path)
{
    const char *p = path + strlen(path), *cut = path;
    int slashes = 0;

    if (strcmp(path, "-") == 0)
        return "stdin";
    while (p > path) {
        p--;
        if (*p == '/' && p[1] && ++slashes == 2) {
            cut = p + 1;
            break;
        }
    }
    return cut;
}

/* Compares the landscapes of two sets of exports, A and B. */
static int cmd_compare(ts_options *o)
{
    char *files[2][1 + MAX_SIDE_FILES];
    size_t nf[2], s, i, stdin_uses = 0;
    char label[2][200];
    ts_landscape *ls[2] = {NULL, NULL};
    ts_merge *merges[2] = {NULL, NULL};
    ts_run_input *inputs[2] = {NULL, NULL};
    ts_compare *cmp = NULL;
    ts_dict *dict = NULL;
    grouping groups;
    ts_countries *countries = NULL;
    ts_stage *st = NULL;
    ts_comparison cmpout;
    ts_report_opts ropts;
    run_state rs;
    ts_error err;
    ts_status rc;
    long long epoch = source_date_epoch();
    int code = TS_EXIT_OK;

    if (o->nfiles != 0 && o->nfiles != 2) {
        usage_error("compare takes two exports, A and B (more with --add-a "
                    "and --add-b)",
                    NULL);
        return TS_EXIT_USAGE;
    }
    for (s = 0; s < 2; s++) {
        nf[s] = 0;
        if (o->nfiles == 2)
            files[s][nf[s]++] = o->files[s];
        for (i = 0; i < o->nmore[s]; i++)
            files[s][nf[s]++] = o->more[s][i];
        if (nf[s] == 0) {
            usage_error(s ? "compare has no export for B (give A B, or "
                            "--add-b FILE)"
                          : "compare has no export for A (give A B, or "
                            "--add-a FILE)",
                        NULL);
            return TS_EXIT_USAGE;
        }
        for (i = 0; i < nf[s]; i++)
            stdin_uses += strcmp(files[s][i], "-") == 0;
        snprintf(label[s], sizeof(label[s]), "%s",
                 o->label[s] ? o->label[s] : default_label(files[s][0]));
    }
    if (stdin_uses > 1) {
        usage_error("standard input ('-') can be read only once", NULL);
        return TS_EXIT_USAGE;
    }
    if (strcmp(label[0], label[1]) == 0) {
        /* The same name twice (the same file, or no labels given for two
         * files named alike) would not tell the sides apart. */
        size_t n = strlen(label[0]);

        if (n > sizeof(label[0]) - 5)
            n = sizeof(label[0]) - 5;
        snprintf(label[0] + n, 5, " (A)");
        snprintf(label[1] + n, 5, " (B)");
    }
    memset(&groups, 0, sizeof(groups));
    code = load_classifier(o, &dict, &groups, &countries);
    if (code != TS_EXIT_OK) {
        dict_free(dict);
        grouping_free(&groups);
        country_free(countries);
        return code;
    }
    memset(&rs, 0, sizeof(rs));
    rs.progress = log_verbosity() >= 0 &&
                  (isatty(STDERR_FILENO) ||
                   (getenv("TS_FORCE_TTY") &&
                    strcmp(getenv("TS_FORCE_TTY"), "1") == 0));
    rs.filter = o->filter;
    cmp = compare_new();
    rs.cmp = cmp;
    ts_error_clear(&err);
    rc = stage_open(o->outdir, &st, &err);
    if (rc != TS_OK) {
        log_error_at(TS_LOG_ERROR, &err);
        code = exit_for(rc);
        goto done;
    }
    for (s = 0; s < 2; s++) {
        double t0 = log_clock();
        int c;

        ls[s] = landscape_new(o->denominator);
        landscape_set_classifier(ls[s], dict, NULL);
        /* Both sides share one grouping, so their indication rows
         * match: automatic grouping is decided on A's trials. */
        landscape_set_indications(ls[s], groups.ix);
        landscape_set_countries(ls[s], countries);
        inputs[s] = xcalloc(nf[s], sizeof(ts_run_input));
        /* Each side's records are merged among themselves. */
        merges[s] = merge_new(stage_dir(st), on_trial, on_warning, &rs);
        merge_set_countries(merges[s], countries);
        rs.merge = merges[s];
        rs.ls = ls[s];
        rs.side = (int)s;
        c = read_inputs(o, &rs, files[s], nf[s], inputs[s]);
        if (c == TS_EXIT_INPUT || code == TS_EXIT_OK)
            code = c;
        log_msg(TS_LOG_INFO, NULL, 0, 0,
                "%s: read and analysed %lu trials in %.2f s", label[s],
                landscape_trials(ls[s]), log_clock() - t0);
        if (o->strict && code == TS_EXIT_DATA)
            goto done;  /* the strict run stops at the first bad row */
    }
    report_filter(&rs);
    compare_finish(cmp);
    log_msg(TS_LOG_INFO, NULL, 0, 0,
            "identifier set: %lu distinct trials of A and B in %zu bytes "
            "(%.1f a trial)",
            compare_held(cmp), compare_memory(cmp),
            compare_held(cmp) ? (double)compare_memory(cmp) /
                                    (double)compare_held(cmp)
                              : 0.0);
    for (s = 0; s < 2; s++) {
        if (landscape_trials(ls[s]) + landscape_left_out(ls[s]) == 0) {
            log_msg(TS_LOG_ERROR, NULL, 0, 0,
                    "no trials found in %s (%s); nothing written",
                    s ? "B" : "A", label[s]);
            if (code == TS_EXIT_OK)
                code = TS_EXIT_DATA;
            goto done;
        }
    }
    if (landscape_trials(ls[0]) + landscape_trials(ls[1]) == 0) {
        log_msg(TS_LOG_ERROR, NULL, 0, 0,
                "none of the trials of A or B passes --where %s; nothing "
                "written",
                filter_text(o->filter));
        if (code == TS_EXIT_OK)
            code = TS_EXIT_DATA;
        goto done;
    }
    memset(&cmpout, 0, sizeof(cmpout));
    cmpout.version = TS_VERSION;
    for (s = 0; s < 2; s++) {
        cmpout.side[s].label = label[s];
        cmpout.side[s].inputs = inputs[s];
        cmpout.side[s].ninputs = nf[s];
        cmpout.side[s].ls = ls[s];
        cmpout.side[s].merge = merges[s];
    }
    cmpout.cmp = cmp;
    cmpout.filter = o->filter;
    cmpout.dict = dict;
    cmpout.epoch = epoch;
    cmpout.warnings = (const char *const *)rs.warnings;
    cmpout.nwarnings = rs.nwarnings;
    cmpout.warnings_total = rs.warnings_total;
    memset(&ropts, 0, sizeof(ropts));
    ropts.charts = o->charts;
    ropts.jobs = o->jobs;
    ropts.top = o->top;
    ropts.formats = o->formats;
    ropts.title = o->title;
    ropts.figure_mm = o->figure_mm;
    ropts.panel_mm = o->panel_mm;
    rs.shown = 0;
    rs.comparison = &cmpout;
    {
        double t0 = log_clock();

        rc = comparison_write(st, &cmpout, &ropts, on_warning, &rs, &err);
        log_msg(TS_LOG_INFO, NULL, 0, 0,
                "wrote tables, changes, charts, workbook and manifest in "
                "%.2f s",
                log_clock() - t0);
    }
    if (rc == TS_OK) {
        rc = stage_commit(st, &err);
        st = NULL;
    }
    if (rc != TS_OK) {
        log_error_at(TS_LOG_ERROR, &err);
        code = exit_for(rc);
    } else if (log_verbosity() >= 0) {
        fprintf(stderr,
                "trialscape: A: %lu trials, B: %lu trials; %lu added, %lu "
                "removed, %lu status and %lu phase changes; outputs in %s/\n",
                landscape_trials(ls[0]), landscape_trials(ls[1]),
                compare_count(cmp, TS_CHANGE_ADDED),
                compare_count(cmp, TS_CHANGE_REMOVED),
                compare_count(cmp, TS_CHANGE_STATUS),
                compare_count(cmp, TS_CHANGE_PHASE), o->outdir);
    }
done:
    stage_abort(st);
    for (s = 0; s < 2; s++) {
        landscape_free(ls[s]);
        merge_free(merges[s]);
        free(inputs[s]);
    }
    compare_free(cmp);
    dict_free(dict);
    grouping_free(&groups);
    country_free(countries);
    for (i = 0; i < rs.nwarnings; i++)
        free(rs.warnings[i]);
    free(rs.warnings);
    return code;
}

/* Prints the classification of each text ('-': one text a line from
 * standard input). */
static int cmd_classify(ts_options *o)
{
    ts_dict *dict = NULL;
    size_t i;
    int code;

    if (o->nfiles == 0) {
        usage_error("classify needs TEXT... or '-'", NULL);
        return TS_EXIT_USAGE;
    }
    code = load_classifier(o, &dict, NULL, NULL);
    if (code != TS_EXIT_OK) {
        dict_free(dict);
        return code;
    }
    report_classify_header(stdout);
    for (i = 0; i < o->nfiles; i++) {
        if (strcmp(o->files[i], "-") == 0) {
            char *line = NULL;
            size_t cap = 0;
            ssize_t n;

            while ((n = getline(&line, &cap, stdin)) > 0) {
                while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
                    line[--n] = '\0';
                report_classify_row(stdout, dict, line, (size_t)n,
                                    o->explain);
            }
            free(line);
        } else {
            report_classify_row(stdout, dict, o->files[i],
                                strlen(o->files[i]), o->explain);
        }
    }
    dict_free(dict);
    return TS_EXIT_OK;
}

int main(int argc, char **argv)
{
    ts_options o;
    int code;

    memset(&o, 0, sizeof(o));
    o.outdir = "trialscape-out";
    o.charts = 1;
    o.jobs = 2;
    o.denominator = TS_DENOM_ALL;
    o.top = 10;

    if (argc < 2) {
        usage_error("missing command (try 'trialscape run FILE')", NULL);
        return TS_EXIT_USAGE;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        code = print_help();
    } else if (strcmp(argv[1], "--version") == 0 ||
               strcmp(argv[1], "-V") == 0) {
        code = print_version();
    } else if (strcmp(argv[1], "run") == 0 ||
               strcmp(argv[1], "compare") == 0 ||
               strcmp(argv[1], "classify") == 0) {
        int classify = strcmp(argv[1], "classify") == 0;
        int compare = strcmp(argv[1], "compare") == 0;

        switch (parse_run(argc - 1, argv + 1, &o)) {
        case PARSE_HELP:
            code = print_help();
            break;
        case PARSE_VERSION:
            code = print_version();
            break;
        case PARSE_ERROR:
            filter_free(o.filter);
            return TS_EXIT_USAGE;
        default:
            if (classify && o.filter) {
                usage_error("--where applies to run and compare, not to "
                            "classify",
                            NULL);
                filter_free(o.filter);
                return TS_EXIT_USAGE;
            }
            if (!compare && o.compare_opts) {
                usage_error("--add-a, --add-b, --label-a and --label-b apply "
                            "to compare only",
                            NULL);
                filter_free(o.filter);
                return TS_EXIT_USAGE;
            }
            log_set_verbosity(o.verbosity);
            if (o.explain && !classify) {
                usage_error("--explain is an option of 'trialscape "
                            "classify'",
                            NULL);
                filter_free(o.filter);
                return TS_EXIT_USAGE;
            }
            code = classify  ? cmd_classify(&o)
                   : compare ? cmd_compare(&o)
                             : cmd_run(&o);
            break;
        }
    } else if (argv[1][0] == '-') {
        usage_error("unrecognized option", argv[1]);
        return TS_EXIT_USAGE;
    } else {
        usage_error("unknown command", argv[1]);
        return TS_EXIT_USAGE;
    }
    filter_free(o.filter);
    if (ferror(stdout) || fclose(stdout) != 0) {
        log_msg(TS_LOG_ERROR, NULL, 0, 0, "writing output failed: %s",
                strerror(errno));
        return TS_EXIT_OUTPUT;
    }
    return code;
}
