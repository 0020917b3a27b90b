/*
 * sheetrows.c - worksheet rows as XML, deflated in chunks on a pool of
 * threads (report stage; see sheetrows.h).
 */
#include "report/sheetrows.h"

#include <errno.h>
#include <isa-l/crc.h>
#include <isa-l/igzip_lib.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "common/xalloc.h"

#define MAX_THREADS 16

/* One chunk on its way: its XML, then its deflated bytes. */
typedef struct job {
    unsigned char *in;          /* owned; XML */
    size_t nin, capin;
    unsigned char *out;         /* owned; deflated */
    size_t nout, capout;
    unsigned long crc;          /* of in */
    unsigned long long seq;     /* chunk number */
    int state;                  /* FREE, READY, BUSY, DONE */
    int failed;                 /* deflating failed */
} job;

enum { FREE, READY, BUSY, DONE };

struct ts_sheetrows {
    FILE *fp;                   /* owned; the deflated pieces */
    unsigned char *buf;         /* owned; the chunk being filled */
    size_t len, cap;
    int in_row;                 /* a <row> is open */
    unsigned long row;          /* its 1-based number */
    char rowref[12];            /* its number as text */
    size_t nrowref;
    ts_sheetrows_info info;
    int write_errno;            /* first failed write */
    int failed;                 /* a chunk could not be deflated */

    /* The pool (threads > 1): jobs[seq % njobs]. */
    int want_threads;           /* threads asked for */
    int nthreads;
    pthread_t thread[MAX_THREADS];
    job *jobs;                  /* owned */
    size_t njobs;
    unsigned long long next_seq;    /* next chunk to hand out */
    unsigned long long next_write;  /* next chunk to write */
    int writing;                /* a thread is writing pieces */
    int closing;
    pthread_mutex_t mu;
    pthread_cond_t work;        /* a job is READY, or closing */
    pthread_cond_t done;        /* a job became FREE */
    job solo;                   /* the job without a pool */
    unsigned char *lvl_buf;     /* owned; ISA-L's level buffer, solo */
};

size_t sheetrows_colname(unsigned col, char buf[4])
{
    char tmp[4];
    size_t n = 0, i;

    col++;
    while (col && n < 3) {
        unsigned d = (col - 1) % 26;

        tmp[n++] = (char)('A' + d);
        col = (col - 1) / 26;
    }
    for (i = 0; i < n; i++)
        buf[i] = tmp[n - 1 - i];
    buf[n] = '\0';
    return n;
}

/* ---- deflating one chunk ---- */

/* Deflates j->in into j->out as a full-flushed, not final, piece. */
static void deflate_job(job *j, unsigned char *lvl_buf)
{
    struct isal_zstream s;

    j->crc = crc32_gzip_refl(0, j->in, j->nin);
    if (j->capout < j->nin + j->nin / 8 + 1024) {
        free(j->out);
        j->capout = j->nin + j->nin / 8 + 1024;
        j->out = xmalloc(j->capout);
    }
    isal_deflate_init(&s);
    s.level = 1;
    s.level_buf = lvl_buf;
    s.level_buf_size = ISAL_DEF_LVL1_DEFAULT;
    s.gzip_flag = IGZIP_DEFLATE;
    s.end_of_stream = 0;
    s.flush = FULL_FLUSH;
    s.next_in = j->in;
    s.avail_in = (uint32_t)j->nin;
    s.next_out = j->out;
    s.avail_out = (uint32_t)j->capout;
    for (;;) {
        if (isal_deflate(&s) != COMP_OK) {
            j->failed = 1;
            break;
        }
        if (s.avail_in == 0 && s.avail_out > 0 &&
            s.internal_state.state == ZSTATE_NEW_HDR)
            break;
        /* Out of room (text that does not compress): grow and go on. */
        {
            size_t used = (size_t)(s.next_out - j->out);

            j->capout *= 2;
            j->out = xrealloc(j->out, j->capout);
            s.next_out = j->out + used;
            s.avail_out = (uint32_t)(j->capout - used);
        }
    }
    j->nout = (size_t)(s.next_out - j->out);
}

