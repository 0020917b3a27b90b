/*
 * source.c - reading an input in pieces, its head and its checksum
 * (ingest stage).
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

/* Bytes read at a time. The fuzz build makes it as small as the head may
 * be (fewer large allocations per input under AddressSanitizer, and more
 * piece boundaries for the readers to cross). */
#ifndef TS_SOURCE_CHUNK
#define TS_SOURCE_CHUNK (1024 * 1024)
#endif
#if TS_SOURCE_CHUNK < TS_SOURCE_HEAD
#error "TS_SOURCE_CHUNK must hold the head"
#endif
#define CHUNK TS_SOURCE_CHUNK

/*
 * The SHA-256 of the input is computed on a thread of its own, so parsing
 * does not wait for it: pieces are read into a ring of buffers, each
 * handed to the hasher as it is given to the reader, and a buffer is
 * reused only once the hasher is done with it. Without a thread the hash
 * is computed inline.
 */
#define RING 4

typedef struct hasher {
    ts_sha256 sha;
    char *buf[RING];            /* owned; CHUNK + 1 bytes each */
    size_t len[RING];
    unsigned long produced;     /* pieces handed over */
    unsigned long consumed;     /* pieces hashed */
    int closing;                /* no more pieces will come */
    int threaded;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    pthread_t thread;
} hasher;

struct ts_source {
    char *name;                 /* owned; display name */
    int fd;                     /* 0 for stdin: never closed */
    hasher h;
    int head_state;             /* 0 none, 1 read and not yet handed out,
                                 * 2 handed out */
    size_t head_len;
    int finished;               /* the hasher has stopped */
    unsigned long long bytes;
    char sha_hex[65];
    ts_decoder dec;
    ts_strbuf decoded;          /* converted text of the current piece */
    char *head_text;            /* view: the head as UTF-8 text */
    size_t head_text_len;
    int flushed;                /* the decoder's end was taken */
    int warned;                 /* the encoding warning was given */
    ts_warn_fn warn;
    void *warn_ctx;
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
        sha256_update(&h->sha, h->buf[k], h->len[k]);
        pthread_mutex_lock(&h->mu);
        h->consumed++;
        pthread_cond_broadcast(&h->cv);
    }
    pthread_mutex_unlock(&h->mu);
    return NULL;
}

