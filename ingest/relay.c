/*
 * relay.c - a reader on its own thread, relaying records and warnings to
 * the caller's thread in order (ingest stage; see relay.h).
 */
#include "ingest/relay.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "common/strbuf.h"
#include "common/xalloc.h"

#define BATCH 256               /* items a batch holds */
#define NBATCH 4                /* batches in flight */
#define NONE ((size_t)-1)

/* A record (copied) or a warning, as the reader made it. */
typedef struct item {
    int warning;                /* 1: w, else rec */
    ts_record rec;              /* value[] and name[] point into the
                                 * batch's arena once it is sealed */
    size_t value_off[TS_COL_COUNT];
    size_t name_off[TS_COL_COUNT];  /* NONE: NULL */
    ts_error w;
} item;

typedef struct batch {
    item *items;                /* owned; BATCH */
    size_t n;
    ts_strbuf arena;            /* values and names, NUL-terminated */
    /* The names of the last record copied, to copy them once a batch. */
    const char *names[TS_COL_COUNT];
    size_t names_off[TS_COL_COUNT];
    int have_names;
} batch;

typedef struct relay {
    batch b[NBATCH];
    unsigned long produced;     /* batches sealed */
    unsigned long consumed;     /* batches processed */
    int done;                   /* the reader returned */
    int stop;                   /* the caller's callback stopped */
    ts_status read_rc;
    ts_error read_err;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    /* the reader's side */
    const ts_reader *reader;
    ts_source *src;
    const ts_ingest_opts *opts;
    ts_sink *sink;
    batch *cur;
} relay;

static size_t put_text(ts_strbuf *a, const char *s, size_t n)
{
    size_t off = a->len;

    sb_append(a, s ? s : "", s ? n : 0);
    sb_putc(a, '\0');
    return off;
}

/* Points the sealed batch's records at its arena (it moves no more). */
static void fix_pointers(batch *b)
{
    size_t i, k;

    for (i = 0; i < b->n; i++) {
        item *it = &b->items[i];

        if (it->warning)
            continue;
        for (k = 0; k < TS_COL_COUNT; k++) {
            it->rec.value[k] = b->arena.buf + it->value_off[k];
            it->rec.name[k] = it->name_off[k] == NONE
                                  ? NULL
                                  : b->arena.buf + it->name_off[k];
        }
    }
}

/* Hands the current batch over and takes the next free one; returns 1
 * when the caller has stopped. */
static int seal(relay *r)
{
    int stop;

    fix_pointers(r->cur);
    pthread_mutex_lock(&r->mu);
    r->produced++;
    pthread_cond_broadcast(&r->cv);
    while (r->produced - r->consumed >= NBATCH && !r->stop)
        pthread_cond_wait(&r->cv, &r->mu);
    stop = r->stop;
    pthread_mutex_unlock(&r->mu);
    r->cur = &r->b[r->produced % NBATCH];
    r->cur->n = 0;
    r->cur->have_names = 0;
    sb_reset(&r->cur->arena);
    return stop;
}

static item *next_item(relay *r)
{
    return &r->cur->items[r->cur->n++];
}

/* The sink's record callback, on the reader's thread. A record holds no
 * pointers besides value[] and name[] (and the static format and the
 * input's name, which outlive the reading); a new pointer field needs
 * copying here. */
static ts_status relay_record(void *ctx, const ts_record *rec, ts_error *err)
{
    relay *r = ctx;
    batch *b = r->cur;
    item *it = next_item(r);
    size_t k;

    it->warning = 0;
    it->rec = *rec;
    for (k = 0; k < TS_COL_COUNT; k++)
        it->value_off[k] = put_text(&b->arena, rec->value[k], rec->len[k]);
    if (!b->have_names || memcmp(b->names, rec->name, sizeof(b->names))) {
        for (k = 0; k < TS_COL_COUNT; k++)
            b->names_off[k] = rec->name[k] ? put_text(&b->arena, rec->name[k],
                                                      strlen(rec->name[k]))
                                           : NONE;
        memcpy(b->names, rec->name, sizeof(b->names));
        b->have_names = 1;
    }
    memcpy(it->name_off, b->names_off, sizeof(it->name_off));
    if (b->n == BATCH && seal(r))
        return ts_error_set(err, TS_ERR_INTERNAL, rec->file, rec->line, 0,
                            "reading stopped");
    return TS_OK;
}

