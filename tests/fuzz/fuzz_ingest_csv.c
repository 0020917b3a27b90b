/*
 * fuzz_ingest_csv.c - libFuzzer harness for the ingest stage fed CSV-like
 * bytes: the input is read as an export file by ingest_file() and every
 * record goes through the whole analysis (landscape_add) with the real
 * dictionaries and indication rules. Seeds: tests/fuzz/corpus/.
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
    /* A small field limit, so inputs of a few KB reach the oversize path
     * (16 MB by default). */
    ts_ingest_opts opts = {.strict = 0, .max_field = 1024};

    fuzz_ingest_bytes(data, size, &opts, TS_DENOM_ALL);
    return 0;
}
