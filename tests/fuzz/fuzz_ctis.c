/*
 * fuzz_ctis.c - libFuzzer harness for CTIS search-result CSV rows: the
 * input follows the export's 24-column header, so every row is read and
 * reshaped by ingest/ctis.c (N/A, locations, products, trial number) and
 * analysed with the CTIS vocabulary. Seeds: corpus/fuzz_ctis/.
 */
#include "tests/fuzz/fuzz.h"

static const char header[] =
    "\xEF\xBB\xBFTrial number,Protocol code,Title of the trial,"
    "Overall trial status,Location(s) and recruitment status,Age group,"
    "Age range secondary identifier,Gender,Number of participants enrolled,"
    "Trial region,Medical conditions,Therapeutic area,Trial phase,Product,"
    "Primary endpoint,Secondary endpoints,Decision date,Start date,"
    "End date,Global end of the trial,Trial results,Sponsor/Co-Sponsors,"
    "Sponsor type,Last updated\n";

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
