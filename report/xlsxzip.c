/*
 * xlsxzip.c - a workbook's zip copied with one sheet's rows put in (report
 * stage; see xlsxzip.h).
 */
#include "report/xlsxzip.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "common/strbuf.h"
#include "common/xalloc.h"

#define U32_MAX 0xFFFFFFFFull

/* One part of the zip, as its central directory describes it. */
typedef struct entry {
    const unsigned char *name;  /* view into the source */
    size_t nname;
    const unsigned char *comment;   /* view */
    size_t ncomment;
    unsigned version_made, flags, method, time, date, int_attr;
    unsigned long ext_attr;
    unsigned long crc;
    unsigned long long csize, usize, offset;
    const unsigned char *data;  /* view; csize bytes */
} entry;

static unsigned rd16(const unsigned char *p)
{
    return (unsigned)p[0] | (unsigned)p[1] << 8;
}

static unsigned long rd32(const unsigned char *p)
{
    return (unsigned long)rd16(p) | (unsigned long)rd16(p + 2) << 16;
}

static unsigned long long rd64(const unsigned char *p)
{
    return (unsigned long long)rd32(p) | (unsigned long long)rd32(p + 4)
                                             << 32;
}

/* ---- reading ---- */

static int read_file(const char *path, unsigned char **buf, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    ts_strbuf sb = {0};
    size_t got;

    if (!fp)
        return errno ? errno : EIO;
    do {
        char *p = sb_reserve(&sb, 1 << 16);

        got = fread(p, 1, 1 << 16, fp);
        sb.len += got;
    } while (got > 0);
    if (ferror(fp)) {
        int e = errno ? errno : EIO;

        fclose(fp);
        sb_free(&sb);
        return e;
    }
    fclose(fp);
    *buf = (unsigned char *)sb.buf;
    *len = sb.len;
    return 0;
}

/* Values a zip64 extra field holds for the fields set to all ones. */
static void read_zip64(entry *e, const unsigned char *x, size_t n)
{
    while (n >= 4) {
        unsigned id = rd16(x), len = rd16(x + 2);
        const unsigned char *v = x + 4, *end;

        if ((size_t)len + 4 > n)
            return;
        end = v + len;
        if (id == 1) {
            if (e->usize == U32_MAX && v + 8 <= end)
                e->usize = rd64(v), v += 8;
            if (e->csize == U32_MAX && v + 8 <= end)
                e->csize = rd64(v), v += 8;
            if (e->offset == U32_MAX && v + 8 <= end)
                e->offset = rd64(v);
            return;
        }
        x += len + 4;
        n -= (size_t)len + 4;
    }
}

/* Reads the central directory; returns the number of entries, or
 * (size_t)-1 when the bytes are not a zip we can read. */
static size_t read_entries(const unsigned char *z, size_t n, entry **out)
{
    size_t i, eocd = (size_t)-1, count, pos;
    unsigned long long cd_off, cd_size;
    entry *es;

    *out = NULL;
    if (n < 22)
        return (size_t)-1;
    for (i = n - 22;; i--) {
        if (rd32(z + i) == 0x06054b50UL) {
            eocd = i;
            break;
        }
        if (i == 0 || n - i > 22 + 65535)
            break;
    }
    if (eocd == (size_t)-1)
        return (size_t)-1;
    count = rd16(z + eocd + 10);
    cd_size = rd32(z + eocd + 12);
    cd_off = rd32(z + eocd + 16);
    if (eocd >= 20 && rd32(z + eocd - 20) == 0x07064b50UL) {
        unsigned long long at = rd64(z + eocd - 20 + 8);

        if (at + 56 > n || rd32(z + at) != 0x06064b50UL)
            return (size_t)-1;
        count = (size_t)rd64(z + at + 32);
        cd_size = rd64(z + at + 40);
        cd_off = rd64(z + at + 48);
    }
    if (cd_off > n || cd_size > n - cd_off || count > n / 46)
        return (size_t)-1;
    es = xcalloc(count ? count : 1, sizeof(entry));
    pos = (size_t)cd_off;
    for (i = 0; i < count; i++) {
        entry *e = &es[i];
        const unsigned char *c = z + pos, *l;
        size_t nx, lpos;

        if (pos + 46 > n || rd32(c) != 0x02014b50UL)
            goto bad;
        e->version_made = rd16(c + 4);
        e->flags = rd16(c + 8);
        e->method = rd16(c + 10);
        e->time = rd16(c + 12);
        e->date = rd16(c + 14);
        e->crc = rd32(c + 16);
        e->csize = rd32(c + 20);
        e->usize = rd32(c + 24);
        e->nname = rd16(c + 28);
        nx = rd16(c + 30);
        e->ncomment = rd16(c + 32);
        e->int_attr = rd16(c + 36);
        e->ext_attr = rd32(c + 38);
        e->offset = rd32(c + 42);
        if (pos + 46 + e->nname + nx + e->ncomment > n)
            goto bad;
        e->name = c + 46;
        read_zip64(e, c + 46 + e->nname, nx);
        e->comment = c + 46 + e->nname + nx;
        pos += 46 + e->nname + nx + e->ncomment;
        if (e->offset + 30 > n)
            goto bad;
        l = z + e->offset;
        if (rd32(l) != 0x04034b50UL)
            goto bad;
        lpos = (size_t)e->offset + 30 + rd16(l + 26) + rd16(l + 28);
        if (lpos > n || e->csize > n - lpos)
            goto bad;
        e->data = z + lpos;
    }
    *out = es;
    return count;
bad:
    free(es);
    return (size_t)-1;
}