static void hasher_start(hasher *h)
{
    memset(h, 0, sizeof(*h));
    sha256_init(&h->sha);
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

/* Waits until at most `pending` handed-over pieces are not yet hashed. */
static void hasher_wait(hasher *h, unsigned long pending)
{
    if (!h->threaded)
        return;
    pthread_mutex_lock(&h->mu);
    while (h->produced - h->consumed > pending)
        pthread_cond_wait(&h->cv, &h->mu);
    pthread_mutex_unlock(&h->mu);
}

/* The buffer to read the next piece into. Buffers are allocated when
 * first needed: a small input uses one (2026-11-30: four 1 MB buffers per
 * input were most of the fuzz harnesses' time, in mmap and munmap). */
static char *hasher_next(hasher *h)
{
    unsigned long k = h->produced % RING;

    hasher_wait(h, RING - 1);
    if (!h->buf[k])
        h->buf[k] = xmalloc(CHUNK + 1);
    return h->buf[k];
}

/* Hands over the n bytes just read into hasher_next()'s buffer. */
static void hasher_push(hasher *h, size_t n)
{
    unsigned long k = h->produced % RING;

    h->len[k] = n;
    if (!h->threaded) {
        sha256_update(&h->sha, h->buf[k], n);
        h->produced++;
        h->consumed++;
        return;
    }
    pthread_mutex_lock(&h->mu);
    h->produced++;
    pthread_cond_signal(&h->cv);
    pthread_mutex_unlock(&h->mu);
}

/* Hashes what was handed over and ends the thread. */
static void hasher_stop(hasher *h)
{
    if (!h->threaded)
        return;
    pthread_mutex_lock(&h->mu);
    h->closing = 1;
    pthread_cond_broadcast(&h->cv);
    pthread_mutex_unlock(&h->mu);
    pthread_join(h->thread, NULL);
    pthread_cond_destroy(&h->cv);
    pthread_mutex_destroy(&h->mu);
    h->threaded = 0;
}

ts_status source_open(const char *path, ts_source **out, ts_error *err)
{
    ts_source *src;
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
    src = xcalloc(1, sizeof(*src));
    src->name = xstrdup(fd == 0 ? "<stdin>" : path);
    src->fd = fd;
    decode_init(&src->dec);
    hasher_start(&src->h);
    *out = src;
    return TS_OK;
}

const char *source_name(const ts_source *src)
{
    return src->name;
}

/* read() that retries on EINTR; -1 with errno on failure. */
static ssize_t read_some(int fd, char *buf, size_t n)
{
    ssize_t got;

    do
        got = read(fd, buf, n);
    while (got < 0 && errno == EINTR);
    return got;
}

ts_status source_head(ts_source *src, const char **head, size_t *len,
                      ts_error *err)
{
    if (src->head_state == 0) {
        char *buf = hasher_next(&src->h);
        size_t n = 0;

        /* A pipe delivers a few KB per read: read on until the head is
         * long enough for every reader to recognise its format. */
        while (n < TS_SOURCE_HEAD) {
            ssize_t got = read_some(src->fd, buf + n, CHUNK - n);

            if (got < 0)
                return ts_error_sys(err, TS_ERR_IO, errno, src->name,
                                    "read error");
            if (got == 0)
                break;
            n += (size_t)got;
        }
        buf[n] = '\0';
        src->head_len = n;
        src->head_state = 1;
        src->head_text = decode_chunk(&src->dec, buf, n, 0, &src->decoded,
                                      &src->head_text_len);
    }
    if (src->head_state != 1)
        return ts_error_set(err, TS_ERR_INTERNAL, src->name, 0, 0,
                            "source_head called after reading began");
    *head = src->head_text;
    *len = src->head_text_len;
    return TS_OK;
}

void source_set_warn(ts_source *src, ts_warn_fn warn, void *ctx)
{
    src->warn = warn;
    src->warn_ctx = ctx;
}

ts_encoding source_encoding(const ts_source *src)
{
    return src->dec.enc;
}

static void warn_encoding(ts_source *src)
{
    ts_error w;

    if (src->warned || !src->warn || !decode_converts(src->dec.enc))
        return;
    src->warned = 1;
    ts_error_set(&w, TS_ERR_PARSE, src->name, 0, 0,
                 "encoded in %s, not UTF-8: decoded to UTF-8",
                 decode_name(src->dec.enc));
    src->warn(src->warn_ctx, &w);
}

static void warn_replaced(ts_source *src)
{
    ts_error w;

    if (!src->dec.replaced || !src->warn)
        return;
    ts_error_set(&w, TS_ERR_PARSE, src->name, 0, 0,
                 "%lu character%s not valid in %s replaced by U+FFFD",
                 src->dec.replaced, src->dec.replaced > 1 ? "s" : "",
                 decode_name(src->dec.enc));
    src->warn(src->warn_ctx, &w);
}

ts_status source_read(ts_source *src, char **buf, size_t *len,
                      ts_error *err)
{
    *buf = NULL;
    *len = 0;
    /* A piece may decode to nothing (half a UTF-16 unit): read on. */
    while (*len == 0) {
        char *b, *text;
        size_t n, tlen;

        if (src->finished)
            return TS_OK;
        if (src->head_state == 1) {
            n = src->head_len;
            b = src->h.buf[src->h.produced % RING];
            src->head_state = 2;
            text = src->head_text;
            tlen = src->head_text_len;
        } else {
            ssize_t got;

            src->head_state = 2;
            b = hasher_next(&src->h);
            got = read_some(src->fd, b, CHUNK);
            if (got < 0)
                return ts_error_sys(err, TS_ERR_IO, errno, src->name,
                                    "read error");
            n = (size_t)got;
            b[n] = '\0';
            text = decode_chunk(&src->dec, b, n, n == 0, &src->decoded,
                                &tlen);
        }
        warn_encoding(src);
        if (n == 0) {
            /* The end: what the decoder still held, then nothing. */
            if (!src->flushed) {
                src->flushed = 1;
                warn_replaced(src);
            }
            if (tlen == 0 || text == b) {
                source_finish(src);
                return TS_OK;
            }
        } else {
            hasher_push(&src->h, n);
            src->bytes += n;
        }
        *buf = text;
        *len = tlen;
    }
    return TS_OK;
}

void source_modify(ts_source *src)
{
    hasher_wait(&src->h, 0);
}

unsigned long long source_bytes(const ts_source *src)
{
    return src->bytes;
}

void source_finish(ts_source *src)
{
    if (src->finished)
        return;
    hasher_stop(&src->h);
    sha256_final_hex(&src->h.sha, src->sha_hex);
    src->finished = 1;
}

const char *source_sha256(ts_source *src)
{
    return src->sha_hex;
}

void source_close(ts_source *src)
{
    size_t i;

    if (!src)
        return;
    source_finish(src);
    if (src->fd > 0)
        close(src->fd);
    for (i = 0; i < RING; i++)
        free(src->h.buf[i]);
    sb_free(&src->decoded);
    free(src->name);
    free(src);
}
