/*
 * meshgroup.c - the level and the groups of MeSH-mapped conditions,
 * chosen from the data (analyze stage). The rule is in meshgroup.h.
 */
#include "analyze/meshgroup.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "common/strbuf.h"
#include "common/strmap.h"
#include "common/xalloc.h"

#define MAX_GROUPS 20       /* groups shown, "Other" aside */
#define SMALL_PERCENT 1     /* a smaller group joins its parent */
/* With no focus, this area is shown one level down (by primary site). */
#define SPLIT_AREA "C04"

enum { K_CHILD, K_AT, K_OTHER, K_KINDS };

struct ts_meshgroup {
    const ts_mesh *mesh;    /* borrowed */
    size_t nn;              /* nodes; index nn is the root above all */
    uint32_t *cov;          /* owned; trials covered, by node */
    uint32_t *mark;         /* owned; last trial counted, by node */
    uint32_t stamp;
    unsigned long observed, mapped;
    ts_strmap *sigs;        /* owned; sorted descriptor ids -> sig id */
    unsigned long *sig_count;   /* owned; observed trials, by sig */
    size_t *sig_label;      /* owned; label id by sig, once known */
    size_t sig_cap;
    uint32_t *sig_buf;      /* owned; one signature being built */
    size_t sig_buf_cap;
    int decided;
    size_t *path;           /* owned; path[0] = nn (the root) */
    size_t npath;
    uint32_t *on_path;      /* owned; 1 + index on the path, by node */
    size_t split;           /* SPLIT_AREA's node, or TS_MESH_NONE */
    ts_strmap *keys;        /* owned; (node, kind) -> key id */
    unsigned long *key_count;   /* owned */
    size_t *key_up;         /* owned; where a rolled-up key went, or NONE */
    size_t *key_label;      /* owned; label id of a live key */
    size_t *key_lca;        /* owned; deepest node common to the trials of
                             * a child key (it names the group) */
    size_t key_cap;
    ts_strmap *labels;      /* owned; label text -> label id */
    size_t *order;          /* owned; label ids of the groups, in order */
    size_t norder;
    ts_strbuf tmp;
};

ts_meshgroup *meshgroup_new(const ts_mesh *mesh)
{
    ts_meshgroup *g = xcalloc(1, sizeof(*g));

    g->mesh = mesh;
    g->nn = mesh_nnodes(mesh);
    g->cov = xcalloc(g->nn + 1, sizeof(*g->cov));
    g->mark = xcalloc(g->nn + 1, sizeof(*g->mark));
    g->on_path = xcalloc(g->nn + 1, sizeof(*g->on_path));
    g->sigs = strmap_new();
    g->keys = strmap_new();
    g->labels = strmap_new();
    g->split = mesh_find_node(mesh, SPLIT_AREA, strlen(SPLIT_AREA));
    return g;
}

void meshgroup_free(ts_meshgroup *g)
{
    if (!g)
        return;
    free(g->cov);
    free(g->mark);
    free(g->on_path);
    strmap_free(g->sigs);
    free(g->sig_count);
    free(g->sig_label);
    free(g->sig_buf);
    free(g->path);
    strmap_free(g->keys);
    free(g->key_count);
    free(g->key_up);
    free(g->key_label);
    free(g->key_lca);
    strmap_free(g->labels);
    free(g->order);
    sb_free(&g->tmp);
    free(g);
}

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

    return (x > y) - (x < y);
}

/* The signature id of descriptors d[0..n): sorted, without repeats. */
static size_t sig_of(ts_meshgroup *g, const size_t *d, size_t n)
{
    size_t i, k = 0, id;
    int added;

    if (n > g->sig_buf_cap) {
        g->sig_buf_cap = n * 2;
        g->sig_buf = xrealloc(g->sig_buf, g->sig_buf_cap * sizeof(uint32_t));
    }
    for (i = 0; i < n; i++)
        g->sig_buf[i] = (uint32_t)d[i];
    if (n > 1)
        qsort(g->sig_buf, n, sizeof(uint32_t), cmp_u32);
    for (i = 0; i < n; i++)
        if (k == 0 || g->sig_buf[k - 1] != g->sig_buf[i])
            g->sig_buf[k++] = g->sig_buf[i];
    id = strmap_intern(g->sigs, (const char *)g->sig_buf,
                       k * sizeof(uint32_t), &added);
    if (id >= g->sig_cap) {
        size_t cap = g->sig_cap ? g->sig_cap * 2 : 256;

        while (cap <= id)
            cap *= 2;
        g->sig_count = xrealloc(g->sig_count, cap * sizeof(unsigned long));
        g->sig_label = xrealloc(g->sig_label, cap * sizeof(size_t));
        for (i = g->sig_cap; i < cap; i++) {
            g->sig_count[i] = 0;
            g->sig_label[i] = TS_MESH_NONE;
        }
        g->sig_cap = cap;
    }
    return id;
}

