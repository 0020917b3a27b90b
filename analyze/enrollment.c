/*
 * enrollment.c - enrollment numbers per category, with exact medians from
 * per-category histograms (analyze stage).
 */
#include "analyze/enrollment.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "analyze/tally.h"
#include "common/xalloc.h"

/* Distinct values and how many trials have each; open addressing, the
 * value + 1 as key (0 = empty). */
typedef struct hist {
    uint32_t *key;              /* owned */
    uint32_t *n;                /* owned */
    size_t cap, used;
    unsigned long count;        /* trials */
    unsigned long long sum;
} hist;

typedef struct category {
    unsigned long trials;
    hist h[TS_ENROLL_TYPES];
} category;

struct ts_enrollment {
    char *name, *title, *by;    /* owned */
    ts_tally *labels;           /* owned; ids and order of categories */
    category *cat;              /* owned; by tally id */
    size_t capcat;
    category all;               /* every trial */
};

ts_enrollment *enrollment_new(const char *name, const char *title,
                              const char *by)
{
    ts_enrollment *e = xcalloc(1, sizeof(*e));

    e->name = xstrdup(name);
    e->title = xstrdup(title);
    e->by = xstrdup(by);
    e->labels = tally_new(name, title, TS_ORDER_SEED);
    return e;
}

static void hist_free(hist *h)
{
    free(h->key);
    free(h->n);
}

static void category_free(category *c)
{
    size_t t;

    for (t = 0; t < TS_ENROLL_TYPES; t++)
        hist_free(&c->h[t]);
}

void enrollment_free(ts_enrollment *e)
{
    size_t i;

    if (!e)
        return;
    for (i = 0; i < e->capcat; i++)
        category_free(&e->cat[i]);
    category_free(&e->all);
    free(e->cat);
    tally_free(e->labels);
    free(e->name);
    free(e->title);
    free(e->by);
    free(e);
}

static size_t hist_slot(uint32_t key, size_t cap)
{
    return (size_t)((key * 2654435761u) & (cap - 1));
}

static void hist_put(hist *h, uint32_t key, uint32_t n)
{
    size_t k;

    for (k = hist_slot(key, h->cap); h->key[k] && h->key[k] != key;
         k = (k + 1) & (h->cap - 1))
        ;
    if (!h->key[k]) {
        h->key[k] = key;
        h->used++;
    }
    h->n[k] += n;
}

static void hist_add(hist *h, long value)
{
    if ((h->used + 1) * 4 > h->cap * 3) {
        hist old = *h;
        size_t i;

        h->cap = old.cap ? old.cap * 2 : 16;
        h->key = xcalloc(h->cap, sizeof(uint32_t));
        h->n = xcalloc(h->cap, sizeof(uint32_t));
        h->used = 0;
        for (i = 0; i < old.cap; i++)
            if (old.key[i])
                hist_put(h, old.key[i], old.n[i]);
        hist_free(&old);
    }
    hist_put(h, (uint32_t)value + 1, 1);
    h->count++;
    h->sum += (unsigned long long)value;
}

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

    return x < y ? -1 : x > y;
}

/* The k-th smallest value (0-based) of a histogram whose distinct keys
 * are sorted in keys[]. */
static double nth(const hist *h, const uint32_t *keys, size_t nkeys,
                  unsigned long k)
{
    size_t i, s;
    unsigned long seen = 0;

    for (i = 0; i < nkeys; i++) {
        for (s = hist_slot(keys[i], h->cap); h->key[s] != keys[i];
             s = (s + 1) & (h->cap - 1))
            ;
        seen += h->n[s];
        if (seen > k)
            return (double)(keys[i] - 1);
    }
    return -1.0;
}

static double hist_median(const hist *h)
{
    uint32_t *keys;
    size_t i, n = 0;
    double m;

    if (!h->count)
        return -1.0;
    keys = xmalloc(h->used * sizeof(uint32_t));
    for (i = 0; i < h->cap; i++)
        if (h->key[i])
            keys[n++] = h->key[i];
    qsort(keys, n, sizeof(uint32_t), cmp_u32);
    if (h->count % 2)
        m = nth(h, keys, n, h->count / 2);
    else
        m = (nth(h, keys, n, h->count / 2 - 1) +
             nth(h, keys, n, h->count / 2)) /
            2.0;
    free(keys);
    return m;
}

static category *category_of(ts_enrollment *e, size_t id)
{
    if (id >= e->capcat) {
        size_t cap = e->capcat ? e->capcat * 2 : 16;

        while (cap <= id)
            cap *= 2;
        e->cat = xrealloc(e->cat, cap * sizeof(category));
        memset(e->cat + e->capcat, 0, (cap - e->capcat) * sizeof(category));
        e->capcat = cap;
    }
    return &e->cat[id];
}

void enrollment_seed(ts_enrollment *e, const char *label)
{
    (void)category_of(e, tally_seed(e->labels, label));
}

static void count_in(category *c, ts_enroll_type type, long value)
{
    c->trials++;
    if (value >= 0 && value <= (long)UINT32_MAX - 1 &&
        (unsigned)type < TS_ENROLL_TYPES)
        hist_add(&c->h[type], value);
}

void enrollment_add(ts_enrollment *e, const char *label, size_t len,
                    ts_enroll_type type, long value)
{
    size_t id = tally_add(e->labels, label, len, 1);

    count_in(category_of(e, id), type, value);
    count_in(&e->all, type, value);
}

const char *enrollment_name(const ts_enrollment *e)
{
    return e->name;
}

const char *enrollment_title(const ts_enrollment *e)
{
    return e->title;
}

const char *enrollment_by(const ts_enrollment *e)
{
    return e->by;
}

size_t enrollment_rows(ts_enrollment *e)
{
    return tally_rows(e->labels) + 1;
}

/* The category of a display row; the last row is every trial. */
static category *row_category(ts_enrollment *e, size_t row)
{
    if (row >= tally_rows(e->labels))
        return &e->all;
    return &e->cat[tally_row_id(e->labels, row)];
}

const char *enrollment_row_label(ts_enrollment *e, size_t row)
{
    if (row >= tally_rows(e->labels))
        return TS_LABEL_ALL_TRIALS;
    return tally_row_label(e->labels, row);
}

unsigned long enrollment_row_trials(ts_enrollment *e, size_t row)
{
    return row_category(e, row)->trials;
}

unsigned long enrollment_count(ts_enrollment *e, size_t row,
                               ts_enroll_type type)
{
    return row_category(e, row)->h[type].count;
}

unsigned long long enrollment_sum(ts_enrollment *e, size_t row,
                                  ts_enroll_type type)
{
    return row_category(e, row)->h[type].sum;
}

double enrollment_median(ts_enrollment *e, size_t row, ts_enroll_type type)
{
    return hist_median(&row_category(e, row)->h[type]);
}
