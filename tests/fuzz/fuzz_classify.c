/*
 * fuzz_classify.c - libFuzzer harness for intervention classification
 * (analyze stage): each input line is an intervention text given to
 * classify_intervention() and dict_key(); the whole input is also one
 * "|"-joined Interventions field for classify_trial() and a Conditions
 * field for the indication rules. Real dictionaries from data/.
 */
#include "tests/fuzz/fuzz.h"

static ts_dict *dict;           /* the real dictionaries, loaded once */
static ts_rules *rules;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    fuzz_load_real(&dict, &rules);
    return 0;
}

/* What classify.h promises about a class, whatever the text. */
static void check_class(const ts_class *c)
{
    size_t i;

    if (c->nsubs > TS_CLASS_MAX_SUBS || c->ntargets > TS_CLASS_MAX_TARGETS ||
        c->nimmuno > TS_CLASS_MAX_TARGETS ||
        c->nunmatched > TS_CLASS_MAX_UNMATCHED)
        fuzz_fail("class array over its size", NULL);
    if (c->matched > c->mentions)
        fuzz_fail("more matched mentions than mentions", NULL);
    if (!memchr(c->regimen, '\0', sizeof(c->regimen)))
        fuzz_fail("regimen label not terminated", NULL);
    for (i = 0; i < c->ntargets; i++)
        if (!dict_target(dict, c->targets[i]))
            fuzz_fail("unknown target id", NULL);
    for (i = 0; i < c->nimmuno; i++)
        if (!dict_target(dict, c->immuno[i]))
            fuzz_fail("unknown immune target id", NULL);
    for (i = 0; i < c->nunmatched; i++)
        if (c->unmatched_off[i] >= c->unmatched_buf.len ||
            c->unmatched_key[i] >= c->unmatched_buf.len)
            fuzz_fail("unmatched text outside its buffer", NULL);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    const ts_substance *found[TS_CLASS_MAX_SUBS];
    ts_strbuf key = {0}, key_all = {0};
    ts_class one, all;
    size_t i = 0, sum = 0;

    memset(&one, 0, sizeof(one));
    memset(&all, 0, sizeof(all));
    while (i <= size) {
        const char *nl = i < size ? memchr(text + i, '\n', size - i) : NULL;
        size_t n = nl ? (size_t)(nl - (text + i)) : size - i, start;
        size_t klen = dict_key(text + i, n, 0, &key);
        size_t alen = dict_key(text + i, n, 1, &key_all);

        if (klen != key.len || alen != key_all.len || klen > alen)
            fuzz_fail("dict_key lengths disagree", NULL);
        if (klen && strlen(key.buf) != klen)
            fuzz_fail("dict_key returned a key with a NUL", NULL);
        sum += classify_type(text + i, n, &start);
        if (start > n)
            fuzz_fail("classify_type name starts past the text", NULL);
        sum += dict_lookup(dict, text + i, n, found, TS_CLASS_MAX_SUBS);
        classify_reset(&one);
        sum += classify_intervention(dict, text + i, n, &one);
        classify_regimen(&one);
        check_class(&one);
        sum += classify_intervention(dict, text + i, n, &all);
        if (!nl)
            break;
        i += n + 1;
    }
    classify_regimen(&all);
    check_class(&all);
    classify_reset(&all);
    classify_trial(dict, text, size, &all);
    check_class(&all);
    sum += strlen(all.regimen);
    if (rules_match(rules, text, size) > rules_ngroups(rules))
        fuzz_fail("rules_match out of range", NULL);
    sb_free(&key);
    sb_free(&key_all);
    classify_free(&one);
    classify_free(&all);
    if (sum == (size_t)-1)
        fuzz_fail("unreachable", NULL);
    return 0;
}
