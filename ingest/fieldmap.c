/*
 * fieldmap.c - header names to fields (ingest stage).
 */
#include "ingest/fieldmap.h"

#include <stdio.h>
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

/* 1 if every column under one of col's names is read (see fieldmap.h). */
static int gathered(ts_column col)
{
    return col == TS_COL_OTHER_IDS;
}

/* 1 if another name of the table, before names[j], already took a
 * column of names[j].col as a further one. */
static int more_has_name(const ts_fieldmap *map, const ts_csvname *names,
                         size_t j, size_t n, const char *const *cells,
                         const size_t *lens)
{
    size_t m;

    for (m = 0; m < map->nmore; m++) {
        long k = map->more[m];

        if (map->more_col[m] == names[j].col && (size_t)k < n &&
            fieldmap_name_eq(cells[k], lens[k], names[j].name))
            return 1;
    }
    return 0;
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
            } else if (map->name[col] == names[j].name ||
                       (gathered(col) &&
                        more_has_name(map, names, j, n, cells, lens))) {
                /* The same name twice; another name of the field is
                 * not a duplicate but an alternative, and ignored
                 * unless the field gathers its columns. */
                if (map->duplicate < 0)
                    map->duplicate = (long)i;
            } else if (gathered(col) && map->nmore < TS_FIELDMAP_MORE) {
                map->more[map->nmore] = (long)i;
                map->more_col[map->nmore++] = col;
            }
        }
    }
    /* A field of several columns is named by all of them, so that what
     * names the field (a link in duplicates.tsv) names the column the
     * value may have come from. */
    for (j = 0; j < map->nmore; j++) {
        ts_column col = map->more_col[j];
        const char *name = map->name[col];
        size_t k = strlen(map->gathered_name);

        if (name != map->gathered_name) {
            snprintf(map->gathered_name, sizeof(map->gathered_name), "%s",
                     name);
            map->name[col] = map->gathered_name;
            k = strlen(map->gathered_name);
        }
        for (i = 0; i < nnames; i++)
            if (names[i].col == col && (size_t)map->more[j] < n &&
                fieldmap_name_eq(cells[map->more[j]], lens[map->more[j]],
                                 names[i].name)) {
                snprintf(map->gathered_name + k,
                         sizeof(map->gathered_name) - k, " / %s",
                         names[i].name);
                break;
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
