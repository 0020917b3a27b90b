/*
 * xalloc.c - the only place that calls malloc and friends (common).
 */
#define _DEFAULT_SOURCE 1   /* madvise(MADV_HUGEPAGE) */
#include "common/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static void oom(size_t size)
{
    fprintf(stderr, "trialscape: out of memory (%zu bytes)\n", size);
    /* 2026-11-30: exit() flushed every stdio stream (the staged
     * trials.tsv among them) while the Trials sheet's thread was still
     * writing, and the run died of SIGSEGV instead of exiting 5 (e2e 025,
     * one run in four). _exit ends all threads at once; what was being
     * written stays in the staging directory, never under a final name. */
    _exit(5);
}

void xalloc_failed(size_t size)
{
    oom(size);
}

void xalloc_reserve(size_t size)
{
    free(xmalloc(size));
}

void *xmalloc(size_t size)
{
    void *p = malloc(size ? size : 1);

    if (!p)
        oom(size);
    return p;
}

void *xcalloc(size_t nmemb, size_t size)
{
    void *p = calloc(nmemb ? nmemb : 1, size ? size : 1);

    if (!p)
        oom(nmemb * size);
    return p;
}

void *xrealloc(void *ptr, size_t size)
{
    void *p = realloc(ptr, size ? size : 1);

    if (!p)
        oom(size);
    return p;
}

char *xstrndup(const char *s, size_t len)
{
    char *p = xmalloc(len + 1);

    memcpy(p, s, len);
    p[len] = '\0';
    return p;
}

char *xstrdup(const char *s)
{
    return xstrndup(s, strlen(s));
}

void xalloc_fail(size_t size)
{
    oom(size);
}

#define HUGE_PAGE ((size_t)2 << 20)

void *xcalloc_big(size_t size)
{
    void *p = NULL;
    size_t round;

    if (size < HUGE_PAGE / 2)
        return xcalloc(1, size);
    round = (size + HUGE_PAGE - 1) / HUGE_PAGE * HUGE_PAGE;
    if (posix_memalign(&p, HUGE_PAGE, round) != 0)
        oom(round);
#ifdef MADV_HUGEPAGE
    madvise(p, round, MADV_HUGEPAGE);
#endif
    memset(p, 0, size);
    return p;
}
