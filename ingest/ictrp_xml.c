/*
 * ictrp_xml.c - WHO ICTRP XML export read with expat, one <Trial> at a
 * time (ingest stage).
 */
#include "ingest/ictrp_xml.h"

#include <expat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/strbuf.h"
#include "common/xalloc.h"
#include "ingest/decode.h"
#include "ingest/ictrp.h"

#define ROOT "Trials_downloaded_from_ICTRP"

/* <Trial> child elements and the columns they fill. */
static const struct {
    const char *name;
    ts_column col;
} elements[] = {
    {"TrialID", TS_COL_ID},
    {"Public_title", TS_COL_TITLE},
    {"web_address", TS_COL_URL},
    {"Acronym", TS_COL_ACRONYM},
    {"Recruitment_Status", TS_COL_STATUS},
    {"Condition", TS_COL_CONDITIONS},
    {"Intervention", TS_COL_INTERVENTIONS},
    {"Primary_sponsor", TS_COL_SPONSOR},
    {"Secondary_Sponsor", TS_COL_COLLABORATORS},
    {"Inclusion_gender", TS_COL_SEX},
    {"Phase", TS_COL_PHASES},
    {"Target_size", TS_COL_ENROLLMENT},
    {"Study_type", TS_COL_STUDY_TYPE},
    {"Study_design", TS_COL_DESIGN},
    {"Date_enrollement", TS_COL_START},
    {"Date_enrollment", TS_COL_START},
    {"Date_registration", TS_COL_FIRST_POSTED},
    {"Secondary_ID", TS_COL_OTHER_IDS},
    {"Secondary_IDs", TS_COL_OTHER_IDS},
    {"SecondaryIDs", TS_COL_OTHER_IDS},
    {"Countries", TS_COL_COUNTRIES},
};

#define NELEMENTS (sizeof(elements) / sizeof(elements[0]))

/* Columns whose absence from a whole file is worth a warning. */
static const ts_column important[] = {
    TS_COL_ID, TS_COL_STATUS, TS_COL_PHASES, TS_COL_CONDITIONS,
    TS_COL_INTERVENTIONS, TS_COL_STUDY_TYPE, TS_COL_START, TS_COL_COUNTRIES,
};

typedef struct xml_reader {
    XML_Parser parser;
    ts_sink *sink;
    const char *file;           /* borrowed; display name */
    const ts_ingest_opts *opts;
    ts_ingest_stats *stats;
    ts_error *err;
    ts_status stop;             /* why the parser was stopped */
    size_t max_field;
    int depth;
    int col;                    /* column of the open element, or -1 */
    int in_trial;
    unsigned long trial_line;   /* line where the <Trial> begins */
    size_t oversize;            /* a value went over max_field */
    ts_strbuf raw[TS_COL_COUNT];    /* text of each column, this trial */
    unsigned char seen[TS_COL_COUNT];   /* column met in this trial */
    unsigned char ever[TS_COL_COUNT];   /* column met in the file */
    ts_strbuf clean;
    ts_strbuf shaped;           /* values ictrp_shape rewrites */
    ts_record rec;
    /* invalid UTF-8 repair */
    int repair;                 /* the document is UTF-8 */
    ts_strbuf fixed;            /* a chunk with invalid bytes replaced */
    char carry[4];              /* an incomplete sequence at chunk end */
    size_t ncarry;
    unsigned long bad_utf8;     /* replacements made */
} xml_reader;

const char *ictrp_xml_library_version(void)
{
    return XML_ExpatVersion();
}


/* Stops the parser with an error at the current position. */
static void fail(xml_reader *x, ts_status st, const char *msg,
                 const char *arg)
{
    if (x->stop != TS_OK)
        return;
    x->stop = ts_error_set(
        x->err, st, x->file, (unsigned long)XML_GetCurrentLineNumber(x->parser),
        (unsigned long)XML_GetCurrentColumnNumber(x->parser) + 1, "%s%s%s%s",
        msg, arg ? " \"" : "", arg ? arg : "", arg ? "\"" : "");
    XML_StopParser(x->parser, XML_FALSE);
}