/* Appends a deflated piece to the file and to the totals. */
static void write_piece(ts_sheetrows *w, const job *j)
{
    if (j->failed)
        w->failed = 1;
    if (!w->write_errno && j->nout &&
        fwrite(j->out, 1, j->nout, w->fp) != j->nout)
        w->write_errno = errno ? errno : EIO;
    w->info.crc = w->info.raw ? crc32_combine(w->info.crc, j->crc,
                                              (z_off_t)j->nin)
                              : j->crc;
    w->info.raw += j->nin;
    w->info.packed += j->nout;
}

/* ---- the pool ---- */

/* Writes the pieces that are done, in order; called and returns with the
 * lock held, releasing it while writing. One thread writes at a time. */
static void write_ready(ts_sheetrows *w)
{
    if (w->writing)
        return;
    w->writing = 1;
    for (;;) {
        job *j = &w->jobs[w->next_write % w->njobs];

        if (w->next_write == w->next_seq || j->state != DONE ||
            j->seq != w->next_write)
            break;
        pthread_mutex_unlock(&w->mu);
        write_piece(w, j);
        pthread_mutex_lock(&w->mu);
        j->state = FREE;
        w->next_write++;
        pthread_cond_broadcast(&w->done);
    }
    w->writing = 0;
}

static void *worker(void *arg)
{
    ts_sheetrows *w = arg;
    unsigned char *lvl_buf = xmalloc(ISAL_DEF_LVL1_DEFAULT);

    pthread_mutex_lock(&w->mu);
    for (;;) {
        job *j = NULL;
        size_t i;

        for (i = 0; i < w->njobs; i++) {
            job *c = &w->jobs[i];

            if (c->state == READY && (!j || c->seq < j->seq))
                j = c;
        }
        if (!j) {
            if (w->closing)
                break;
            pthread_cond_wait(&w->work, &w->mu);
            continue;
        }
        j->state = BUSY;
        pthread_mutex_unlock(&w->mu);
        deflate_job(j, lvl_buf);
        pthread_mutex_lock(&w->mu);
        j->state = DONE;
        write_ready(w);
    }
    pthread_mutex_unlock(&w->mu);
    free(lvl_buf);
    return NULL;
}

/* Starts the pool; 0 when it cannot be (the caller deflates then). */
static int start_pool(ts_sheetrows *w, int threads)
{
    pthread_attr_t attr;
    int i;

    if (threads > MAX_THREADS)
        threads = MAX_THREADS;
    if (pthread_mutex_init(&w->mu, NULL) != 0)
        return 0;
    if (pthread_cond_init(&w->work, NULL) != 0) {
        pthread_mutex_destroy(&w->mu);
        return 0;
    }
    if (pthread_cond_init(&w->done, NULL) != 0) {
        pthread_cond_destroy(&w->work);
        pthread_mutex_destroy(&w->mu);
        return 0;
    }
    /* Two chunks per thread: one being deflated, one waiting. */
    w->njobs = (size_t)threads * 2;
    w->jobs = xcalloc(w->njobs, sizeof(job));
    if (pthread_attr_init(&attr) != 0)
        return 1;   /* no threads: submit() deflates itself */
    /* A small stack: deflating needs little, and an address-space limit
     * (ulimit -v) should not stop the run. */
    pthread_attr_setstacksize(&attr, 1 << 20);
    for (i = 0; i < threads; i++) {
        if (pthread_create(&w->thread[i], &attr, worker, w) != 0)
            break;
        w->nthreads++;
    }
    pthread_attr_destroy(&attr);
    return 1;
}

