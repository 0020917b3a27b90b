/*
 * fuzz_ingest_tsv.c - libFuzzer harness for the ingest stage fed
 * tab-separated bytes (classic SearchResults.tsv and friends): ingest_file()
 * with --strict, then the whole analysis of every record with the real
 * dictionaries. Same code as fuzz_ingest_csv (fuzz.h), other seeds.
 */
#include "tests/fuzz/fuzz.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    fuzz_ingest_setup();
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* Strict: the first malformed row ends the read (the CSV harness
     * covers skipping), and the "known" denominators are computed. */
    ts_ingest_opts opts = {.strict = 1, .max_field = 1024};

    fuzz_ingest_bytes(data, size, &opts, TS_DENOM_KNOWN);
    return 0;
}
