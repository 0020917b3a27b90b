/*
 * fuzz_euctr.c - libFuzzer harness for the EU CTR full-text reader
 * (ingest/euctr.c): the input follows the first line of a block, so it is
 * always read as a download of member-state blocks, merged per EudraCT
 * number and analysed. Seeds: tests/fuzz/corpus/fuzz_euctr/.
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
    ts_ingest_opts opts = {.strict = 0, .max_field = 1024};

    fuzz_ingest_prefixed("Summary\nEudraCT Number: 2020-000001-01\n", data,
                         size, &opts);
    return 0;
}