/* Hands the chunk being filled over, and takes an empty buffer back. */
static void submit(ts_sheetrows *w)
{
    job *j;
    unsigned char *spare;
    size_t spare_cap;

    if (w->len == 0)
        return;
    /* The pool starts with the first full chunk: a small sheet never
     * needs it (nor its memory). */
    if (w->want_threads > 1 && !w->jobs)
        start_pool(w, w->want_threads);
    if (!w->jobs) {
        j = &w->solo;
    } else {
        pthread_mutex_lock(&w->mu);
        j = &w->jobs[w->next_seq % w->njobs];
        while (j->state != FREE)
            pthread_cond_wait(&w->done, &w->mu);
        pthread_mutex_unlock(&w->mu);
    }
    spare = j->in;
    spare_cap = j->capin;
    j->in = w->buf;
    j->nin = w->len;
    j->capin = w->cap;
    j->failed = 0;
    w->buf = spare;
    w->cap = spare_cap;
    w->len = 0;
    if (!w->jobs || w->nthreads == 0) {
        if (!w->lvl_buf)
            w->lvl_buf = xmalloc(ISAL_DEF_LVL1_DEFAULT);
        deflate_job(j, w->lvl_buf);
        write_piece(w, j);
        if (w->jobs)
            w->next_seq++, w->next_write++;
        return;
    }
    pthread_mutex_lock(&w->mu);
    j->seq = w->next_seq++;
    j->state = READY;
    pthread_cond_signal(&w->work);
    pthread_mutex_unlock(&w->mu);
}

static void stop_pool(ts_sheetrows *w)
{
    int i;

    if (!w->jobs)
        return;
    pthread_mutex_lock(&w->mu);
    w->closing = 1;
    pthread_cond_broadcast(&w->work);
    pthread_mutex_unlock(&w->mu);
    for (i = 0; i < w->nthreads; i++)
        pthread_join(w->thread[i], NULL);
    pthread_cond_destroy(&w->done);
    pthread_cond_destroy(&w->work);
    pthread_mutex_destroy(&w->mu);
}

/* ---- XML ---- */

/* Room for n more bytes in the chunk. */
static unsigned char *room(ts_sheetrows *w, size_t n)
{
    if (w->len + n > w->cap) {
        size_t cap = w->cap ? w->cap : TS_SHEETROWS_CHUNK + 64 * 1024;

        while (cap < w->len + n)
            cap *= 2;
        w->buf = xrealloc(w->buf, cap);
        w->cap = cap;
    }
    return w->buf + w->len;
}

static void put(ts_sheetrows *w, const char *s, size_t n)
{
    memcpy(room(w, n), s, n);
    w->len += n;
}

#define PUT_LIT(w, lit) put((w), (lit), sizeof(lit) - 1)