/* ---- writing ---- */

typedef struct zout {
    FILE *fp;
    unsigned long long at;      /* bytes written */
} zout;

static void wr(zout *o, const void *p, size_t n)
{
    fwrite(p, 1, n, o->fp);     /* errors show at fclose */
    o->at += n;
}

static void wr16(zout *o, unsigned v)
{
    unsigned char b[2] = {(unsigned char)v, (unsigned char)(v >> 8)};

    wr(o, b, 2);
}

static void wr32(zout *o, unsigned long v)
{
    wr16(o, (unsigned)(v & 0xFFFF));
    wr16(o, (unsigned)(v >> 16 & 0xFFFF));
}

static void wr64(zout *o, unsigned long long v)
{
    wr32(o, (unsigned long)(v & U32_MAX));
    wr32(o, (unsigned long)(v >> 32));
}

static unsigned long clamp32(unsigned long long v)
{
    return v >= U32_MAX ? (unsigned long)U32_MAX : (unsigned long)v;
}

static void write_local(zout *o, const entry *e)
{
    int big = e->usize >= U32_MAX || e->csize >= U32_MAX;

    wr32(o, 0x04034b50UL);
    wr16(o, big ? 45 : 20);
    wr16(o, e->flags & ~8u);    /* sizes are here: no data descriptor */
    wr16(o, e->method);
    wr16(o, e->time);
    wr16(o, e->date);
    wr32(o, e->crc);
    wr32(o, big ? (unsigned long)U32_MAX : (unsigned long)e->csize);
    wr32(o, big ? (unsigned long)U32_MAX : (unsigned long)e->usize);
    wr16(o, (unsigned)e->nname);
    wr16(o, big ? 20 : 0);
    wr(o, e->name, e->nname);
    if (big) {
        wr16(o, 1);
        wr16(o, 16);
        wr64(o, e->usize);
        wr64(o, e->csize);
    }
}

static void write_central(zout *o, const entry *e)
{
    unsigned nx = (e->usize >= U32_MAX ? 8 : 0) +
                  (e->csize >= U32_MAX ? 8 : 0) +
                  (e->offset >= U32_MAX ? 8 : 0);

    wr32(o, 0x02014b50UL);
    wr16(o, e->version_made);
    wr16(o, nx ? 45 : 20);
    wr16(o, e->flags & ~8u);
    wr16(o, e->method);
    wr16(o, e->time);
    wr16(o, e->date);
    wr32(o, e->crc);
    wr32(o, clamp32(e->csize));
    wr32(o, clamp32(e->usize));
    wr16(o, (unsigned)e->nname);
    wr16(o, nx ? nx + 4 : 0);
    wr16(o, (unsigned)e->ncomment);
    wr16(o, 0);
    wr16(o, e->int_attr);
    wr32(o, e->ext_attr);
    wr32(o, clamp32(e->offset));
    wr(o, e->name, e->nname);
    if (nx) {
        wr16(o, 1);
        wr16(o, nx);
        if (e->usize >= U32_MAX)
            wr64(o, e->usize);
        if (e->csize >= U32_MAX)
            wr64(o, e->csize);
        if (e->offset >= U32_MAX)
            wr64(o, e->offset);
    }
    wr(o, e->comment, e->ncomment);
}

