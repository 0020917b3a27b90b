/*
 * strmap.h - string interning: each distinct byte string gets a dense id
 * 0, 1, 2, ... in order of first appearance (common).
 *
 * Callers keep per-id data in their own arrays indexed by id, so counting
 * a category is one hash lookup and one increment, with no allocation per
 * row. Keys are copied into the map; they may contain any byte.
 */
#ifndef TS_COMMON_STRMAP_H
#define TS_COMMON_STRMAP_H

#include <stddef.h>

typedef struct ts_strmap ts_strmap;

#define TS_STRMAP_NONE ((size_t)-1)

ts_strmap *strmap_new(void);
/* Frees the map and its key copies; NULL is a no-op. */
void strmap_free(ts_strmap *m);

/* Returns the id of key, adding it if new (*added set to 1 then). added
 * may be NULL. */
size_t strmap_intern(ts_strmap *m, const char *key, size_t len, int *added);
/* Returns the id of key, or TS_STRMAP_NONE. */
size_t strmap_find(const ts_strmap *m, const char *key, size_t len);
/* Returns the key of id as a NUL-terminated view valid until strmap_free. */
const char *strmap_key(const ts_strmap *m, size_t id);
size_t strmap_keylen(const ts_strmap *m, size_t id);
/* Makes room for n more keys without growing again (a hint; memory is
 * allocated now rather than while interning). */
void strmap_reserve(ts_strmap *m, size_t n);
/* Number of distinct keys. */
size_t strmap_count(const ts_strmap *m);

#endif
