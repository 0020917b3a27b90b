/*
 * csvin.c - libcsv driven one physical line at a time (ingest stage).
 */
#include "ingest/csvin.h"

#include <csv.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common/sha256.h"
#include "common/strbuf.h"
#include "common/xalloc.h"

/* Bytes read at a time. The fuzz build makes it smaller (fewer large
 * allocations per input under AddressSanitizer, more chunk boundaries). */
#ifndef TS_CSVIN_CHUNK
#define TS_CSVIN_CHUNK (1024 * 1024)
#endif
#define CHUNK TS_CSVIN_CHUNK

struct ts_csvin {
    char *name;                 /* owned; display name */
    int fd;                     /* 0 for stdin: never closed */
    struct csv_parser parser;
    int parser_ready;
    char delim;
    int quoted;                 /* 0: TSV without quoting */
    unsigned char *keep;        /* owned; per column */
    size_t nkeep;

    /* the row being assembled */
    ts_strbuf arena;            /* kept field text, NUL-separated */
    size_t *off;                /* owned; per field offset in arena */
    size_t *len;                /* owned; per field length */
    const char **field;         /* owned array of views */
    size_t nfields, cap;
    unsigned long row_line;     /* line where the current row began */
    size_t max_field;           /* bytes one field may hold */
    size_t oversize;            /* field over the limit in this row */
    unsigned long nrows;        /* rows delivered, header included */

    unsigned long line;         /* current physical line, 1-based */
    ts_sha256 sha;
    char sha_hex[65];
    unsigned long long bytes;

    char *peek;                 /* owned; bytes read ahead by csvin_peek */
    size_t npeek;

    ts_csvrow_fn fn;
    ts_warn_fn warn;
    void *ctx;
    ts_status stop;             /* set by the callback */
    ts_error *err;
};

ts_status csvin_open(const char *path, ts_csvin **out, ts_error *err)
{
    ts_csvin *in;
    int fd;
    struct stat sb;

    *out = NULL;
    if (strcmp(path, "-") == 0) {
        fd = 0;
    } else {
        fd = open(path, O_RDONLY);
        if (fd < 0)
            return ts_error_sys(err, TS_ERR_IO, errno, path, "cannot open");
        if (fstat(fd, &sb) == 0 && S_ISDIR(sb.st_mode)) {
            close(fd);
            return ts_error_set(err, TS_ERR_IO, path, 0, 0,
                                "is a directory, not an export file");
        }
    }
    in = xcalloc(1, sizeof(*in));
    in->name = xstrdup(fd == 0 ? "<stdin>" : path);
    in->fd = fd;
    in->delim = ',';
    in->quoted = 1;
    in->max_field = TS_MAX_FIELD_DEFAULT;
    sha256_init(&in->sha);
    *out = in;
    return TS_OK;
}

void csvin_close(ts_csvin *in)
{
    if (!in)
        return;
    if (in->fd > 0)
        close(in->fd);
    if (in->parser_ready)
        csv_free(&in->parser);
    free(in->name);
    free(in->peek);
    free(in->keep);
    free(in->off);
    free(in->len);
    free(in->field);
    sb_free(&in->arena);
    free(in);
}

void csvin_set_max_field(ts_csvin *in, size_t max)
{
    in->max_field = max ? max : TS_MAX_FIELD_DEFAULT;
}

void csvin_keep_columns(ts_csvin *in, const unsigned char *keep, size_t n)
{
    free(in->keep);
    in->keep = xmalloc(n ? n : 1);
    if (n)
        memcpy(in->keep, keep, n);
    in->nkeep = n;
}

const char *csvin_name(const ts_csvin *in)
{
    return in->name;
}

char csvin_delimiter(const ts_csvin *in)
{
    return in->delim;
}

unsigned long long csvin_bytes(const ts_csvin *in)
{
    return in->bytes;
}

const char *csvin_sha256(const ts_csvin *in)
{
    return in->sha_hex;
}

unsigned long csvin_lines(const ts_csvin *in)
{
    return in->line;
}

static void on_field(void *s, size_t n, void *data)
{
    ts_csvin *in = data;
    size_t i = in->nfields;
    int keep = in->nrows == 0 || (i < in->nkeep && in->keep[i]);

    if (i == in->cap) {
        in->cap = in->cap ? in->cap * 2 : 64;
        in->off = xrealloc(in->off, in->cap * sizeof(size_t));
        in->len = xrealloc(in->len, in->cap * sizeof(size_t));
        in->field = xrealloc(in->field, in->cap * sizeof(char *));
    }
    in->len[i] = n;
    if (n > in->max_field) {
        /* A long field on one line ends inside one piece: cut it too. */
        if (!in->oversize)
            in->oversize = i + 1;
        keep = 0;
    }
    if (keep) {
        in->off[i] = in->arena.len;
        sb_append(&in->arena, s ? s : "", s ? n : 0);
        sb_putc(&in->arena, '\0');
    } else {
        in->off[i] = (size_t)-1;
    }
    in->nfields++;
}