/* The descriptors of signature id, copied into sig_buf (the map's keys
 * are bytes, not aligned for uint32_t). */
static const uint32_t *sig_desc(ts_meshgroup *g, size_t id, size_t *n)
{
    size_t bytes = strmap_keylen(g->sigs, id);

    *n = bytes / sizeof(uint32_t);
    if (*n > g->sig_buf_cap) {
        g->sig_buf_cap = *n * 2;
        g->sig_buf = xrealloc(g->sig_buf, g->sig_buf_cap * sizeof(uint32_t));
    }
    if (bytes)
        memcpy(g->sig_buf, strmap_key(g->sigs, id), bytes);
    return g->sig_buf;
}

void meshgroup_observe(ts_meshgroup *g, const size_t *d, size_t n)
{
    size_t i, j, sig, nn;

    if (g->decided)
        return;
    g->observed++;
    sig = sig_of(g, d, n);
    g->sig_count[sig]++;
    if (n == 0)
        return;
    g->mapped++;
    g->stamp++;
    for (i = 0; i < n; i++) {
        const size_t *nodes = mesh_desc_nodes(g->mesh, d[i], &nn);

        for (j = 0; j < nn; j++) {
            size_t up = nodes[j];

            while (up != TS_MESH_NONE && g->mark[up] != g->stamp) {
                g->mark[up] = g->stamp;
                g->cov[up]++;
                up = mesh_node_parent(g->mesh, up);
            }
        }
    }
    g->cov[g->nn]++;
}

/* The parent of a node, with the root above the top categories. */
static size_t parent_of(const ts_meshgroup *g, size_t node)
{
    size_t p;

    if (node == g->nn)
        return g->nn;
    p = mesh_node_parent(g->mesh, node);
    return p == TS_MESH_NONE ? g->nn : p;
}

/* The child of `above` on the way up from node (which is below it), or
 * TS_MESH_NONE when node is `above` itself or not below it. */
static size_t child_toward(const ts_meshgroup *g, size_t node, size_t above)
{
    size_t prev = TS_MESH_NONE;

    while (node != above) {
        if (node == g->nn)
            return TS_MESH_NONE;
        prev = node;
        node = parent_of(g, node);
    }
    return prev;
}

/* The better of two candidate children: more trials covered, then the
 * first in tree order. */
static size_t better(const ts_meshgroup *g, size_t a, size_t b)
{
    if (a == TS_MESH_NONE)
        return b;
    if (b == TS_MESH_NONE)
        return a;
    if (g->cov[a] != g->cov[b])
        return g->cov[a] > g->cov[b] ? a : b;
    return a < b ? a : b;
}

/* Among the descriptors' nodes below `above`, the best child of `above`
 * on the way to them, or TS_MESH_NONE if only `above` itself is there. */
static size_t best_child(const ts_meshgroup *g, const uint32_t *d, size_t n,
                         size_t above)
{
    size_t i, j, nn, best = TS_MESH_NONE;

    for (i = 0; i < n; i++) {
        const size_t *nodes = mesh_desc_nodes(g->mesh, d[i], &nn);

        for (j = 0; j < nn; j++)
            best = better(g, best, child_toward(g, nodes[j], above));
    }
    return best;
}

/* The deepest node above both a and b (TS_MESH_NONE if none). */
static size_t common_node(const ts_meshgroup *g, size_t a, size_t b)
{
    while (a != TS_MESH_NONE && b != TS_MESH_NONE && a != b) {
        unsigned da = mesh_node_depth(g->mesh, a);
        unsigned db = mesh_node_depth(g->mesh, b);

        if (da >= db)
            a = mesh_node_parent(g->mesh, a);
        if (db >= da)
            b = mesh_node_parent(g->mesh, b);
    }
    return a == b ? a : TS_MESH_NONE;
}

