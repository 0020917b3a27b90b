/*
 * fuzz_mesh.c - libFuzzer harness for indications without rules (analyze
 * stage). The input is read as a MeSH descriptor file (over a small term
 * file) and as a term file (over a small forest); loading must fail
 * cleanly or give a table whose every node and key can be walked. Then
 * each line of the input is a trial's conditions, mapped with the shipped
 * MeSH table and grouped at a level chosen from those trials, and by the
 * automatic choice among the shipped rule sets: labels must be valid
 * UTF-8 and lookups consistent.
 */
#include "analyze/meshgroup.h"
#include "tests/fuzz/fuzz.h"

static int fd = -1;             /* the scratch file for each input */
static char path[64];
static int base_fd[2] = {-1, -1};   /* a small forest and its terms */
static char base_path[2][64];
static ts_mesh *real;           /* data/mesh-*.tsv */
static ts_rules *sets[8];       /* data/indications-*.tsv */
static size_t nsets;

/* Written for this harness. */
static const char base_forest[] =
    "tree\tui\tlabel\n"
    "C04\tC04\tNeoplasms\n"
    "C04.180\tD001943\tBreast Neoplasms\n"
    "C10\tC10\tNervous System Diseases\n"
    "C10.114\tD009103\tMultiple Sclerosis\n";
static const char base_terms[] =
    "key\tui\tterm\n"
    "breast cancer\tD001943\tBreast Cancer\n"
    "cancer\tC04\tCancer\n"
    "multiple sclerosis\tD009103\tMultiple Sclerosis\n";

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    ts_error err;
    size_t i;
    char p[256];

    (void)argc;
    (void)argv;
    fd = fuzz_file_new(path, sizeof(path));
    base_fd[0] = fuzz_file_new(base_path[0], sizeof(base_path[0]));
    fuzz_file_put(base_fd[0], (const uint8_t *)base_forest,
                  sizeof(base_forest) - 1);
    base_fd[1] = fuzz_file_new(base_path[1], sizeof(base_path[1]));
    fuzz_file_put(base_fd[1], (const uint8_t *)base_terms,
                  sizeof(base_terms) - 1);
    if (mesh_load(FUZZ_DATA_DIR "/mesh-descriptors.tsv",
                  FUZZ_DATA_DIR "/mesh-terms.tsv", &real, &err) != TS_OK)
        fuzz_fail("cannot load the MeSH tables (run from the repository "
                  "root)",
                  err.msg);
    for (i = 0; i < indication_nshipped(); i++) {
        snprintf(p, sizeof(p), "%s/%s", FUZZ_DATA_DIR,
                 indication_shipped_file(i));
        if (rules_load(p, &sets[nsets++], &err) != TS_OK)
            fuzz_fail("cannot load a shipped rule set", err.msg);
    }
    return 0;
}

/* Walks a loaded table: every node's parent is above it, every
 * descriptor's nodes name it, every id is found again. */
static size_t walk(const ts_mesh *m)
{
    size_t i, j, n, sum = 0;

    for (i = 0; i < mesh_nnodes(m); i++) {
        size_t up = mesh_node_parent(m, i);
        const char *t = mesh_node_tree(m, i);

        if (up != TS_MESH_NONE &&
            (up >= i || mesh_node_depth(m, up) + 1 != mesh_node_depth(m, i)))
            fuzz_fail("a node's parent is not above it", t);
        if (mesh_find_node(m, t, strlen(t)) != i)
            fuzz_fail("node not found by its tree number", t);
        sum += mesh_node_desc(m, i);
    }
    for (i = 0; i < mesh_ndescriptors(m); i++) {
        const size_t *nodes = mesh_desc_nodes(m, i, &n);
        const char *ui = mesh_desc_ui(m, i), *label = mesh_desc_label(m, i);

        if (!fuzz_utf8_ok(label, strlen(label)))
            fuzz_fail("label is not valid UTF-8", label);
        if (mesh_find_ui(m, ui, strlen(ui)) != i)
            fuzz_fail("descriptor not found by its id", ui);
        for (j = 0; j < n; j++)
            if (mesh_node_desc(m, nodes[j]) != i)
                fuzz_fail("a descriptor's node names another", ui);
        sum += n;
    }
    return sum + mesh_nterms(m);
}

static void load(const char *d, const char *t, size_t *sum)
{
    ts_mesh *m = NULL;
    ts_error err;
    ts_status rc = mesh_load(d, t, &m, &err);

    fuzz_check_error(rc, &err);
    if (rc == TS_OK)
        *sum += walk(m);
    else if (m)
        fuzz_fail("mesh_load failed but gave a table", err.msg);
    mesh_free(m);
}

/* Each line of the input as a trial's conditions. */
static size_t group_lines(const uint8_t *data, size_t size)
{
    ts_meshgroup *g = meshgroup_new(real);
    ts_indications *ix = indication_new();
    size_t d[64], sum = 0, pass, i, start;
    ts_strbuf key = {0};

    for (i = 0; i < nsets; i++)
        indication_add_candidate(ix, sets[i], indication_shipped_name(i));
    indication_use_mesh(ix, real);
    for (pass = 0; pass < 2; pass++) {
        for (start = 0; start < size;) {
            const char *s = (const char *)data + start;
            const char *nl = memchr(s, '\n', size - start);
            size_t len = nl ? (size_t)(nl - s) : size - start, n = 0, a = 0;
            const char *label;

            start += len + 1;
            /* '|'-separated conditions, as in the exports. */
            while (a <= len) {
                const char *bar = memchr(s + a, '|', len - a);
                size_t b = bar ? (size_t)(bar - s) : len, x;

                mesh_key(s + a, b - a, &key);
                x = mesh_map(real, s + a, b - a, NULL);
                if (x != TS_MESH_NONE && n < 64)
                    d[n++] = x;
                sum += key.len;
                a = b + 1;
            }
            if (pass == 0) {
                meshgroup_observe(g, d, n);
                indication_observe(ix, s, len, "", 0);
                continue;
            }
            label = meshgroup_label(g, d, n);
            if (!fuzz_utf8_ok(label, strlen(label)) || !label[0])
                fuzz_fail("bad MeSH group label", label);
            label = indication_label(ix, s, len, "", 0);
            if (!fuzz_utf8_ok(label, strlen(label)) || !label[0])
                fuzz_fail("bad indication label", label);
            for (i = 0; i < indication_nunmapped(ix); i++) {
                size_t ul;
                const char *u = indication_unmapped(ix, i, &ul);

                if (u < s || u + ul > s + len)
                    fuzz_fail("unmapped condition outside its trial", NULL);
            }
            sum += strlen(label);
        }
        if (pass == 0) {
            meshgroup_decide(g);
            indication_decide(ix);
        }
    }
    for (i = 0; i < meshgroup_ngroups(g); i++)
        sum += strlen(meshgroup_group(g, i));
    sum += strlen(indication_describe(ix));
    sb_free(&key);
    indication_free(ix);
    meshgroup_free(g);
    return sum;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    size_t sum = 0;

    fuzz_file_put(fd, data, size);
    load(path, base_path[1], &sum);
    load(base_path[0], path, &sum);
    sum += group_lines(data, size);
    if (sum == (size_t)-1)
        fuzz_fail("unreachable", NULL);
    return 0;
}