static void on_row(int c, void *data)
{
    ts_csvin *in = data;
    ts_csvrow row;
    size_t i;

    (void)c;
    for (i = 0; i < in->nfields; i++)
        in->field[i] = in->off[i] == (size_t)-1 ? "" : in->arena.buf +
                                                         in->off[i];
    row.nfields = in->nfields;
    row.field = in->field;
    row.len = in->len;
    row.line = in->row_line;
    row.row = in->nrows;
    row.oversize = in->oversize;
    in->oversize = 0;
    if (in->stop == TS_OK)
        in->stop = in->fn(in->ctx, &row, in->err);
    in->nrows++;
    in->nfields = 0;
    sb_reset(&in->arena);
}

/* Feeds one piece of a physical line, recovering from strict-mode quote
 * errors by re-feeding the rest leniently. */
static void feed(ts_csvin *in, const char *s, size_t n)
{
    while (n) {
        size_t used = csv_parse(&in->parser, s, n, on_field, on_row, in);

        if (used == n)
            return;
        if (csv_error(&in->parser) == CSV_EPARSE) {
            ts_error w;

            ts_error_set(&w, TS_ERR_PARSE, in->name, in->line,
                         in->nfields + 1,
                         "malformed quoting: stray quote inside a quoted "
                         "field; kept as text");
            if (in->warn)
                in->warn(in->ctx, &w);
            csv_set_opts(&in->parser, CSV_APPEND_NULL);
            in->parser.status = CSV_SUCCESS;
            used += csv_parse(&in->parser, s + used, n - used, on_field,
                              on_row, in);
            csv_set_opts(&in->parser,
                         CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL);
            s += used;
            n -= used;
            if (n == 0)
                return;
            continue;
        }
        /* CSV_ENOMEM and friends: libcsv could not grow its buffer. */
        in->stop = ts_error_set(in->err, TS_ERR_INTERNAL, in->name,
                                in->line, in->nfields + 1, "csv parser: %s",
                                csv_strerror(csv_error(&in->parser)));
        return;
    }
}

/* Looks at the header line to choose the delimiter and quoting. */
static void sniff(ts_csvin *in, const char *s, size_t n)
{
    size_t i, tabs = 0, commas = 0;
    int inq = 0;

    for (i = 0; i < n && (inq || (s[i] != '\n' && s[i] != '\r')); i++) {
        if (s[i] == '"')
            inq = !inq;
        else if (!inq && s[i] == '\t')
            tabs++;
        else if (!inq && s[i] == ',')
            commas++;
    }
    in->delim = tabs > commas ? '\t' : ',';
    /* Registry TSVs are unquoted: a quote there is text. */
    in->quoted = in->delim == ',' || (n > 0 && s[0] == '"');
}

static int is_space_none(unsigned char c)
{
    (void)c;
    return 0;
}

static ts_status setup_parser(ts_csvin *in)
{
    if (csv_init(&in->parser, CSV_STRICT | CSV_STRICT_FINI |
                                  CSV_APPEND_NULL) != 0)
        return ts_error_set(in->err, TS_ERR_INTERNAL, in->name, 0, 0,
                            "cannot initialize the csv parser");
    in->parser_ready = 1;
    /* libcsv grows a field's buffer by a fixed block (128 bytes by
     * default): with long fields that is quadratic copying. 2026-11-23:
     * a 16 MB field took minutes under AddressSanitizer, whose realloc
     * always copies. */
    csv_set_blk_size(&in->parser, 1u << 20);
    csv_set_delim(&in->parser, (unsigned char)in->delim);
    /* Trimming is ours to do (record.c), and libcsv's would treat the TSV
     * delimiter as a space. */
    csv_set_space_func(&in->parser, is_space_none);
    if (!in->quoted)
        csv_set_quote(&in->parser, '\0');
    return TS_OK;
}