static int column_of(const char *name)
{
    size_t i;

    for (i = 0; i < NELEMENTS; i++)
        if (strcmp(name, elements[i].name) == 0)
            return (int)elements[i].col;
    return -1;
}

static void XMLCALL on_start(void *data, const XML_Char *name,
                             const XML_Char **atts)
{
    xml_reader *x = data;
    size_t i;

    (void)atts;
    x->depth++;
    if (x->depth == 1) {
        if (strcmp(name, ROOT) != 0)
            fail(x, TS_ERR_PARSE,
                 "unrecognized XML export: expected a WHO ICTRP export "
                 "(root element <" ROOT ">), not",
                 name);
        return;
    }
    if (x->depth == 2) {
        if (strcmp(name, "Trial") != 0)
            return;
        x->in_trial = 1;
        x->trial_line = (unsigned long)XML_GetCurrentLineNumber(x->parser);
        x->oversize = 0;
        for (i = 0; i < TS_COL_COUNT; i++) {
            sb_reset(&x->raw[i]);
            x->seen[i] = 0;
        }
        return;
    }
    if (x->depth == 3 && x->in_trial) {
        x->col = column_of(name);
        if (x->col >= 0) {
            /* A repeated element adds to the value, as a new line. */
            if (x->seen[x->col] && x->raw[x->col].len)
                sb_putc(&x->raw[x->col], '\n');
            x->seen[x->col] = 1;
            x->ever[x->col] = 1;
        }
    }
}

static void XMLCALL on_text(void *data, const XML_Char *s, int len)
{
    xml_reader *x = data;
    ts_strbuf *b;

    if (x->col < 0 || len <= 0)
        return;
    b = &x->raw[x->col];
    if (b->len + (size_t)len > x->max_field) {
        /* The value is cut, the trial reported as bad: memory stays
         * bounded whatever the element holds. */
        if (!x->oversize)
            x->oversize = (size_t)x->col + 1;
        return;
    }
    sb_append(b, s, (size_t)len);
}

static void emit_trial(xml_reader *x)
{
    size_t i, off[TS_COL_COUNT];
    int bad = 0;
    ts_status rc;

    x->stats->rows++;
    if (x->oversize) {
        char why[128];

        snprintf(why, sizeof(why),
                 "a value of this trial is longer than %zu bytes "
                 "(--max-field)",
                 x->max_field);
        rc = sink_bad_record(x->sink, x->trial_line, why, x->err);
        if (rc != TS_OK && x->stop == TS_OK) {
            x->stop = rc;
            XML_StopParser(x->parser, XML_FALSE);
        }
        return;
    }
    sb_reset(&x->clean);
    for (i = 0; i < TS_COL_COUNT; i++) {
        size_t clen = 0;

        off[i] = record_clean_value(&x->clean, x->raw[i].buf ? x->raw[i].buf
                                                              : "",
                                    x->raw[i].len, &clen, &bad);
        x->rec.len[i] = clen;
    }
    for (i = 0; i < TS_COL_COUNT; i++)
        x->rec.value[i] = x->clean.buf + off[i];
    for (i = 0; i < NELEMENTS; i++)
        if (x->ever[elements[i].col]) {
            x->rec.present[elements[i].col] = 1;
            if (!x->rec.name[elements[i].col])
                x->rec.name[elements[i].col] = elements[i].name;
        }
    if (x->rec.len[TS_COL_ID] == 0 && x->rec.len[TS_COL_TITLE] == 0 &&
        x->rec.len[TS_COL_STATUS] == 0) {
        x->stats->blank++;
        return;
    }
    x->rec.line = x->trial_line;
    x->rec.row = x->stats->rows;
    if (bad) {
        x->stats->bad_utf8_rows++;
        sink_warn(x->sink, x->trial_line, 0,
                  "invalid UTF-8 replaced by U+FFFD");
    }
    {
        ts_shaper sh;

        sb_reset(&x->shaped);
        shaper_init(&sh, &x->shaped);
        ictrp_shape(&x->rec, &sh);
        shaper_apply(&sh, &x->rec);
    }
    rc = sink_record(x->sink, &x->rec, x->err);
    if (rc != TS_OK && x->stop == TS_OK) {
        x->stop = rc;
        XML_StopParser(x->parser, XML_FALSE);
    }
}

