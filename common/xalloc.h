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
/* Like xcalloc(1, size), for a large table filled at once (a
 * dictionary's hash slots): where the system offers them, backed by huge
 * pages, so filling it costs a few page faults, not one per 4 KiB.
 * Free with free(). */
void *xcalloc_big(size_t size);
/* The out-of-memory exit, for memory a library failed to get (such as
 * open_memstream's): prints the message and exits 5. */
void xalloc_fail(size_t size);

/* The same end for a library that reports it could not allocate (a NULL
 * object from libxlsxwriter): prints the message and exits 5. */
void xalloc_failed(size_t size);

/* Checks that size bytes can still be allocated (and frees them), exiting
 * 5 as above when not: run before handing work to a library that does not
 * survive its own allocation failures. */
void xalloc_reserve(size_t size);

#endif