/* Feeds a buffer, splitting it at newlines to keep line numbers exact. */
static void feed_lines(ts_csvin *in, char *buf, size_t n, int *at_line_start,
                       int has_nul)
{
    char *p = buf, *end = buf + n;

    while (p < end && in->stop == TS_OK) {
        char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t len = nl ? (size_t)(nl - p) + 1 : (size_t)(end - p);

        if (*at_line_start) {
            in->line++;
            if (in->parser.pstate == 0 && in->nfields == 0)
                in->row_line = in->line;
        }
        if (has_nul && memchr(p, '\0', len)) {
            /* NUL is no text (and, with quoting off, libcsv's quote). */
            ts_error w;
            size_t i;

            for (i = 0; i < len; i++)
                if (p[i] == '\0')
                    p[i] = ' ';
            ts_error_set(&w, TS_ERR_PARSE, in->name, in->line, 0,
                         "NUL byte replaced by a space");
            if (in->warn)
                in->warn(in->ctx, &w);
        }
        feed(in, p, len);
        if (in->parser.entry_pos > in->max_field) {
            /* Drop what libcsv holds of the field so memory stays bounded;
             * the row is reported as bad (its text is no longer whole). */
            if (!in->oversize)
                in->oversize = in->nfields + 1;
            in->parser.entry_pos = 0;
        }
        *at_line_start = nl != NULL;
        p += len;
    }
}

/*
 * The SHA-256 of the input is computed on a thread of its own, so parsing
 * does not wait for it: chunks are read into a ring of buffers, each
 * handed to the hasher as it is read, and a buffer is reused only once the
 * hasher is done with it. Without a thread the hash is computed inline.
 */
#define RING 4

typedef struct hasher {
    ts_sha256 *sha;
    char *buf[RING];
    size_t len[RING];
    unsigned long produced;     /* chunks handed over */
    unsigned long consumed;     /* chunks hashed */
    int closing;                /* no more chunks will come */
    int threaded;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    pthread_t thread;
} hasher;

static void *hash_thread(void *arg)
{
    hasher *h = arg;

    pthread_mutex_lock(&h->mu);
    for (;;) {
        unsigned long k;

        while (h->consumed == h->produced && !h->closing)
            pthread_cond_wait(&h->cv, &h->mu);
        if (h->consumed == h->produced)
            break;
        k = h->consumed % RING;
        pthread_mutex_unlock(&h->mu);
        sha256_update(h->sha, h->buf[k], h->len[k]);
        pthread_mutex_lock(&h->mu);
        h->consumed++;
        pthread_cond_broadcast(&h->cv);
    }
    pthread_mutex_unlock(&h->mu);
    return NULL;
}

static void hasher_start(hasher *h, ts_sha256 *sha)
{
    size_t i;

    memset(h, 0, sizeof(*h));
    h->sha = sha;
    for (i = 0; i < RING; i++)
        h->buf[i] = xmalloc(CHUNK);
    if (pthread_mutex_init(&h->mu, NULL) != 0)
        return;
    if (pthread_cond_init(&h->cv, NULL) != 0) {
        pthread_mutex_destroy(&h->mu);
        return;
    }
    h->threaded = pthread_create(&h->thread, NULL, hash_thread, h) == 0;
    if (!h->threaded) {
        pthread_cond_destroy(&h->cv);
        pthread_mutex_destroy(&h->mu);
    }
}

/* Waits until at most `pending` handed-over chunks are not yet hashed. */
static void hasher_wait(hasher *h, unsigned long pending)
{
    if (!h->threaded)
        return;
    pthread_mutex_lock(&h->mu);
    while (h->produced - h->consumed > pending)
        pthread_cond_wait(&h->cv, &h->mu);
    pthread_mutex_unlock(&h->mu);
}

/* The buffer to read the next chunk into. */
static char *hasher_next(hasher *h)
{
    hasher_wait(h, RING - 1);
    return h->buf[h->produced % RING];
}

/* Hands over the n bytes just read into hasher_next()'s buffer. */
static void hasher_push(hasher *h, size_t n)
{
    unsigned long k = h->produced % RING;

    h->len[k] = n;
    if (!h->threaded) {
        sha256_update(h->sha, h->buf[k], n);
        h->produced++;
        h->consumed++;
        return;
    }
    pthread_mutex_lock(&h->mu);
    h->produced++;
    pthread_cond_signal(&h->cv);
    pthread_mutex_unlock(&h->mu);
}

/* Hashes what was handed over, ends the thread, frees the buffers. */
static void hasher_finish(hasher *h)
{
    size_t i;

    if (h->threaded) {
        pthread_mutex_lock(&h->mu);
        h->closing = 1;
        pthread_cond_broadcast(&h->cv);
        pthread_mutex_unlock(&h->mu);
        pthread_join(h->thread, NULL);
        pthread_cond_destroy(&h->cv);
        pthread_mutex_destroy(&h->mu);
    }
    for (i = 0; i < RING; i++)
        free(h->buf[i]);
}

#define PEEK (64 * 1024)
#if TS_CSVIN_CHUNK < 64 * 1024
#error "TS_CSVIN_CHUNK must hold the bytes peeked (64 KB)"
#endif