/* The deepest node common to the descriptors' nodes below child c. */
static size_t common_below(const ts_meshgroup *g, const uint32_t *d,
                           size_t n, size_t c)
{
    size_t i, j, nn, lca = TS_MESH_NONE;
    size_t above = parent_of(g, c);

    for (i = 0; i < n; i++) {
        const size_t *nodes = mesh_desc_nodes(g->mesh, d[i], &nn);

        for (j = 0; j < nn; j++)
            if (child_toward(g, nodes[j], above) == c)
                lca = lca == TS_MESH_NONE ? nodes[j]
                                          : common_node(g, lca, nodes[j]);
    }
    return lca == TS_MESH_NONE ? c : lca;
}

/* The (node, kind) of a trial with descriptors d[0..n), n > 0, and the
 * deepest node its descriptors share below that node (*below). */
static void group_of(const ts_meshgroup *g, const uint32_t *d, size_t n,
                     size_t *node, int *kind, size_t *below)
{
    size_t i, j, nn, at = 0, c;

    /* The deepest node of the path that covers one of the descriptors. */
    for (i = 0; i < n; i++) {
        const size_t *nodes = mesh_desc_nodes(g->mesh, d[i], &nn);

        for (j = 0; j < nn; j++) {
            size_t up = nodes[j];

            while (up != g->nn && !g->on_path[up])
                up = parent_of(g, up);
            if (g->on_path[up] - 1 > at)
                at = g->on_path[up] - 1;
        }
    }
    c = best_child(g, d, n, g->path[at]);
    if (g->npath == 1 && c != TS_MESH_NONE && c == g->split) {
        size_t site = best_child(g, d, n, c);

        if (site == TS_MESH_NONE) {
            *node = *below = c;
            *kind = K_AT;
            return;
        }
        c = site;
    }
    if (c == TS_MESH_NONE) {
        *node = *below = g->path[at];
        *kind = K_AT;
    } else {
        *node = c;
        *kind = K_CHILD;
        *below = common_below(g, d, n, c);
    }
}

static size_t key_id(ts_meshgroup *g, size_t node, int kind, int *added)
{
    size_t k = node * K_KINDS + (size_t)kind, id, i;

    id = strmap_intern(g->keys, (const char *)&k, sizeof(k), added);
    if (id >= g->key_cap) {
        size_t cap = g->key_cap ? g->key_cap * 2 : 64;

        g->key_count = xrealloc(g->key_count, cap * sizeof(unsigned long));
        g->key_up = xrealloc(g->key_up, cap * sizeof(size_t));
        g->key_label = xrealloc(g->key_label, cap * sizeof(size_t));
        g->key_lca = xrealloc(g->key_lca, cap * sizeof(size_t));
        for (i = g->key_cap; i < cap; i++) {
            g->key_lca[i] = TS_MESH_NONE;
            g->key_count[i] = 0;
            g->key_up[i] = TS_MESH_NONE;
            g->key_label[i] = TS_MESH_NONE;
        }
        g->key_cap = cap;
    }
    return id;
}

static void key_split(const ts_meshgroup *g, size_t id, size_t *node,
                      int *kind)
{
    size_t k;

    memcpy(&k, strmap_key(g->keys, id), sizeof(k));
    *node = k / K_KINDS;
    *kind = (int)(k % K_KINDS);
}

/* Whether a child key is named by what its trials share: below the top
 * (areas keep their names, and so do primary sites in areas). */
static int named_by_lca(const ts_meshgroup *g, size_t id, size_t node,
                        int kind)
{
    size_t up;

    if (kind != K_CHILD || g->key_lca[id] == TS_MESH_NONE)
        return 0;
    up = parent_of(g, node);
    return up != g->nn && !(g->npath == 1 && up == g->split);
}

/* The label of a key: "Relapsing-Remitting Multiple Sclerosis", "Multiple
 * Sclerosis" (the focus itself), "Dementia (unspecified)", "Other
 * Neoplasms", "Other". A child below the top is named by the deepest node
 * its trials share ("Neuromyelitis Optica", not the "Transverse Myelitis"
 * above it, when that is all there is). Interned; returns its id. */