static void XMLCALL on_end(void *data, const XML_Char *name)
{
    xml_reader *x = data;

    (void)name;
    if (x->depth == 3)
        x->col = -1;
    if (x->depth == 2 && x->in_trial) {
        x->in_trial = 0;
        emit_trial(x);
    }
    x->depth--;
}

/* Entities are never expanded: a DTD that declares one (the "billion
 * laughs", an external entity naming a file or URL) stops the reading. */
static void XMLCALL on_entity_decl(void *data, const XML_Char *name,
                                   int is_param, const XML_Char *value,
                                   int value_len, const XML_Char *base,
                                   const XML_Char *system_id,
                                   const XML_Char *public_id,
                                   const XML_Char *notation)
{
    xml_reader *x = data;

    (void)is_param;
    (void)value;
    (void)value_len;
    (void)base;
    (void)public_id;
    (void)notation;
    fail(x, TS_ERR_PARSE,
         system_id ? "XML external entity declared; entities are not "
                     "expanded or fetched, the file is refused:"
                   : "XML entity declared; entities are not expanded, the "
                     "file is refused:",
         name);
}

/* An entity the parser could not resolve (declared in an external DTD,
 * which is never read): refused too, not silently dropped. */
static void XMLCALL on_skipped_entity(void *data, const XML_Char *name,
                                      int is_param)
{
    (void)is_param;
    fail(data, TS_ERR_PARSE,
         "XML reference to an entity that is not expanded:", name);
}

static int XMLCALL on_external_ref(XML_Parser p, const XML_Char *context,
                                   const XML_Char *base,
                                   const XML_Char *system_id,
                                   const XML_Char *public_id)
{
    (void)p;
    (void)context;
    (void)base;
    (void)system_id;
    (void)public_id;
    return XML_STATUS_ERROR;    /* never fetched */
}

/* Index of the first byte that is not valid UTF-8 or starts a sequence
 * cut by the end of the buffer; n if all is valid. */
static size_t utf8_prefix(const unsigned char *s, size_t n)
{
    size_t i = 0;

    while (i < n) {
        /* ASCII runs eight bytes at a time. */
        while (i + 8 <= n) {
            unsigned long long w;

            memcpy(&w, s + i, 8);
            if (w & 0x8080808080808080ULL)
                break;
            i += 8;
        }
        if (i >= n)
            break;
        if (s[i] < 0x80) {
            i++;
            continue;
        }
        {
            int k = decode_utf8_len(s + i, n - i);

            if (k <= 0)
                return i;
            i += (size_t)k;
        }
    }
    return n;
}

