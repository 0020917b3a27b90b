/*
 * ingest.c - the table of readers, format detection and the reading of
 * one input (ingest stage).
 */
#include "ingest/ingest.h"

#include <stdio.h>
#include <string.h>

#include "ingest/relay.h"
#include "ingest/source.h"

/*
 * The readers, in the order their detect functions are asked (ties go to
 * the first). To add a format, write ingest/NAME.c defining
 * `const ts_reader reader_NAME` (see reader.h) and add X(NAME) here. The
 * first is the fallback for inputs no reader recognises: its error says
 * what was expected.
 */
#define TS_READERS(X)                                                       \
    X(ctgov_modern)                                                         \
    X(ctgov_classic)                                                        \
    X(ctgov_json)                                                           \
    X(ictrp_csv)                                                            \
    X(ictrp_xml)                                                            \
    X(euctr)                                                                \
    X(ctis)                                                                 \
    X(isrctn)

#define DECLARE(name) extern const ts_reader reader_##name;
#define ENTRY(name) &reader_##name,

TS_READERS(DECLARE)

static const ts_reader *const readers[] = {TS_READERS(ENTRY)};

#define NREADERS (sizeof(readers) / sizeof(readers[0]))

size_t ingest_nreaders(void)
{
    return NREADERS;
}

const ts_reader *ingest_reader(size_t i)
{
    return i < NREADERS ? readers[i] : NULL;
}

const ts_reader *ingest_reader_named(const char *name)
{
    size_t i;

    for (i = 0; name && i < NREADERS; i++)
        if (readers[i]->name == name || strcmp(readers[i]->name, name) == 0)
            return readers[i];
    return NULL;
}

static const ts_reader *best_reader(const ts_sniff *s)
{
    const ts_reader *best = NULL;
    int top = 0;
    size_t i;

    for (i = 0; i < NREADERS; i++) {
        int score = readers[i]->detect(s);

        if (score > top) {
            top = score;
            best = readers[i];
        }
    }
    return best;
}

const ts_reader *ingest_detect(const char *head, size_t len)
{
    ts_sniff *s = sniff_new(head, len);
    const ts_reader *r = best_reader(s);

    sniff_free(s);
    return r;
}

const ts_reader *ingest_probe(const char *path)
{
    ts_source *src;
    ts_error err;
    const char *head;
    size_t len;
    const ts_reader *r = NULL;

    if (strcmp(path, "-") == 0 || source_open(path, &src, &err) != TS_OK)
        return NULL;
    if (source_head(src, &head, &len, &err) == TS_OK && len > 0)
        r = ingest_detect(head, len);
    source_close(src);
    return r;
}

static void on_source_warning(void *data, const ts_error *w)
{
    sink_warning(data, w);
}

ts_status ingest_file(const char *path, const ts_ingest_opts *opts,
                      ts_record_fn fn, ts_warn_fn warnfn, void *ctx,
                      ts_ingest_stats *stats, ts_error *err)
{
    ts_source *src;
    ts_sink *sink;
    const ts_reader *reader;
    const char *head;
    size_t len;
    ts_status rc;

    memset(stats, 0, sizeof(*stats));
    stats->format = "unknown";
    stats->encoding = decode_name(TS_ENC_UTF8);
    snprintf(stats->name, sizeof(stats->name), "%s",
             strcmp(path, "-") == 0 ? "<stdin>" : path);
    rc = source_open(path, &src, err);
    if (rc != TS_OK)
        return rc;
    rc = source_head(src, &head, &len, err);
    if (rc == TS_OK && len == 0)
        rc = ts_error_set(err, TS_ERR_PARSE, stats->name, 0, 0,
                          "empty file: no header line");
    if (rc == TS_OK) {
        reader = ingest_detect(head, len);
        if (reader)
            stats->format = reader->name;
        else
            reader = readers[0];
        int relayed = 0;

        if (opts && opts->jobs > 1)
            rc = relay_read(reader, src, opts, stats->name, stats,
                            opts->strict, fn, warnfn, ctx, &relayed, err);
        if (!relayed) {
            sink = sink_new(stats->name, stats, opts && opts->strict, fn,
                            warnfn, ctx);
            source_set_warn(src, on_source_warning, sink);
            rc = reader->read(src, opts, sink, err);
            source_set_warn(src, NULL, NULL);
            sink_free(sink);
        }
    }
    source_finish(src);
    stats->encoding = decode_name(source_encoding(src));
    stats->bytes = source_bytes(src);
    memcpy(stats->sha256, source_sha256(src), sizeof(stats->sha256));
    /* err->file may point at the source's name: keep it alive by
     * pointing at the stats copy before the source goes. */
    if (rc != TS_OK && err && err->file == source_name(src))
        err->file = stats->name;
    source_close(src);
    return rc;
}
