/*
 * unit.h - helpers shared by the cmocka unit tests: the cmocka include
 * dance, and scratch directories and files made and removed by the tests
 * themselves. Header-only (static inline) so each test_<stage>.c stays one
 * translation unit, as the Makefile builds it.
 */
#ifndef TS_TESTS_UNIT_H
#define TS_TESTS_UNIT_H

#include <dirent.h>
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "common/strbuf.h"
#include "common/xalloc.h"

/* A new empty directory under $TMPDIR (or /tmp); caller frees the path
 * and removes the tree with ut_rm_rf(). */
static inline char *ut_mkdtemp(void)
{
    const char *base = getenv("TMPDIR");
    ts_strbuf sb = {0};

    if (!base || !*base)
        base = "/tmp";
    sb_printf(&sb, "%s/trialscape-unit.XXXXXX", base);
    if (!mkdtemp(sb.buf))
        fail_msg("mkdtemp(%s): %s", sb.buf, strerror(errno));
    return sb.buf;
}

/* "dir/name" as a new string; caller frees. */
static inline char *ut_path(const char *dir, const char *name)
{
    ts_strbuf sb = {0};

    sb_printf(&sb, "%s/%s", dir, name);
    return sb.buf;
}

/* Writes len bytes to dir/name and returns the path; caller frees. */
static inline char *ut_write(const char *dir, const char *name,
                             const char *data, size_t len)
{
    char *path = ut_path(dir, name);
    FILE *fp = fopen(path, "wb");

    if (!fp)
        fail_msg("fopen(%s): %s", path, strerror(errno));
    if (len && fwrite(data, 1, len, fp) != len)
        fail_msg("fwrite(%s) failed", path);
    if (fclose(fp) != 0)
        fail_msg("fclose(%s) failed", path);
    return path;
}

/* ut_write of a NUL-terminated text. */
static inline char *ut_write_text(const char *dir, const char *name,
                                  const char *text)
{
    return ut_write(dir, name, text, strlen(text));
}

/* The whole content of path plus a NUL, or NULL if it cannot be read;
 * *len (if not NULL) gets the byte count. Caller frees. */
static inline char *ut_read(const char *path, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    ts_strbuf sb = {0};
    char buf[4096];
    size_t n;

    if (!fp)
        return NULL;
    while ((n = fread(buf, 1, sizeof(buf), fp)) > 0)
        sb_append(&sb, buf, n);
    fclose(fp);
    if (len)
        *len = sb.len;
    if (!sb.buf)
        return xstrdup("");
    return sb.buf;
}

static inline int ut_exists(const char *path)
{
    struct stat st;

    return lstat(path, &st) == 0;
}

static inline int ut_is_dir(const char *path)
{
    struct stat st;

    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Number of entries in dir other than "." and "..", or -1. */
static inline int ut_count_entries(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    int n = 0;

    if (!d)
        return -1;
    while ((e = readdir(d)) != NULL)
        if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
            n++;
    closedir(d);
    return n;
}

/* rm -rf path (no symlinks are followed: lstat). */
static inline void ut_rm_rf(const char *path)
{
    struct stat st;

    if (lstat(path, &st) != 0)
        return;
    if (S_ISDIR(st.st_mode)) {
        DIR *d = opendir(path);
        struct dirent *e;

        while (d && (e = readdir(d)) != NULL) {
            char *sub;

            if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
                continue;
            sub = ut_path(path, e->d_name);
            ut_rm_rf(sub);
            free(sub);
        }
        if (d)
            closedir(d);
        (void)rmdir(path);
    } else {
        (void)unlink(path);
    }
}

/* Per-test fixture: *state is a new scratch directory (a char *), removed
 * with everything in it after the test, whether it passed or not. */
static inline int ut_dir_setup(void **state)
{
    *state = ut_mkdtemp();
    return 0;
}

static inline int ut_dir_teardown(void **state)
{
    ut_rm_rf(*state);
    free(*state);
    *state = NULL;
    return 0;
}

/* One scratch directory for a whole test binary (cmocka group setup and
 * teardown), for tests that share it. */
static char *tmpdir;

static inline int ut_group_setup(void **state)
{
    (void)state;
    tmpdir = ut_mkdtemp();
    return 0;
}

static inline int ut_group_teardown(void **state)
{
    (void)state;
    ut_rm_rf(tmpdir);
    free(tmpdir);
    tmpdir = NULL;
    return 0;
}

#define ut_test_in_dir(f) cmocka_unit_test_setup_teardown(f, ut_dir_setup, \
                                                          ut_dir_teardown)

/* Whether needle (a C string) occurs in hay[0..n). */
static inline int ut_contains(const char *hay, size_t n, const char *needle)
{
    size_t k = strlen(needle), i;

    if (k == 0)
        return 1;
    for (i = 0; i + k <= n; i++)
        if (memcmp(hay + i, needle, k) == 0)
            return 1;
    return 0;
}

#endif