static size_t label_of(ts_meshgroup *g, size_t id)
{
    size_t node;
    int kind;
    const char *name;

    key_split(g, id, &node, &kind);
    if (named_by_lca(g, id, node, kind))
        node = g->key_lca[id];
    name = node == g->nn ? ""
                         : mesh_desc_label(g->mesh,
                                           mesh_node_desc(g->mesh, node));
    sb_reset(&g->tmp);
    if (kind == K_OTHER)
        sb_puts(&g->tmp, node == g->nn ? TS_MESHGROUP_OTHER : "Other ");
    sb_puts(&g->tmp, name);
    if (kind == K_AT && node != g->path[g->npath - 1])
        sb_puts(&g->tmp, " (unspecified)");
    return strmap_intern(g->labels, g->tmp.buf, g->tmp.len, NULL);
}

/* Where a key's trials go when it is too small: a child into "Other" of
 * its parent, a node's own trials into "Other <node>", and "Other <node>"
 * into "Other" of the parent ("Other" at the top stays). */
static size_t key_up(ts_meshgroup *g, size_t id)
{
    size_t node;
    int kind;

    key_split(g, id, &node, &kind);
    if (kind == K_AT)
        return key_id(g, node, K_OTHER, NULL);
    return key_id(g, parent_of(g, node), K_OTHER, NULL);
}

/* How deep a key sits: a child one below its parent, a node's own trials
 * and its "Other" at the node. */
static unsigned key_depth(const ts_meshgroup *g, size_t id)
{
    size_t node;
    int kind;

    key_split(g, id, &node, &kind);
    return node == g->nn ? 0 : mesh_node_depth(g->mesh, node);
}

/* Whether key a joins its parent before key b: in the first pass the
 * deeper first, then the smaller; in the second the smaller first, then
 * the deeper; then by label. */
static int rolls_first(ts_meshgroup *g, size_t a, size_t b, int pass)
{
    unsigned da = key_depth(g, a), db = key_depth(g, b);
    unsigned long ca = g->key_count[a], cb = g->key_count[b];
    int c;

    if (pass == 0 && da != db)
        return da > db;
    if (ca != cb)
        return ca < cb;
    if (da != db)
        return da > db;
    c = strcmp(strmap_key(g->labels, label_of(g, a)),
               strmap_key(g->labels, label_of(g, b)));
    return c ? c < 0 : a < b;
}

typedef struct live {
    size_t key;
    unsigned long count;
    const char *label;
} live;

static int cmp_live(const void *a, const void *b)
{
    const live *x = a, *y = b;
    int c;

    if (x->count != y->count)
        return x->count > y->count ? -1 : 1;
    c = strcmp(x->label, y->label);
    return c ? c : (x->key > y->key) - (x->key < y->key);
}

