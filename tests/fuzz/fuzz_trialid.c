/*
 * fuzz_trialid.c - libFuzzer harness for identifier recognition
 * (ingest/trialid.h): the input is scanned as free text; every id found
 * must lie inside the text, after the previous one, with a registry and a
 * canonical form that reads back as itself.
 */
#include "tests/fuzz/fuzz.h"

#include "ingest/trialid.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    ts_trialid id, again;
    size_t pos = 0, last_end = 0;

    while (trialid_next(text, size, &pos, &id)) {
        size_t n = strlen(id.id);

        if (id.start < last_end || id.start >= id.end || id.end > size ||
            pos != id.end)
            fuzz_fail("identifier outside the text or out of order", NULL);
        if (id.registry <= TS_REG_UNKNOWN || id.registry >= TS_REG_COUNT)
            fuzz_fail("identifier without a registry", id.id);
        if (n == 0 || n >= sizeof(id.id) ||
            !memchr(id.suffix, '\0', sizeof(id.suffix)))
            fuzz_fail("identifier not terminated or empty", NULL);
        /* The canonical form is itself an identifier of the same
         * registry, written the same way. */
        if (!trialid_parse(id.id, n, &again) ||
            again.registry != id.registry || strcmp(again.id, id.id) != 0)
            fuzz_fail("canonical form does not read back", id.id);
        last_end = id.end;
    }
    if (pos != size)
        fuzz_fail("scan did not reach the end", NULL);
    return 0;
}
