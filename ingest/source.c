/*
 * source.c - an input's chunks, their hash and their decoding (ingest
 * stage).
 */
#include "ingest/source.h"

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

#define CHUNK (1024 * 1024)

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
    int running;                /* started and not yet finished */
    pthread_mutex_t mu;
    pthread_cond_t cv;
    pthread_t thread;
} hasher;

struct ts_source {
    char *name;                 /* owned; display name */
    int fd;                     /* 0 for stdin: never closed */
    ts_sha256 sha;
    char sha_hex[65];
    unsigned long long bytes;
    hasher h;
    ts_decoder dec;
    ts_strbuf decoded;          /* converted text of the current chunk */
    int warned;                 /* the encoding warning was given */
    int eof;
    int peeked;                 /* the next read returns the last text */
    char *text;                 /* view: the last text returned */
    size_t len;
    ts_warn_fn warn;
    void *ctx;
};

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
    h->running = 1;
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

    if (!h->running)
        return;
    h->running = 0;
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

ts_status source_open(const char *path, ts_source **out, ts_error *err)
{
    ts_source *s;
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
    s = xcalloc(1, sizeof(*s));
    s->name = xstrdup(fd == 0 ? "<stdin>" : path);
    s->fd = fd;
    sha256_init(&s->sha);
    decode_init(&s->dec);
    hasher_start(&s->h, &s->sha);
    *out = s;
    return TS_OK;
}

void source_set_warn(ts_source *s, ts_warn_fn warn, void *ctx)
{
    s->warn = warn;
    s->ctx = ctx;
}

static void warn_encoding(ts_source *s)
{
    ts_error w;

    if (s->warned || !decode_converts(s->dec.enc))
        return;
    s->warned = 1;
    if (!s->warn)
        return;
    ts_error_set(&w, TS_ERR_PARSE, s->name, 0, 0,
                 "encoded in %s, not UTF-8: decoded to UTF-8",
                 decode_name(s->dec.enc));
    s->warn(s->ctx, &w);
}

static void warn_replaced(ts_source *s)
{
    ts_error w;

    if (!s->dec.replaced || !s->warn)
        return;
    ts_error_set(&w, TS_ERR_PARSE, s->name, 0, 0,
                 "%lu character%s not valid in %s replaced by U+FFFD",
                 s->dec.replaced, s->dec.replaced > 1 ? "s" : "",
                 decode_name(s->dec.enc));
    s->warn(s->ctx, &w);
}

/* Reads raw chunks until one decodes to some text, or the end. */
static ts_status next_text(ts_source *s, ts_error *err)
{
    for (;;) {
        char *buf;
        ssize_t got;

        s->len = 0;
        s->text = NULL;
        if (s->eof)
            return TS_OK;
        buf = hasher_next(&s->h);
        got = read(s->fd, buf, CHUNK);
        if (got < 0) {
            if (errno == EINTR)
                continue;
            return ts_error_sys(err, TS_ERR_IO, errno, s->name,
                                "read error");
        }
        if (got == 0) {
            s->eof = 1;
            s->text = decode_chunk(&s->dec, buf, 0, 1, &s->decoded,
                                   &s->len);
            warn_replaced(s);
            return TS_OK;
        }
        hasher_push(&s->h, (size_t)got);
        s->bytes += (unsigned long long)got;
        s->text = decode_chunk(&s->dec, buf, (size_t)got, 0, &s->decoded,
                               &s->len);
        warn_encoding(s);
        if (s->len > 0)
            return TS_OK;
    }
}

ts_status source_read(ts_source *s, char **text, size_t *len, ts_error *err)
{
    ts_status rc = TS_OK;

    if (s->peeked)
        s->peeked = 0;
    else
        rc = next_text(s, err);
    *text = s->text;
    *len = s->len;
    return rc;
}

ts_status source_peek(ts_source *s, const char **text, size_t *len,
                      ts_error *err)
{
    ts_status rc = TS_OK;

    if (!s->peeked) {
        rc = next_text(s, err);
        s->peeked = rc == TS_OK;
    }
    *text = s->text;
    *len = s->len;
    return rc;
}

void source_own(ts_source *s)
{
    hasher_wait(&s->h, 0);
}

const char *source_name(const ts_source *s)
{
    return s->name;
}

unsigned long long source_bytes(const ts_source *s)
{
    return s->bytes;
}

const char *source_sha256(ts_source *s)
{
    if (s->h.running) {
        hasher_finish(&s->h);
        sha256_final_hex(&s->sha, s->sha_hex);
    }
    return s->sha_hex;
}

ts_encoding source_encoding(const ts_source *s)
{
    return s->dec.enc;
}

void source_close(ts_source *s)
{
    if (!s)
        return;
    hasher_finish(&s->h);
    if (s->fd > 0)
        close(s->fd);
    sb_free(&s->decoded);
    free(s->name);
    free(s);
}