void meshgroup_decide(ts_meshgroup *g)
{
    size_t i, nsig, other;
    unsigned long n = g->mapped;
    int pass;

    if (g->decided)
        return;
    g->decided = 1;
    /* 1. The focus: down the most covering child while it holds half. */
    g->path = xmalloc((g->nn + 1) * sizeof(size_t));
    g->path[0] = g->nn;
    g->npath = 1;
    g->on_path[g->nn] = 1;
    for (;;) {
        size_t at = g->path[g->npath - 1], best = TS_MESH_NONE;
        size_t lo = at == g->nn ? 0 : at + 1;
        unsigned depth = at == g->nn ? 0 : mesh_node_depth(g->mesh, at);

        /* Nodes are in tree order: the subtree of `at` follows it. */
        for (i = lo; i < g->nn; i++) {
            unsigned di = mesh_node_depth(g->mesh, i);

            if (di <= depth)
                break;
            if (di == depth + 1 && g->cov[i])
                best = better(g, best, i);
        }
        if (best == TS_MESH_NONE || (unsigned long)g->cov[best] * 2 <= n ||
            n == 0)
            break;
        g->on_path[best] = (uint32_t)g->npath + 1;
        g->path[g->npath++] = best;
    }
    /* 2. Every observed signature's group. */
    nsig = strmap_count(g->sigs);
    for (i = 0; i < nsig; i++) {
        size_t nd, node, id, below;
        const uint32_t *d = sig_desc(g, i, &nd);
        int kind;

        if (nd == 0 || g->sig_count[i] == 0)
            continue;
        group_of(g, d, nd, &node, &kind, &below);
        id = key_id(g, node, kind, NULL);
        g->key_count[id] += g->sig_count[i];
        g->key_lca[id] = g->key_lca[id] == TS_MESH_NONE
                             ? below
                             : common_node(g, g->key_lca[id], below);
    }
    /* 3. Small groups join their parent: first every group under 1%,
     * deepest first (so a node's small children are gathered before the
     * node itself is judged), then the smallest while there are too many. */
    other = key_id(g, g->nn, K_OTHER, NULL);
    for (pass = 0; pass < 2; pass++) {
        for (;;) {
            size_t nkeys = strmap_count(g->keys), nlive = 0;
            size_t pick = TS_MESH_NONE;

            for (i = 0; i < nkeys; i++) {
                if (i == other || g->key_count[i] == 0)
                    continue;
                nlive++;
                if (pass == 0 && g->key_count[i] * 100 >= n * SMALL_PERCENT)
                    continue;
                if (pick == TS_MESH_NONE || rolls_first(g, i, pick, pass))
                    pick = i;
            }
            if (pick == TS_MESH_NONE || (pass == 1 && nlive <= MAX_GROUPS))
                break;
            i = key_up(g, pick);
            g->key_count[i] += g->key_count[pick];
            g->key_count[pick] = 0;
            g->key_up[pick] = i;
        }
    }
    /* The groups in order. */
    {
        size_t nkeys = strmap_count(g->keys), k = 0;
        live *l = xmalloc((nkeys ? nkeys : 1) * sizeof(*l));

        for (i = 0; i < nkeys; i++) {
            if (g->key_count[i] == 0 || i == other)
                continue;
            g->key_label[i] = label_of(g, i);
            l[k].key = i;
            l[k].count = g->key_count[i];
            l[k].label = strmap_key(g->labels, g->key_label[i]);
            k++;
        }
        qsort(l, k, sizeof(*l), cmp_live);
        g->key_label[other] = label_of(g, other);
        g->order = xmalloc((k + 1) * sizeof(size_t));
        for (i = 0; i < k; i++)
            g->order[g->norder++] = g->key_label[l[i].key];
        if (g->key_count[other])
            g->order[g->norder++] = g->key_label[other];
        free(l);
    }
}

const char *meshgroup_label(ts_meshgroup *g, const size_t *d, size_t n)
{
    size_t sig, nd, node, id, first, below;
    const uint32_t *sd;
    int kind;

    if (n == 0)
        return TS_MESHGROUP_UNCLASSIFIED;
    meshgroup_decide(g);
    sig = sig_of(g, d, n);
    if (g->sig_label[sig] != TS_MESH_NONE)
        return strmap_key(g->labels, g->sig_label[sig]);
    sd = sig_desc(g, sig, &nd);
    group_of(g, sd, nd, &node, &kind, &below);
    first = id = key_id(g, node, kind, NULL);
    /* Up to a group of the decision (a key never observed has none). */
    while (g->key_label[id] == TS_MESH_NONE) {
        size_t up = g->key_up[id] != TS_MESH_NONE ? g->key_up[id]
                                                   : key_up(g, id);

        if (up == id)
            break;
        id = up;
    }
    if (g->key_label[id] == TS_MESH_NONE)
        g->key_label[id] = label_of(g, id);
    g->sig_label[sig] = g->key_label[id];
    /* A group named by what its observed trials share: a later trial
     * below its node but elsewhere is named by the node. */
    if (id == first && named_by_lca(g, id, node, kind) &&
        common_node(g, g->key_lca[id], below) != g->key_lca[id]) {
        const char *name =
            mesh_desc_label(g->mesh, mesh_node_desc(g->mesh, node));

        g->sig_label[sig] = strmap_intern(g->labels, name, strlen(name),
                                          NULL);
    }
    return strmap_key(g->labels, g->sig_label[sig]);
}

size_t meshgroup_focus(const ts_meshgroup *g)
{
    return g->npath > 1 ? g->path[g->npath - 1] : TS_MESH_NONE;
}

unsigned long meshgroup_focus_trials(const ts_meshgroup *g)
{
    return g->npath > 1 ? g->cov[g->path[g->npath - 1]] : g->mapped;
}

unsigned long meshgroup_observed(const ts_meshgroup *g)
{
    return g->observed;
}

unsigned long meshgroup_mapped(const ts_meshgroup *g)
{
    return g->mapped;
}

size_t meshgroup_ngroups(const ts_meshgroup *g)
{
    return g->norder;
}

const char *meshgroup_group(const ts_meshgroup *g, size_t i)
{
    return i < g->norder ? strmap_key(g->labels, g->order[i]) : "";
}
