/*
 * fieldmap.c - header names to fields (ingest stage).
 */
#include "ingest/fieldmap.h"

#include <string.h>
#include <strings.h>

int fieldmap_name_eq(const char *s, size_t n, const char *name)
{
    size_t k = strlen(name);

    while (n && (*s == ' ' || *s == '\t')) {
        s++;
        n--;
    }
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    return n == k && strncasecmp(s, name, k) == 0;
}

void fieldmap_build(ts_fieldmap *map, const ts_csvname *names,
                    size_t nnames, size_t n, const char *const *cells,
                    const size_t *lens)
{
    size_t i, j;

    memset(map, 0, sizeof(*map));
    map->duplicate = -1;
    for (j = 0; j < TS_COL_COUNT; j++)
        map->index[j] = -1;
    map->ncolumns = n;
    map->width = n;
    while (map->width > 0 && lens[map->width - 1] == 0)
        map->width--;

    for (j = 0; j < nnames; j++) {
        ts_column col = names[j].col;

        for (i = 0; i < n; i++) {
            if (!fieldmap_name_eq(cells[i], lens[i], names[j].name))
                continue;
            if (map->index[col] < 0) {
                map->index[col] = (long)i;
                map->name[col] = names[j].name;
                map->known++;
            } else if (map->name[col] == names[j].name &&
                       map->duplicate < 0) {
                /* The same name twice; another name of the field is
                 * not a duplicate but an alternative, and ignored. */
                map->duplicate = (long)i;
            }
        }
    }
}

const char *fieldmap_column_name(const ts_csvname *names, size_t nnames,
                                 ts_column c)
{
    size_t j;

    for (j = 0; j < nnames; j++)
        if (names[j].col == c)
            return names[j].name;
    return "?";
}