static void write_end(zout *o, size_t count, unsigned long long cd_off,
                      unsigned long long cd_size)
{
    int big = count >= 0xFFFF || cd_off >= U32_MAX || cd_size >= U32_MAX;

    if (big) {
        unsigned long long at = o->at;

        wr32(o, 0x06064b50UL);
        wr64(o, 44);
        wr16(o, 45);
        wr16(o, 45);
        wr32(o, 0);
        wr32(o, 0);
        wr64(o, count);
        wr64(o, count);
        wr64(o, cd_size);
        wr64(o, cd_off);
        wr32(o, 0x07064b50UL);
        wr32(o, 0);
        wr64(o, at);
        wr32(o, 1);
    }
    wr32(o, 0x06054b50UL);
    wr16(o, 0);
    wr16(o, 0);
    wr16(o, big ? 0xFFFF : (unsigned)count);
    wr16(o, big ? 0xFFFF : (unsigned)count);
    wr32(o, clamp32(cd_size));
    wr32(o, clamp32(cd_off));
    wr16(o, 0);
}

/* ---- the sheet ---- */

/* Inflates a raw deflate stream of usize bytes; NULL on a bad stream. */
static char *inflate_part(const entry *e)
{
    z_stream s;
    char *out;
    int rc;

    if (e->method != 8 || e->usize > (1u << 30))
        return NULL;
    out = xmalloc((size_t)e->usize + 1);
    memset(&s, 0, sizeof(s));
    if (inflateInit2(&s, -15) != Z_OK) {
        free(out);
        return NULL;
    }
    s.next_in = (Bytef *)(uintptr_t)e->data;
    s.avail_in = (uInt)e->csize;
    s.next_out = (Bytef *)out;
    s.avail_out = (uInt)e->usize;
    rc = inflate(&s, Z_FINISH);
    inflateEnd(&s);
    if (rc != Z_STREAM_END || s.total_out != e->usize) {
        free(out);
        return NULL;
    }
    out[e->usize] = '\0';
    return out;
}

/* Deflates s[0..n) (raw) onto out: full-flushed, or final. */
static int deflate_piece(const char *s, size_t n, int final, ts_strbuf *out)
{
    z_stream z;
    int rc;

    memset(&z, 0, sizeof(z));
    if (deflateInit2(&z, Z_BEST_SPEED, Z_DEFLATED, -15, 8,
                     Z_DEFAULT_STRATEGY) != Z_OK)
        return -1;
    z.next_in = (Bytef *)(uintptr_t)s;
    z.avail_in = (uInt)n;
    do {
        char *p = sb_reserve(out, 1 << 16);

        z.next_out = (Bytef *)p;
        z.avail_out = 1 << 16;
        rc = deflate(&z, final ? Z_FINISH : Z_FULL_FLUSH);
        out->len += (1 << 16) - z.avail_out;
    } while (z.avail_out == 0 || (final && rc != Z_STREAM_END));
    deflateEnd(&z);
    return rc == Z_STREAM_END || (!final && rc == Z_OK) ? 0 : -1;
}

/* Splits the sheet's XML where the rows go, with the dimension replaced:
 * head (up to and with the first row, or the opening <sheetData>) and
 * tail. Returns -1 when the XML has no sheetData. */
static int split_sheet(const char *xml, const char *dimension,
                       ts_strbuf *head, ts_strbuf *tail)
{
    const char *sd = strstr(xml, "<sheetData");
    const char *cut, *dim;

    if (!sd)
        return -1;
    dim = strstr(xml, "<dimension ref=\"");
    if (dim && dim < sd) {
        const char *q = strchr(dim + 16, '"');

        if (!q)
            return -1;
        sb_append(head, xml, (size_t)(dim + 16 - xml));
        sb_puts(head, dimension);
        xml = q;
    }
    if (strncmp(sd, "<sheetData/>", 12) == 0) {
        sb_append(head, xml, (size_t)(sd - xml));
        sb_puts(head, "<sheetData>");
        sb_puts(tail, "</sheetData>");
        sb_puts(tail, sd + 12);
        return 0;
    }
    cut = strchr(sd, '>');
    if (!cut)
        return -1;
    cut++;
    if (strncmp(cut, "<row r=\"1\"", 10) == 0) {
        const char *end = strstr(cut, "</row>");

        if (!end)
            return -1;
        cut = end + 6;
    }
    sb_append(head, xml, (size_t)(cut - xml));
    sb_puts(tail, cut);
    return 0;
}

