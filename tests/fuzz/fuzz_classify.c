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
    size_t i, k;

    if (c->matched > c->mentions || c->inferred > c->matched)
        fuzz_fail("more matched mentions than mentions", NULL);
    if (c->regimen.len && strlen(c->regimen.buf) != c->regimen.len)
        fuzz_fail("regimen label not terminated", NULL);
    for (i = 0; i < c->targets.n; i++)
        if (!dict_target(dict, c->targets.id[i]))
            fuzz_fail("unknown target id", NULL);
    for (i = 0; i < c->immuno.n; i++)
        if (!dict_target(dict, c->immuno.id[i]))
            fuzz_fail("unknown immune target id", NULL);
    /* Sets hold each id once. */
    for (i = 0; i < c->targets.n && i < 200; i++)
        for (k = 0; k < i; k++)
            if (c->targets.id[k] == c->targets.id[i])
                fuzz_fail("a target listed twice", NULL);
    for (i = 0; i < c->nsubs; i++)
        if (!c->subs[i] || !c->subs[i]->name)
            fuzz_fail("a substance without a name", NULL);
    for (i = 0; i < c->nunmatched; i++)
        if (c->unmatched_off[i] >= c->text.len ||
            c->unmatched_key[i] >= c->text.len)
            fuzz_fail("unmatched text outside its buffer", NULL);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    const ts_substance *found[64];
    ts_strbuf key = {0}, key_all = {0};
    ts_class one, all;
    size_t i = 0, sum = 0;

    memset(&one, 0, sizeof(one));
    memset(&all, 0, sizeof(all));
    one.explain = size & 1;     /* explanations on half the inputs */
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
        sum += dict_lookup(dict, text + i, n, found, 64, NULL);
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
    sum += strlen(sb_str(&all.regimen));
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
