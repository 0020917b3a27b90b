/*
 * fuzz_ingest_json.c - libFuzzer harness for the ClinicalTrials.gov JSON
 * reader (ingest/ctgov_json.c): the input is read by ingest_file() (an
 * input not starting like JSON gets a '[' in front, so the JSON reader is
 * the one chosen) with a small --max-field, and every record goes through
 * the whole analysis with the real dictionaries. Seeds:
 * tests/fuzz/corpus/fuzz_ingest_json/ (written by us).
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
    /* Small enough that inputs of a few KB cut strings and numbers. */
    ts_ingest_opts opts = {.strict = 0, .max_field = 256};
    static uint8_t *buf;
    static size_t cap;
    size_t i = 0;

    while (i < size && (data[i] == ' ' || data[i] == '\n' ||
                        data[i] == '\t' || data[i] == '\r'))
        i++;
    if (i < size && (data[i] == '[' || data[i] == '{')) {
        fuzz_ingest_bytes(data, size, &opts, TS_DENOM_ALL);
        return 0;
    }
    if (cap < size + 1) {
        cap = size + 1;
        buf = realloc(buf, cap);
        if (!buf)
            fuzz_fail("out of memory", NULL);
    }
    buf[0] = '[';
    memcpy(buf + 1, data, size);
    fuzz_ingest_bytes(buf, size + 1, &opts, TS_DENOM_ALL);
    return 0;
}
