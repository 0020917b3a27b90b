/*
 * fuzz_ingest_tsv.c - libFuzzer harness for the ingest stage fed
 * tab-separated bytes (classic SearchResults.tsv and friends): ingest_file()
 * with --strict, then the whole analysis of every record with the real
 * dictionaries. Same code as fuzz_ingest_csv (fuzz.h), other seeds.
 */
#include "tests/fuzz/fuzz.h"

static ts_dict *dict;           /* the real dictionaries, loaded once */
static ts_rules *rules;
static int fd = -1;             /* the scratch file for each input */
static char path[64];

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    fuzz_load_real(&dict, &rules);
    fd = fuzz_file_new(path, sizeof(path));
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* Strict: the first malformed row ends the read (the CSV harness
     * covers skipping), and the "known" denominators are computed. */
    ts_ingest_opts opts = {.strict = 1, .max_field = 1024};

    fuzz_file_put(fd, data, size);
    fuzz_ingest(path, &opts, dict, rules, TS_DENOM_KNOWN);
    return 0;
}