/* Copies the file at path into o; errno or 0. */
static int copy_file(zout *o, const char *path, unsigned long long expect)
{
    FILE *fp = fopen(path, "rb");
    char *buf;
    unsigned long long total = 0;
    size_t got;
    int e = 0;

    if (!fp)
        return errno ? errno : EIO;
    buf = xmalloc(1 << 20);
    while ((got = fread(buf, 1, 1 << 20, fp)) > 0) {
        wr(o, buf, got);
        total += got;
    }
    if (ferror(fp))
        e = errno ? errno : EIO;
    else if (total != expect)
        e = EIO;
    free(buf);
    fclose(fp);
    return e;
}

ts_status xlsxzip_splice(const char *src, const char *dst, const char *part,
                         const char *rows_path,
                         const ts_sheetrows_info *info,
                         const char *dimension, const char *name,
                         ts_error *err)
{
    unsigned char *z = NULL;
    size_t nz = 0, count, i;
    entry *es = NULL;
    char *xml = NULL;
    ts_strbuf head = {0}, tail = {0}, packed = {0};
    size_t npacked_head = 0;
    zout o = {NULL, 0};
    unsigned long long cd_off;
    ts_status rc = TS_OK;
    int e;

    e = read_file(src, &z, &nz);
    if (e)
        return ts_error_sys(err, TS_ERR_OUTPUT, e, name,
                            "cannot read back the workbook");
    count = read_entries(z, nz, &es);
    if (count == (size_t)-1) {
        rc = ts_error_set(err, TS_ERR_OUTPUT, name, 0, 0,
                          "cannot read back the workbook: not a zip file");
        goto done;
    }
    for (i = 0; i < count; i++)
        if (es[i].nname == strlen(part) &&
            memcmp(es[i].name, part, es[i].nname) == 0)
            break;
    if (i == count || !(xml = inflate_part(&es[i])) ||
        split_sheet(xml, dimension, &head, &tail) != 0) {
        rc = ts_error_set(err, TS_ERR_OUTPUT, name, 0, 0,
                          "cannot read back the workbook's part %s", part);
        goto done;
    }
    /* The sheet: head, rows, tail as one stream. */
    if (deflate_piece(head.buf ? head.buf : "", head.len, 0, &packed) != 0)
        goto deflate_failed;
    npacked_head = packed.len;
    if (deflate_piece(tail.buf ? tail.buf : "", tail.len, 1, &packed) != 0)
        goto deflate_failed;
    {
        entry *s = &es[i];
        unsigned long crc = crc32(0, (const Bytef *)head.buf,
                                  (uInt)head.len);

        if (info->raw)
            crc = crc32_combine(crc, info->crc, (z_off_t)info->raw);
        crc = crc32_combine(crc,
                            crc32(0, (const Bytef *)tail.buf, (uInt)tail.len),
                            (z_off_t)tail.len);
        s->crc = crc;
        s->usize = head.len + info->raw + tail.len;
        s->csize = packed.len + info->packed;
        s->method = 8;
    }
    o.fp = fopen(dst, "wb");
    if (!o.fp) {
        rc = ts_error_sys(err, TS_ERR_OUTPUT, errno, name, "cannot create");
        goto done;
    }
    setvbuf(o.fp, NULL, _IOFBF, 1 << 20);
    for (i = 0; i < count; i++) {
        entry *x = &es[i];
        int sheet = x->nname == strlen(part) &&
                    memcmp(x->name, part, x->nname) == 0;

        x->offset = o.at;
        write_local(&o, x);
        if (!sheet) {
            wr(&o, x->data, (size_t)x->csize);
            continue;
        }
        wr(&o, packed.buf, npacked_head);
        e = copy_file(&o, rows_path, info->packed);
        if (e) {
            rc = ts_error_sys(err, TS_ERR_OUTPUT, e, name,
                              "cannot read back the Trials sheet");
            fclose(o.fp);
            o.fp = NULL;
            goto done;
        }
        wr(&o, packed.buf + npacked_head, packed.len - npacked_head);
    }
    cd_off = o.at;
    for (i = 0; i < count; i++)
        write_central(&o, &es[i]);
    write_end(&o, count, cd_off, o.at - cd_off);
    e = ferror(o.fp) ? (errno ? errno : EIO) : 0;
    if (fclose(o.fp) != 0 && !e)
        e = errno ? errno : EIO;
    o.fp = NULL;
    if (e)
        rc = ts_error_sys(err, TS_ERR_OUTPUT, e, name, "cannot write");
    goto done;
deflate_failed:
    rc = ts_error_set(err, TS_ERR_OUTPUT, name, 0, 0,
                      "cannot deflate the workbook's part %s", part);
done:
    free(z);
    free(es);
    free(xml);
    sb_free(&head);
    sb_free(&tail);
    sb_free(&packed);
    return rc;
}