ts_status csvin_peek(ts_csvin *in, const char **p, size_t *n, ts_error *err)
{
    if (!in->peek) {
        in->peek = xmalloc(PEEK);
        while (in->npeek < PEEK) {
            ssize_t got = read(in->fd, in->peek + in->npeek,
                               PEEK - in->npeek);

            if (got < 0) {
                if (errno == EINTR)
                    continue;
                return ts_error_sys(err, TS_ERR_IO, errno, in->name,
                                    "read error");
            }
            if (got == 0)
                break;
            in->npeek += (size_t)got;
        }
    }
    *p = in->peek;
    *n = in->npeek;
    if (*n >= 3 && memcmp(*p, "\xEF\xBB\xBF", 3) == 0) {
        *p += 3;
        *n -= 3;
    }
    return TS_OK;
}

/* The next chunk of input into buf: the peeked bytes first. */
static ssize_t read_chunk(ts_csvin *in, char *buf)
{
    if (in->npeek) {
        size_t n = in->npeek;

        memcpy(buf, in->peek, n);
        in->npeek = 0;
        return (ssize_t)n;
    }
    return read(in->fd, buf, CHUNK);
}

ts_status csvin_run(ts_csvin *in, ts_csvrow_fn fn, ts_warn_fn warn, void *ctx,
                    ts_error *err)
{
    hasher h;
    int first = 1, at_line_start = 1;
    ts_status rc = TS_OK;

    in->fn = fn;
    in->warn = warn;
    in->ctx = ctx;
    in->err = err;
    in->stop = TS_OK;
    hasher_start(&h, &in->sha);
    for (;;) {
        char *buf = hasher_next(&h);
        ssize_t got = read_chunk(in, buf);
        char *p = buf;
        size_t n;
        int has_nul;

        if (got < 0) {
            if (errno == EINTR)
                continue;
            rc = ts_error_sys(err, TS_ERR_IO, errno, in->name,
                              "read error");
            goto done;
        }
        if (got == 0)
            break;
        n = (size_t)got;
        hasher_push(&h, n);
        in->bytes += n;
        if (first) {
            first = 0;
            if (n >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0) {
                p += 3;
                n -= 3;
            }
            sniff(in, p, n);
            rc = setup_parser(in);
            if (rc != TS_OK)
                goto done;
        }
        has_nul = memchr(p, '\0', n) != NULL;
        if (has_nul)
            hasher_wait(&h, 0);     /* feed_lines rewrites NUL bytes */
        feed_lines(in, p, n, &at_line_start, has_nul);
        if (in->stop != TS_OK) {
            rc = in->stop;
            goto done;
        }
    }
    if (first) {
        rc = ts_error_set(err, TS_ERR_PARSE, in->name, 0, 0,
                          "empty file: no header line");
        goto done;
    }
    if (csv_fini(&in->parser, on_field, on_row, in) != 0) {
        rc = ts_error_set(err, TS_ERR_PARSE, in->name, in->row_line, 0,
                          "file ends inside a quoted field that begins "
                          "in this record");
        goto done;
    }
    rc = in->stop;
done:
    hasher_finish(&h);
    sha256_final_hex(&in->sha, in->sha_hex);
    return rc;
}

ts_status csvin_run_raw(ts_csvin *in, ts_chunk_fn fn, void *ctx,
                        ts_error *err)
{
    hasher h;
    int first = 1;
    char last = '\n';
    ts_status rc = TS_OK;

    hasher_start(&h, &in->sha);
    for (;;) {
        char *buf = hasher_next(&h);
        ssize_t got = read_chunk(in, buf);
        const char *p = buf, *q, *end;
        size_t n;

        if (got < 0) {
            if (errno == EINTR)
                continue;
            rc = ts_error_sys(err, TS_ERR_IO, errno, in->name, "read error");
            goto done;
        }
        if (got == 0)
            break;
        n = (size_t)got;
        hasher_push(&h, n);
        in->bytes += n;
        if (first) {
            first = 0;
            if (n >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0) {
                p += 3;
                n -= 3;
            }
        }
        for (q = p, end = p + n; (q = memchr(q, '\n', (size_t)(end - q)));
             q++)
            in->line++;
        if (!n)
            continue;
        last = p[n - 1];
        rc = fn(ctx, p, n, err);
        if (rc != TS_OK)
            goto done;
    }
    if (last != '\n')
        in->line++;     /* a last line without its newline */
    rc = fn(ctx, NULL, 0, err);
done:
    hasher_finish(&h);
    sha256_final_hex(&in->sha, in->sha_hex);
    return rc;
}
