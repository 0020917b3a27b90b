/*
 * fuzz_ictrp_xml.c - libFuzzer harness for the WHO ICTRP XML reader
 * (ingest/ictrp_xml.c): the input is read as an export file, so content
 * detection sends XML-looking bytes to expat, and every record goes
 * through the whole analysis. Seeds: tests/fuzz/corpus/fuzz_ictrp_xml/.
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

    /* Always XML: the root element comes from the input. */
    fuzz_ingest_prefixed("<?xml version='1.0' encoding='UTF-8' ?>", data,
                         size, &opts);
    return 0;
}