/* Feeds bytes to expat, replacing invalid UTF-8 by U+FFFD. */
static ts_status feed(xml_reader *x, const char *buf, size_t n, int last)
{
    const unsigned char *s = (const unsigned char *)buf;
    size_t ok;
    enum XML_Status st;

    if (x->repair) {
        ok = x->ncarry ? 0 : utf8_prefix(s, n);
        if (x->ncarry || ok < n) {
            /* Slow path: rebuild the chunk with replacements. */
            size_t i = 0;

            sb_reset(&x->fixed);
            sb_append(&x->fixed, x->carry, x->ncarry);
            x->ncarry = 0;
            sb_append(&x->fixed, buf, n);
            s = (const unsigned char *)x->fixed.buf;
            n = x->fixed.len;
            {
                ts_strbuf out = {0};

                while (i < n) {
                    int k = s[i] < 0x80 ? 1 : decode_utf8_len(s + i, n - i);

                    if (k < 0 && !last) {
                        /* complete it with the next chunk */
                        x->ncarry = n - i;
                        memcpy(x->carry, s + i, x->ncarry);
                        break;
                    }
                    if (k <= 0) {
                        sb_append(&out, "\xEF\xBF\xBD", 3);
                        x->bad_utf8++;
                        i++;
                    } else {
                        sb_append(&out, (const char *)s + i, (size_t)k);
                        i += (size_t)k;
                    }
                }
                sb_free(&x->fixed);
                x->fixed = out;
            }
            buf = x->fixed.buf ? x->fixed.buf : "";
            n = x->fixed.len;
        }
    }
    if (n > (size_t)0x7fffffff)
        return ts_error_set(x->err, TS_ERR_INTERNAL, x->file, 0, 0,
                            "chunk too large for the XML parser");
    st = XML_Parse(x->parser, buf, (int)n, last);
    if (st == XML_STATUS_ERROR) {
        if (x->stop != TS_OK)
            return x->stop;
        {
            enum XML_Error code = XML_GetErrorCode(x->parser);
            unsigned long line =
                (unsigned long)XML_GetCurrentLineNumber(x->parser);
            unsigned long col =
                (unsigned long)XML_GetCurrentColumnNumber(x->parser) + 1;

            if (code == XML_ERROR_NO_ELEMENTS || code == XML_ERROR_UNCLOSED_TOKEN ||
                code == XML_ERROR_PARTIAL_CHAR ||
                code == XML_ERROR_UNCLOSED_CDATA_SECTION)
                return ts_error_set(
                    x->err, TS_ERR_PARSE, x->file, line, col,
                    "file ends inside an element (cut short?): %s; the %lu "
                    "trials before it are kept%s",
                    XML_ErrorString(code), x->stats->rows - x->stats->skipped,
                    x->in_trial ? ", the trial it cuts is not" : "");
            return ts_error_set(x->err, TS_ERR_PARSE, x->file, line, col,
                                "malformed XML: %s", XML_ErrorString(code));
        }
    }
    if (x->stop != TS_OK)
        return x->stop;
    return TS_OK;
}

/* UTF-8 unless the XML declaration names another encoding. */
static int declares_utf8(const char *p, size_t n)
{
    const char *end, *enc;
    char name[16];
    size_t k = 0;

    if (n < 5 || memcmp(p, "<?xml", 5) != 0)
        return 1;
    end = memchr(p, '>', n);
    if (!end)
        return 1;
    enc = p;
    while (enc < end && memcmp(enc, "encoding", 8) != 0)
        enc++;
    if (enc + 8 >= end)
        return 1;
    enc += 8;
    while (enc < end && (*enc == ' ' || *enc == '=' || *enc == '"' ||
                         *enc == '\''))
        enc++;
    while (enc < end && *enc != '"' && *enc != '\'' && k + 1 < sizeof(name))
        name[k++] = (char)(*enc >= 'a' && *enc <= 'z' ? *enc - 32 : *enc),
        enc++;
    name[k] = '\0';
    return strcmp(name, "UTF-8") == 0 || strcmp(name, "UTF8") == 0;
}

/* XML with the ICTRP root is this format for sure; any other XML comes
 * here too, to be told what was expected. */
static int detect_xml(const ts_sniff *s)
{
    size_t i = 0;

    if (strcmp(s->xml_root, ROOT) == 0)
        return 100;
    while (i < s->len && (s->head[i] == ' ' || s->head[i] == '\t' ||
                          s->head[i] == '\r' || s->head[i] == '\n'))
        i++;
    /* A DTD before the root element: expat reads it, and refuses what
     * it must refuse. */
    if (i < s->len && s->head[i] == '<' && sniff_contains(s, "<" ROOT))
        return 100;
    return s->xml_root[0] || (i < s->len && s->head[i] == '<') ? 10 : 0;
}

