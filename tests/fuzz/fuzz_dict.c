/*
 * fuzz_dict.c - libFuzzer harness for the dictionary and rule loaders
 * (analyze stage): the input is read as a targets.tsv, a substances.tsv
 * (alone, as a --dict override and as a generated dictionary over a small
 * base), a classes.tsv, a stems.tsv, a regimens.tsv and an
 * indications.tsv. Loading must fail cleanly or give a usable result.
 */
#include "tests/fuzz/fuzz.h"

static int fd = -1;             /* the scratch file for each input */
static char path[64];
static int base_fd[3] = {-1, -1, -1};   /* a small base dictionary */
static char base_path[3][64];

/* Written for this harness: a few targets and substances that regimens
 * and overrides in the input can refer to. */
static const char base_targets[] =
    "symbol\tdisplay\tfamily\timmune\n"
    "KDR\tKDR (VEGFR2)\tVEGFR\tno\n"
    "PDCD1\tPD-1\tcheckpoint\tyes\n"
    "TOP2A\tTOP2A\ttopoisomerase\tno\n";
static const char base_substances[] =
    "name\tsynonyms\tmodality\tchemo_class\ttargets\timmuno_targets\n"
    "alpha\tAlphamab|ALP-1\ttargeted\t-\tKDR\t-\n"
    "beta\t-\tchemotherapy\ttopoisomerase\tTOP2A\t-\n"
    "gamma\tGam 7\timmunotherapy\t-\t-\tPDCD1\n"
    "placebo\tsham\tplacebo\t-\t-\t-\n";
static const char base_classes[] =
    "key\tlabel\tcancer\tatc\tmesh\n"
    "antivirals\tAntivirals\tno\tJ05\tAntiviral Agents\n"
    "antineoplastics\tAntineoplastic agents\tyes\tL01\t-\n";

/* Texts classified with each dictionary the input gives. */
static const char *const texts[] = {
    "DRUG: alpha + beta|BIOLOGICAL: Gam 7|Drug: Placebo",
    "Drug: ALP-1 (alpha) 10 mg/kg IV|Radiation: IMRT",
    "alpha and beta followed by gamma|Procedure: surgery|x",
    "Drug: zorbatinib + ALP-1|Biological: foolizumab",
};

/* Conditions matched with the rules the input gives. */
static const char *const conditions[] = {
    "Malignant Peripheral Nerve Sheath Tumor|Neurofibromatosis 1",
    "Soft Tissue Sarcoma",
    "",
};

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    fd = fuzz_file_new(path, sizeof(path));
    base_fd[0] = fuzz_file_new(base_path[0], sizeof(base_path[0]));
    fuzz_file_put(base_fd[0], (const uint8_t *)base_targets,
                  sizeof(base_targets) - 1);
    base_fd[1] = fuzz_file_new(base_path[1], sizeof(base_path[1]));
    fuzz_file_put(base_fd[1], (const uint8_t *)base_substances,
                  sizeof(base_substances) - 1);
    base_fd[2] = fuzz_file_new(base_path[2], sizeof(base_path[2]));
    fuzz_file_put(base_fd[2], (const uint8_t *)base_classes,
                  sizeof(base_classes) - 1);
    return 0;
}

/* Uses everything a loaded dictionary offers. has_nul: the file had a
 * NUL byte, so a name may hold one and C-string lookups may miss it. */
static size_t use_dict(const ts_dict *d, int has_nul)
{
    const ts_substance *found[64];
    size_t i, sum = 0;
    ts_class c;

    memset(&c, 0, sizeof(c));
    for (i = 0; i < dict_ntargets(d); i++) {
        const ts_target *t = dict_target(d, i);

        if (!has_nul && dict_target_by_symbol(d, t->symbol) != t)
            fuzz_fail("target not found by its own symbol", t->symbol);
        sum += strlen(t->display) + strlen(t->family);
    }
    for (i = 0; i < dict_nsources(d); i++)
        sum += strlen(dict_source_path(d, i)) +
               strlen(dict_source_sha256(d, i));
    sum += dict_nkeys(d) + dict_nregimens(d) + dict_nsubstances(d);
    for (i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
        size_t k;

        classify_reset(&c);
        classify_trial(d, texts[i], strlen(texts[i]), &c);
        sum += strlen(sb_str(&c.regimen));
        for (k = 0; k < c.nsubs; k++) {
            if (!c.subs[k]->inferred &&
                dict_find(d, c.subs[k]->name) != c.subs[k])
                fuzz_fail("substance not found by its own name",
                          c.subs[k]->name);
            sum += dict_lookup(d, c.subs[k]->name,
                               strlen(c.subs[k]->name), found, 64, NULL);
        }
    }
    classify_free(&c);
    return sum;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ts_dict *d;
    ts_rules *r;
    ts_error err;
    ts_status rc;
    size_t sum = 0, i;
    int has_nul = size && memchr(data, '\0', size) != NULL;

    fuzz_file_put(fd, data, size);

    d = dict_new();
    rc = dict_load_targets(d, path, &err);
    fuzz_check_error(rc, &err);
    sum += use_dict(d, has_nul);
    dict_free(d);

    d = dict_new();
    rc = dict_load_substances(d, path, 0, &err);
    fuzz_check_error(rc, &err);
    rc = dict_load_regimens(d, path, &err);
    fuzz_check_error(rc, &err);
    sum += use_dict(d, has_nul);
    dict_free(d);

    /* The input as a --dict override, then as regimens of the base; as
     * a generated dictionary under it; as classes, then stems. */
    for (i = 0; i < 3; i++) {
        d = dict_new();
        if (dict_load_targets(d, base_path[0], &err) != TS_OK ||
            (i != 2 && dict_load_classes(d, base_path[2], &err) != TS_OK) ||
            dict_load_substances(d, base_path[1], 0, &err) != TS_OK)
            fuzz_fail("cannot load the base dictionary", err.msg);
        if (i == 0)
            rc = dict_load_substances(d, path, 1, &err);
        else if (i == 1)
            rc = dict_load_generated(d, path, &err);
        else
            rc = dict_load_classes(d, path, &err);
        fuzz_check_error(rc, &err);
        if (i == 2 || rc == TS_OK) {
            rc = dict_load_stems(d, path, &err);
            fuzz_check_error(rc, &err);
        }
        rc = dict_load_regimens(d, path, &err);
        fuzz_check_error(rc, &err);
        sum += use_dict(d, has_nul);
        dict_free(d);
    }

    rc = rules_load(path, &r, &err);
    fuzz_check_error(rc, &err);
    if (rc == TS_OK) {
        for (i = 0; i < sizeof(conditions) / sizeof(conditions[0]); i++) {
            size_t g = rules_match(r, conditions[i], strlen(conditions[i]));

            if (g > rules_ngroups(r))
                fuzz_fail("rules_match out of range", conditions[i]);
            sum += strlen(rules_group(r, g));
        }
        rules_free(r);
    } else if (r) {
        fuzz_fail("rules_load failed but gave rules", err.msg);
    }
    if (sum == (size_t)-1)
        fuzz_fail("unreachable", NULL);
    return 0;
}