/* The sink's warning callback, on the reader's thread. */
static void relay_warning(void *ctx, const ts_error *w)
{
    relay *r = ctx;
    item *it = next_item(r);

    it->warning = 1;
    it->w = *w;
    if (r->cur->n == BATCH)
        (void)seal(r);
}

static void source_warning(void *ctx, const ts_error *w)
{
    sink_warning(ctx, w);
}

static void *reader_thread(void *arg)
{
    relay *r = arg;
    ts_error e;
    ts_status rc;

    ts_error_clear(&e);
    rc = r->reader->read(r->src, r->opts, r->sink, &e);
    fix_pointers(r->cur);
    pthread_mutex_lock(&r->mu);
    r->produced++;              /* the last batch, maybe empty */
    r->read_rc = rc;
    r->read_err = e;
    r->done = 1;
    pthread_cond_broadcast(&r->cv);
    pthread_mutex_unlock(&r->mu);
    return NULL;
}

static void relay_free(relay *r)
{
    size_t i;

    for (i = 0; i < NBATCH; i++) {
        free(r->b[i].items);
        sb_free(&r->b[i].arena);
    }
    pthread_cond_destroy(&r->cv);
    pthread_mutex_destroy(&r->mu);
    free(r);
}

ts_status relay_read(const ts_reader *reader, ts_source *src,
                     const ts_ingest_opts *opts, const char *name,
                     ts_ingest_stats *stats, int strict, ts_record_fn fn,
                     ts_warn_fn warn, void *ctx, int *started,
                     ts_error *err)
{
    relay *r = xcalloc(1, sizeof(*r));
    pthread_attr_t attr;
    pthread_t thread;
    ts_status rc = TS_OK;
    int stopped = 0, ok;
    size_t i;

    *started = 0;
    if (pthread_mutex_init(&r->mu, NULL) != 0) {
        free(r);
        return TS_ERR_INTERNAL;
    }
    if (pthread_cond_init(&r->cv, NULL) != 0) {
        pthread_mutex_destroy(&r->mu);
        free(r);
        return TS_ERR_INTERNAL;
    }
    for (i = 0; i < NBATCH; i++)
        r->b[i].items = xmalloc(BATCH * sizeof(item));
    r->reader = reader;
    r->src = src;
    r->opts = opts;
    r->cur = &r->b[0];
    r->sink = sink_new(name, stats, strict, relay_record, relay_warning, r);
    /* The source's own warnings (its encoding) come from the reader's
     * thread too: through the sink, in their place. */
    source_set_warn(src, source_warning, r->sink);
    ok = pthread_attr_init(&attr) == 0;
    if (ok) {
        /* Readers need little stack; an address-space limit (ulimit -v)
         * should not stop the run. */
        pthread_attr_setstacksize(&attr, 4 << 20);
        ok = pthread_create(&thread, &attr, reader_thread, r) == 0;
        pthread_attr_destroy(&attr);
    }
    if (!ok) {
        source_set_warn(src, NULL, NULL);
        sink_free(r->sink);
        relay_free(r);
        return TS_ERR_INTERNAL;
    }
    *started = 1;
    for (;;) {
        batch *b;

        pthread_mutex_lock(&r->mu);
        while (r->consumed == r->produced && !r->done)
            pthread_cond_wait(&r->cv, &r->mu);
        if (r->consumed == r->produced) {
            pthread_mutex_unlock(&r->mu);
            break;
        }
        b = &r->b[r->consumed % NBATCH];
        pthread_mutex_unlock(&r->mu);
        /* After a stop nothing more is passed on, warnings included:
         * reading on one thread would not have made them. */
        for (i = 0; i < b->n && !stopped; i++) {
            item *it = &b->items[i];

            if (it->warning) {
                if (warn)
                    warn(ctx, &it->w);
                continue;
            }
            rc = fn(ctx, &it->rec, err);
            if (rc != TS_OK) {
                stopped = 1;
                pthread_mutex_lock(&r->mu);
                r->stop = 1;
                pthread_mutex_unlock(&r->mu);
            }
        }
        pthread_mutex_lock(&r->mu);
        r->consumed++;
        pthread_cond_broadcast(&r->cv);
        pthread_mutex_unlock(&r->mu);
    }
    pthread_join(thread, NULL);
    source_set_warn(src, NULL, NULL);
    if (!stopped) {
        rc = r->read_rc;
        if (rc != TS_OK)
            *err = r->read_err;
    }
    sink_free(r->sink);
    relay_free(r);
    return rc;
}