static size_t utoa(unsigned long long v, char *out)
{
    char tmp[24];
    size_t n = 0, i;

    do {
        tmp[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    for (i = 0; i < n; i++)
        out[i] = tmp[n - 1 - i];
    return n;
}

/* Ends the open row; a full chunk is handed over at a row's end. */
static void end_row(ts_sheetrows *w)
{
    if (!w->in_row)
        return;
    PUT_LIT(w, "</row>");
    w->in_row = 0;
    if (w->len >= TS_SHEETROWS_CHUNK)
        submit(w);
}

void sheetrows_row(ts_sheetrows *w, unsigned long row)
{
    end_row(w);
    w->row = row + 1;
    w->nrowref = utoa(w->row, w->rowref);
    PUT_LIT(w, "<row r=\"");
    put(w, w->rowref, w->nrowref);
    PUT_LIT(w, "\">");
    w->in_row = 1;
    w->info.rows++;
}

/* <c r="B7" s="3" then the rest. */
static void cell_start(ts_sheetrows *w, unsigned col, int xf)
{
    char name[4], num[24];
    size_t n = sheetrows_colname(col, name);

    PUT_LIT(w, "<c r=\"");
    put(w, name, n);
    put(w, w->rowref, w->nrowref);
    if (xf > 0) {
        PUT_LIT(w, "\" s=\"");
        put(w, num, utoa((unsigned long long)xf, num));
    }
    PUT_LIT(w, "\"");
}

/* XML text: & < > escaped, control characters other than tab and newline
 * as _xHHHH_ (as libxlsxwriter writes them). */
static void put_escaped(ts_sheetrows *w, const char *s, size_t n)
{
    size_t i = 0;

    while (i < n) {
        size_t a = i;
        unsigned char c = 0;

        while (i < n) {
            c = (unsigned char)s[i];
            if (c == '&' || c == '<' || c == '>' ||
                (c < 0x20 && c != '\t' && c != '\n'))
                break;
            i++;
        }
        if (i > a)
            put(w, s + a, i - a);
        if (i == n)
            break;
        if (c == '&') {
            PUT_LIT(w, "&amp;");
        } else if (c == '<') {
            PUT_LIT(w, "&lt;");
        } else if (c == '>') {
            PUT_LIT(w, "&gt;");
        } else {
            static const char hex[] = "0123456789ABCDEF";
            char e[7] = {'_', 'x', '0', '0', hex[c >> 4], hex[c & 15], '_'};

            put(w, e, sizeof(e));
        }
        i++;
    }
}

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' ||
           c == '\f';
}

void sheetrows_string(ts_sheetrows *w, unsigned col, const char *s, size_t n,
                      int xf)
{
    cell_start(w, col, xf);
    if (n && (is_space(s[0]) || is_space(s[n - 1])))
        PUT_LIT(w, " t=\"inlineStr\"><is><t xml:space=\"preserve\">");
    else
        PUT_LIT(w, " t=\"inlineStr\"><is><t>");
    put_escaped(w, s, n);
    PUT_LIT(w, "</t></is></c>");
}

void sheetrows_number(ts_sheetrows *w, unsigned col, double v, int xf)
{
    char num[40];
    size_t n;

    cell_start(w, col, xf);
    PUT_LIT(w, "><v>");
    if (v >= 0 && v < 1e15 && v == (double)(unsigned long long)v) {
        n = utoa((unsigned long long)v, num);
    } else {
        int k = snprintf(num, sizeof(num), "%.16G", v);

        n = k > 0 ? (size_t)k : 0;
    }
    put(w, num, n);
    PUT_LIT(w, "</v></c>");
}

void sheetrows_formula(ts_sheetrows *w, unsigned col, const char *formula,
                       const char *value, int xf)
{
    cell_start(w, col, xf);
    PUT_LIT(w, " t=\"str\"><f>");
    put_escaped(w, formula, strlen(formula));
    PUT_LIT(w, "</f><v>");
    put_escaped(w, value, strlen(value));
    PUT_LIT(w, "</v></c>");
}

/* ---- lifecycle ---- */

ts_status sheetrows_open(const char *path, int threads, ts_sheetrows **out,
                         ts_error *err)
{
    ts_sheetrows *w;
    FILE *fp = fopen(path, "wb");

    *out = NULL;
    if (!fp)
        return ts_error_sys(err, TS_ERR_OUTPUT, errno, path,
                            "cannot create");
    w = xcalloc(1, sizeof(*w));
    w->fp = fp;
    setvbuf(fp, NULL, _IOFBF, 1 << 20);
    w->want_threads = threads;
    *out = w;
    return TS_OK;
}

static void free_job(job *j)
{
    free(j->in);
    free(j->out);
}

static void free_rows(ts_sheetrows *w)
{
    size_t i;

    for (i = 0; i < w->njobs; i++)
        free_job(&w->jobs[i]);
    free(w->jobs);
    free_job(&w->solo);
    free(w->lvl_buf);
    free(w->buf);
    free(w);
}

ts_status sheetrows_close(ts_sheetrows *w, ts_sheetrows_info *info,
                          ts_error *err)
{
    ts_status rc = TS_OK;
    int e;

    end_row(w);
    submit(w);
    stop_pool(w);
    e = w->write_errno;
    if (fflush(w->fp) != 0 && !e)
        e = errno ? errno : EIO;
    if (fclose(w->fp) != 0 && !e)
        e = errno ? errno : EIO;
    if (e)
        rc = ts_error_sys(err, TS_ERR_OUTPUT, e, "landscape.xlsx",
                          "cannot write the Trials sheet");
    else if (w->failed)
        rc = ts_error_set(err, TS_ERR_OUTPUT, "landscape.xlsx", 0, 0,
                          "cannot deflate the Trials sheet");
    *info = w->info;
    free_rows(w);
    return rc;
}

void sheetrows_discard(ts_sheetrows *w)
{
    if (!w)
        return;
    stop_pool(w);
    fclose(w->fp);
    free_rows(w);
}
