/*
 * tally.c - per-category trial counts (analyze stage).
 */
#include "analyze/tally.h"

#include <stdlib.h>
#include <string.h>

#include "analyze/normalize.h"
#include "common/strmap.h"
#include "common/xalloc.h"

struct ts_tally {
    char *name;             /* owned */
    char *title;            /* owned */
    ts_tally_order order;
    ts_strmap *labels;      /* owned; id -> label */
    unsigned long *count;   /* owned; by id */
    size_t cap;
    size_t *rows;           /* owned; display order of nonzero ids */
    size_t nrows;
    int dirty;              /* rows must be rebuilt */
};

ts_tally *tally_new(const char *name, const char *title,
                    ts_tally_order order)
{
    ts_tally *t = xcalloc(1, sizeof(*t));

    t->name = xstrdup(name);
    t->title = xstrdup(title);
    t->order = order;
    t->labels = strmap_new();
    t->dirty = 1;
    return t;
}

void tally_free(ts_tally *t)
{
    if (!t)
        return;
    free(t->name);
    free(t->title);
    strmap_free(t->labels);
    free(t->count);
    free(t->rows);
    free(t);
}

static size_t intern(ts_tally *t, const char *label, size_t len)
{
    int added;
    size_t id = strmap_intern(t->labels, label, len, &added);

    if (added && id >= t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 16;

        t->count = xrealloc(t->count, cap * sizeof(unsigned long));
        memset(t->count + t->cap, 0, (cap - t->cap) * sizeof(unsigned long));
        t->cap = cap;
    }
    return id;
}

size_t tally_seed(ts_tally *t, const char *label)
{
    t->dirty = 1;
    return intern(t, label, strlen(label));
}

void tally_add_id(ts_tally *t, size_t id, unsigned long n)
{
    t->count[id] += n;
    t->dirty = 1;
}

size_t tally_add(ts_tally *t, const char *label, size_t len, unsigned long n)
{
    size_t id = intern(t, label, len);

    t->count[id] += n;
    t->dirty = 1;
    return id;
}

const char *tally_name(const ts_tally *t)
{
    return t->name;
}

const char *tally_title(const ts_tally *t)
{
    return t->title;
}

ts_tally_order tally_order(const ts_tally *t)
{
    return t->order;
}

size_t tally_nlabels(const ts_tally *t)
{
    return strmap_count(t->labels);
}

const char *tally_label(const ts_tally *t, size_t id)
{
    return strmap_key(t->labels, id);
}

unsigned long tally_count(const ts_tally *t, size_t id)
{
    return id < strmap_count(t->labels) ? t->count[id] : 0;
}

size_t tally_find(const ts_tally *t, const char *label, size_t len)
{
    return strmap_find(t->labels, label, len);
}

/* 0 for ordinary labels, then the fixed order of the special ones. */
static int special_rank(const char *label)
{
    if (strcmp(label, TS_LABEL_NOT_APPLICABLE) == 0)
        return 1;
    if (strcmp(label, TS_LABEL_NOT_REPORTED) == 0)
        return 2;
    if (strcmp(label, TS_LABEL_UNCLASSIFIED) == 0)
        return 3;
    return 0;
}

static const ts_tally *sort_tally;   /* qsort has no context argument */

static int cmp_rows(const void *a, const void *b)
{
    const ts_tally *t = sort_tally;
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    const char *lx = strmap_key(t->labels, x), *ly = strmap_key(t->labels, y);
    int sx = special_rank(lx), sy = special_rank(ly);

    if (sx != sy)
        return sx - sy;
    if (t->order == TS_ORDER_COUNT && t->count[x] != t->count[y])
        return t->count[x] > t->count[y] ? -1 : 1;
    if (t->order == TS_ORDER_SEED || sx)
        return x < y ? -1 : (x > y);
    {
        int c = strcmp(lx, ly);

        return c ? c : (x < y ? -1 : (x > y));
    }
}

static void build_rows(ts_tally *t)
{
    size_t i, n = strmap_count(t->labels);

    if (!t->dirty)
        return;
    t->rows = xrealloc(t->rows, (n ? n : 1) * sizeof(size_t));
    t->nrows = 0;
    for (i = 0; i < n; i++)
        if (t->count[i] > 0)
            t->rows[t->nrows++] = i;
    sort_tally = t;
    qsort(t->rows, t->nrows, sizeof(size_t), cmp_rows);
    sort_tally = NULL;
    t->dirty = 0;
}

size_t tally_rows(ts_tally *t)
{
    build_rows(t);
    return t->nrows;
}

const char *tally_row_label(ts_tally *t, size_t row)
{
    build_rows(t);
    return strmap_key(t->labels, t->rows[row]);
}

size_t tally_row_id(ts_tally *t, size_t row)
{
    build_rows(t);
    return t->rows[row];
}

unsigned long tally_row_count(ts_tally *t, size_t row)
{
    build_rows(t);
    return t->count[t->rows[row]];
}

int tally_row_is_special(ts_tally *t, size_t row)
{
    return special_rank(tally_row_label(t, row)) != 0;
}

int tally_label_is_special(const char *label)
{
    return special_rank(label) != 0;
}

unsigned long tally_special_total(ts_tally *t)
{
    size_t i, n = tally_rows(t);
    unsigned long sum = 0;

    for (i = 0; i < n; i++)
        if (tally_row_is_special(t, i))
            sum += tally_row_count(t, i);
    return sum;
}

double tally_percent(unsigned long count, unsigned long denominator)
{
    if (denominator == 0)
        return -1.0;
    return 100.0 * (double)count / (double)denominator;
}
