/*
 * fuzz_isrctn.c - libFuzzer harness for ISRCTN search-result CSV rows:
 * the input follows a header of the columns users choose most, so every
 * row is read and reshaped by ingest/isrctn.c (placeholders, U+2010
 * hyphens, the two status columns) and analysed with the ISRCTN
 * vocabulary. Seeds: corpus/fuzz_isrctn/.
 */
#include "tests/fuzz/fuzz.h"

static const char header[] =
    "ISRCTN,Title,Basic results,Overall trial start,Overall trial end,"
    "Overall trial status,Recruitment status,EudraCT number,"
    "ClinicalTrials.gov number,Phase,Condition,Drug names,"
    "Countries of recruitment\n";

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

    fuzz_ingest_prefixed(header, data, size, &opts);
    return 0;
}
