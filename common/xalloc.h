/*
 * xalloc.h - allocation wrappers (common). Out of memory is not an error
 * path: these print "trialscape: out of memory (N bytes)" and exit 5.
 */
#ifndef TS_COMMON_XALLOC_H
#define TS_COMMON_XALLOC_H

#include <stddef.h>

void *xmalloc(size_t size);
void *xcalloc(size_t nmemb, size_t size);
/* Like realloc(); the old pointer is invalid after the call. */
void *xrealloc(void *ptr, size_t size);
/* Returns a new NUL-terminated copy; caller frees with free(). */
char *xstrdup(const char *s);
/* Copies len bytes and adds a NUL; caller frees with free(). */
char *xstrndup(const char *s, size_t len);
/* The out-of-memory exit, for memory a library failed to get (such as
 * open_memstream's): prints the message and exits 5. */
void xalloc_fail(size_t size);

#endif
