/*
 * stage.c - staging directory and all-or-nothing rename of outputs (common).
 */
#include "common/stage.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include "common/strbuf.h"
#include "common/xalloc.h"

struct ts_stage {
    char *dir;          /* owned; final output directory */
    char *tmp;          /* owned; staging directory inside dir */
    char **files;       /* owned; relative paths recorded, owned each */
    size_t nfiles;
    size_t cap;
};

ts_status fs_mkdir_p(const char *path, ts_error *err)
{
    char *p = xstrdup(path);
    size_t i, n = strlen(p);
    ts_status rc = TS_OK;

    for (i = 1; i <= n; i++) {
        if (p[i] != '/' && p[i] != '\0')
            continue;
        p[i] = '\0';
        if (mkdir(p, 0777) != 0 && errno != EEXIST) {
            rc = ts_error_sys(err, TS_ERR_OUTPUT, errno, path,
                              "cannot create directory");
            break;
        }
        p[i] = i < n ? '/' : '\0';
    }
    if (rc == TS_OK) {
        struct stat sb;

        if (stat(path, &sb) != 0 || !S_ISDIR(sb.st_mode))
            rc = ts_error_set(err, TS_ERR_OUTPUT, path, 0, 0,
                              "not a directory");
    }
    free(p);
    return rc;
}

ts_status stage_open(const char *dir, ts_stage **out, ts_error *err)
{
    ts_stage *st;
    ts_strbuf sb = {0};
    ts_status rc;

    *out = NULL;
    rc = fs_mkdir_p(dir, err);
    if (rc != TS_OK)
        return rc;
    sb_printf(&sb, "%s/.trialscape-tmp.%ld", dir, (long)getpid());
    if (mkdir(sb.buf, 0777) != 0 && errno != EEXIST) {
        rc = ts_error_sys(err, TS_ERR_OUTPUT, errno, dir,
                          "cannot create staging directory");
        sb_free(&sb);
        return rc;
    }
    st = xcalloc(1, sizeof(*st));
    st->dir = xstrdup(dir);
    st->tmp = sb.buf;
    *out = st;
    return TS_OK;
}

static void record(ts_stage *st, const char *rel)
{
    size_t i;

    for (i = 0; i < st->nfiles; i++)
        if (strcmp(st->files[i], rel) == 0)
            return;
    if (st->nfiles == st->cap) {
        st->cap = st->cap ? st->cap * 2 : 32;
        st->files = xrealloc(st->files, st->cap * sizeof(char *));
    }
    st->files[st->nfiles++] = xstrdup(rel);
}

char *stage_path(ts_stage *st, const char *rel)
{
    ts_strbuf sb = {0};
    const char *slash = strrchr(rel, '/');

    if (slash) {
        sb_printf(&sb, "%s/%.*s", st->tmp, (int)(slash - rel), rel);
        (void)fs_mkdir_p(sb.buf, NULL);
        sb_reset(&sb);
    }
    sb_printf(&sb, "%s/%s", st->tmp, rel);
    record(st, rel);
    return sb.buf;
}

ts_status stage_fopen(ts_stage *st, const char *rel, FILE **fp,
                      ts_error *err)
{
    char *path = stage_path(st, rel);

    *fp = fopen(path, "wb");
    free(path);
    if (!*fp)
        return ts_error_sys(err, TS_ERR_OUTPUT, errno, st->dir,
                            "cannot create %s", rel);
    return TS_OK;
}

ts_status stage_fclose(ts_stage *st, const char *rel, FILE *fp,
                       ts_error *err)
{
    int bad = ferror(fp);
    int e = errno;

    if (fclose(fp) != 0 && !bad) {
        bad = 1;
        e = errno;
    }
    if (bad)
        return ts_error_sys(err, TS_ERR_OUTPUT, e ? e : EIO, st->dir,
                            "cannot write %s", rel);
    return TS_OK;
}

const char *stage_dir(const ts_stage *st)
{
    return st->tmp;
}

const char *stage_final_dir(const ts_stage *st)
{
    return st->dir;
}

static void stage_free(ts_stage *st)
{
    size_t i;

    for (i = 0; i < st->nfiles; i++)
        free(st->files[i]);
    free(st->files);
    free(st->dir);
    free(st->tmp);
    free(st);
}

/* Removes the staging tree: our own files first, then their directories,
 * deepest first (paths are short and few, so this stays simple). */
static void remove_tree(ts_stage *st)
{
    ts_strbuf sb = {0};
    size_t i;

    for (i = 0; i < st->nfiles; i++) {
        sb_reset(&sb);
        sb_printf(&sb, "%s/%s", st->tmp, st->files[i]);
        (void)unlink(sb.buf);
    }
    for (i = st->nfiles; i-- > 0;) {
        char *rel = xstrdup(st->files[i]);
        char *slash;

        while ((slash = strrchr(rel, '/')) != NULL) {
            *slash = '\0';
            sb_reset(&sb);
            sb_printf(&sb, "%s/%s", st->tmp, rel);
            (void)rmdir(sb.buf);
        }
        free(rel);
    }
    (void)rmdir(st->tmp);
    sb_free(&sb);
}

void stage_abort(ts_stage *st)
{
    if (!st)
        return;
    remove_tree(st);
    stage_free(st);
}

ts_status stage_commit(ts_stage *st, ts_error *err)
{
    ts_strbuf from = {0}, to = {0};
    ts_status rc = TS_OK;
    size_t i;

    for (i = 0; i < st->nfiles && rc == TS_OK; i++) {
        const char *rel = st->files[i];
        const char *slash = strrchr(rel, '/');
        struct stat sb;

        sb_reset(&from);
        sb_printf(&from, "%s/%s", st->tmp, rel);
        if (stat(from.buf, &sb) != 0)
            continue;   /* recorded but never produced (e.g. no gnuplot) */
        if (slash) {
            sb_reset(&to);
            sb_printf(&to, "%s/%.*s", st->dir, (int)(slash - rel), rel);
            rc = fs_mkdir_p(to.buf, err);
            if (rc != TS_OK)
                break;
        }
        sb_reset(&to);
        sb_printf(&to, "%s/%s", st->dir, rel);
        if (rename(from.buf, to.buf) != 0)
            rc = ts_error_sys(err, TS_ERR_OUTPUT, errno, st->dir,
                              "cannot rename %s into place", rel);
    }
    sb_free(&from);
    sb_free(&to);
    remove_tree(st);
    stage_free(st);
    return rc;
}