static ts_status read_xml(ts_source *src, const ts_ingest_opts *opts,
                          ts_sink *sink, ts_error *err)
{
    xml_reader *x = xcalloc(1, sizeof(*x));
    const char *head;
    size_t nhead, i;
    ts_status rc;

    x->sink = sink;
    x->file = sink_name(sink);
    x->opts = opts;
    x->stats = sink_stats(sink);
    x->err = err;
    x->col = -1;
    x->max_field = opts && opts->max_field ? opts->max_field
                                           : TS_MAX_FIELD_DEFAULT;
    x->rec.file = x->file;
    rc = source_head(src, &head, &nhead, err);
    if (rc != TS_OK)
        goto done;
    x->repair = declares_utf8(head, nhead);
    x->parser = XML_ParserCreate(NULL);
    if (!x->parser) {
        rc = ts_error_set(err, TS_ERR_INTERNAL, x->file, 0, 0,
                          "cannot create the XML parser");
        goto done;
    }
    XML_SetUserData(x->parser, x);
    XML_SetElementHandler(x->parser, on_start, on_end);
    XML_SetCharacterDataHandler(x->parser, on_text);
    XML_SetEntityDeclHandler(x->parser, on_entity_decl);
    XML_SetSkippedEntityHandler(x->parser, on_skipped_entity);
    XML_SetExternalEntityRefHandler(x->parser, on_external_ref);
    XML_SetParamEntityParsing(x->parser, XML_PARAM_ENTITY_PARSING_NEVER);
    for (;;) {
        char *buf;
        size_t n;
        const char *q;

        rc = source_read(src, &buf, &n, err);
        if (rc != TS_OK)
            goto done;
        for (q = buf; n && (q = memchr(q, '\n', n - (size_t)(q - buf)));
             q++)
            x->stats->lines++;
        rc = feed(x, n ? buf : "", n, n == 0);
        if (rc != TS_OK || n == 0)
            break;
    }
    if (rc == TS_OK && x->bad_utf8)
        sink_warn(sink, 0, 0, "invalid UTF-8 replaced by U+FFFD (%lu byte%s)",
                  x->bad_utf8, x->bad_utf8 == 1 ? "" : "s");
    if (rc == TS_OK) {
        ts_strbuf names = {0};
        size_t nmissing = 0;

        for (i = 0; i < sizeof(important) / sizeof(important[0]); i++) {
            size_t e;

            if (x->ever[important[i]])
                continue;
            for (e = 0; e < NELEMENTS; e++)
                if (elements[e].col == important[i])
                    break;
            sb_printf(&names, "%s<%s>", nmissing++ ? ", " : "",
                      elements[e].name);
        }
        if (nmissing && x->stats->rows)
            sink_warn(sink, 0, 0,
                      "no %s element%s in any trial; \"Not reported\" for "
                      "every trial of this file",
                      sb_str(&names), nmissing > 1 ? "s" : "");
        sb_free(&names);
    }
    for (i = 0; i < NELEMENTS; i++)
        x->stats->missing[elements[i].col] = !x->ever[elements[i].col];
done:
    if (x->parser)
        XML_ParserFree(x->parser);
    for (i = 0; i < TS_COL_COUNT; i++)
        sb_free(&x->raw[i]);
    sb_free(&x->clean);
    sb_free(&x->fixed);
    sb_free(&x->shaped);
    free(x);
    return rc;
}

const ts_reader reader_ictrp_xml = {
    "ictrp-xml", "WHO ICTRP search portal export (XML)", TS_REG_UNKNOWN,
    detect_xml, read_xml,
};
