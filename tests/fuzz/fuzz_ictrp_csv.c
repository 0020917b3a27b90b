/*
 * fuzz_ictrp_csv.c - libFuzzer harness for WHO ICTRP CSV rows: the input
 * follows the export's 40-column header, so every row is read and
 * reshaped by ingest/ictrp.c (lists, EU CTR products, ids) and analysed
 * with the registries' vocabularies. Seeds: corpus/fuzz_ictrp_csv/.
 */
#include "tests/fuzz/fuzz.h"

static const char header[] =
    "TrialID,Last Refreshed on,Public title,Scientific title,Acronym,"
    "Primary sponsor,Date registration,Date registration3,Export date,"
    "Source Register,web address,Recruitment Status,other records,"
    "Inclusion agemin,Inclusion agemax,Inclusion gender,Date enrollement,"
    "Target size,Study type,Study design,Phase,Countries,Contact Firstname,"
    "Contact Lastname,Contact Address,Contact Email,Contact Tel,"
    "Contact Affiliation,Inclusion Criteria,Exclusion Criteria,Condition,"
    "Intervention,Primary outcome,results date posted,"
    "results date completed,results url link,Retrospective flag,"
    "Bridging flag truefalse,Bridged type,results yes no\n";

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
