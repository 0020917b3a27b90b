/*
 * test_trialid.c - unit tests of identifier recognition (ingest/trialid.h):
 * each registry's shapes, prefixes, Unicode hyphens, country and
 * resubmission suffixes, placeholders, and text holding several ids.
 */
#include "tests/unit/unit.h"

#include "ingest/registry.h"
#include "ingest/trialid.h"

/* The ids found in text as "REGISTRY:ID[/SUFFIX]" joined by " ". */
static char *scan(const char *text)
{
    ts_strbuf out = {0};
    ts_trialid id;
    size_t pos = 0, n = strlen(text);

    while (trialid_next(text, n, &pos, &id)) {
        assert_true(id.start < id.end);
        assert_int_equal(pos, id.end);
        if (out.len)
            sb_putc(&out, ' ');
        sb_printf(&out, "%s:%s", registry_key(id.registry), id.id);
        if (id.suffix[0])
            sb_printf(&out, "/%s", id.suffix);
    }
    assert_int_equal(pos, n);
    if (!out.buf)
        sb_puts(&out, "");
    return out.buf;
}

#define assert_scan(text, want)                                             \
    do {                                                                    \
        char *got_ = scan(text);                                            \
        assert_string_equal(got_, want);                                    \
        free(got_);                                                         \
    } while (0)

static void test_trialid_next_reads_nct_numbers_in_any_writing(void **state)
{
    (void)state;
    assert_scan("NCT01234567", "ctgov:NCT01234567");
    assert_scan("nct01234567", "ctgov:NCT01234567");
    assert_scan("NCT 01234567", "ctgov:NCT01234567");
    assert_scan("NCT-01234567", "ctgov:NCT01234567");
    assert_scan("https://clinicaltrials.gov/study/NCT01234567?tab=table",
                "ctgov:NCT01234567");
    assert_scan("https://ClinicalTrials.gov/show/NCT01234567",
                "ctgov:NCT01234567");
    /* Not 8 digits, glued to a word, or a placeholder: none. */
    assert_scan("NCT0123456", "");
    assert_scan("NCT012345678", "");
    assert_scan("XNCT01234567", "");
    assert_scan("NCT00000000", "");
}

static void test_trialid_next_reads_eudract_and_ctis_numbers(void **state)
{
    (void)state;
    assert_scan("2015-001234-56", "euctr:2015-001234-56");
    assert_scan("EudraCT: 2015-001234-56", "euctr:2015-001234-56");
    assert_scan("EUDRACT NUMBER: 2015-001234-56", "euctr:2015-001234-56");
    assert_scan("EudraCT2015-001234-56", "euctr:2015-001234-56");
    assert_scan("EUDRACTNO2015-001234-56", "euctr:2015-001234-56");
    /* WHO ICTRP's per-country copies of one EU CTR trial. */
    assert_scan("EUCTR2020-001234-56-FR", "euctr:2020-001234-56/FR");
    assert_scan("EUCTR2020-001234-56-de", "euctr:2020-001234-56/DE");
    assert_scan("EUCTR2011-005875-17-3RD", "euctr:2011-005875-17/3RD");
    /* U+2010 and U+2013 dashes, as in a real ISRCTN export. */
    assert_scan("2009\xE2\x80\x90" "010345\xE2\x80\x90" "10",
                "euctr:2009-010345-10");
    assert_scan("2009\xE2\x80\x93" "010345\xE2\x80\x93" "10",
                "euctr:2009-010345-10");
    /* CTIS: the middle part starts with 5; the suffix is a
     * resubmission of the same trial. */
    assert_scan("2023-501234-12-00", "ctis:2023-501234-12/00");
    assert_scan("2023-501234-12-01", "ctis:2023-501234-12/01");
    assert_scan("CTIS2023-501234-12-00", "ctis:2023-501234-12/00");
    assert_scan("EU CT number 2022-500123-45", "ctis:2022-500123-45");
    /* Wrong shapes. */
    assert_scan("2015-01234-56", "");
    assert_scan("12015-001234-56", "");
    assert_scan("2015-001234-567", "");
    assert_scan("0000-000000-00", "");
    assert_scan("2015-000000-00", "");
}

static void test_trialid_next_reads_every_registry(void **state)
{
    (void)state;
    assert_scan("ISRCTN12345678", "isrctn:ISRCTN12345678");
    assert_scan("ISRCTN 12345678", "isrctn:ISRCTN12345678");
    assert_scan("ACTRN12620000123456", "anzctr:ACTRN12620000123456");
    assert_scan("ChiCTR2000029308", "chictr:ChiCTR2000029308");
    assert_scan("ChiCTR-IOR-17012345", "chictr:ChiCTR-IOR-17012345");
    assert_scan("chictr-trc-10000123", "chictr:ChiCTR-TRC-10000123");
    assert_scan("ChiCTR-1900021234", "chictr:ChiCTR1900021234");
    assert_scan("KCT0001234", "cris:KCT0001234");
    assert_scan("CTRI/2020/03/024123", "ctri:CTRI/2020/03/024123");
    assert_scan("CTRI/2009/091/000123", "ctri:CTRI/2009/091/000123");
    assert_scan("DRKS00012345", "drks:DRKS00012345");
    assert_scan("IRCT20200205046384N1", "irct:IRCT20200205046384N1");
    assert_scan("IRCT138807091281N1", "irct:IRCT138807091281N1");
    assert_scan("jRCT2031200001", "jrct:jRCT2031200001");
    assert_scan("jRCTs031180001", "jrct:jRCTs031180001");
    assert_scan("JPRN-jRCT2031200001", "jrct:jRCT2031200001");
    assert_scan("JPRN-UMIN000012345", "umin:UMIN000012345");
    assert_scan("JPRN-JapicCTI-121234", "japic:JapicCTI-121234");
    assert_scan("JPRN-JMA-IIA00123", "jma:JMA-IIA00123");
    assert_scan("NTR1234", "ntr:NTR1234");
    assert_scan("NL7654", "ntr:NL7654");
    assert_scan("NL-OMON12345", "omon:NL-OMON12345");
    assert_scan("PACTR202001123456789", "pactr:PACTR202001123456789");
    assert_scan("RBR-2abc3d", "rebec:RBR-2abc3d");
    assert_scan("RBR-10ABC3DX", "rebec:RBR-10abc3dx");
    assert_scan("RPCEC00000123", "rpcec:RPCEC00000123");
    assert_scan("PER-012-20", "repec:PER-012-20");
    assert_scan("SLCTR/2020/012", "slctr:SLCTR/2020/012");
    assert_scan("TCTR20200101001", "tctr:TCTR20200101001");
    assert_scan("LBCTR2020010123", "lbctr:LBCTR2020010123");
    assert_scan("ITMCTR2020000123", "itmctr:ITMCTR2020000123");
    assert_scan("U1111-1234-5678", "utn:U1111-1234-5678");
    /* A Dutch ethics-committee number is no registration. */
    assert_scan("NL58924.041.16", "");
}

static void test_trialid_next_ignores_placeholders(void **state)
{
    static const char *const none[] = {
        "", "Nil known", "N/A", "NA", "None", "Not applicable", "-", "0",
        "nil", "TBC", "Not Applicable", "ISRCTN00000000", "NCT",
    };
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(none) / sizeof(none[0]); i++)
        assert_scan(none[i], "");
}

static void test_trialid_next_finds_several_in_free_text(void **state)
{
    (void)state;
    assert_scan("EudraCT 2015-001234-56 | NCT01234567; Nil known",
                "euctr:2015-001234-56 ctgov:NCT01234567");
    assert_scan("CA209-123|2015-001234-56|U1111-1111-2222|ABC 12",
                "euctr:2015-001234-56 utn:U1111-1111-2222");
    assert_scan("NCT01234567,NCT07654321", "ctgov:NCT01234567 "
                                           "ctgov:NCT07654321");
    assert_scan("Protocol 2015-123 (NCT01234567)", "ctgov:NCT01234567");
}

static void test_trialid_next_gives_positions_in_the_text(void **state)
{
    static const char text[] = "see \xE2\x80\x90NCT01234567 and "
                               "EUCTR2015-001234-56-IT.";
    ts_trialid id;
    size_t pos = 0;

    (void)state;
    assert_true(trialid_next(text, sizeof(text) - 1, &pos, &id));
    assert_int_equal(id.start, 7);
    assert_int_equal(id.end, 18);
    assert_true(trialid_next(text, sizeof(text) - 1, &pos, &id));
    assert_int_equal(id.start, 23);
    assert_int_equal(id.end, 45);
    assert_string_equal(id.suffix, "IT");
    assert_false(trialid_next(text, sizeof(text) - 1, &pos, &id));
}

static void test_trialid_parse_takes_the_first_id(void **state)
{
    ts_trialid id;

    (void)state;
    assert_true(trialid_parse("EUCTR2004-000123-45-GB", 22, &id));
    assert_int_equal(id.registry, TS_REG_EUCTR);
    assert_string_equal(id.id, "2004-000123-45");
    assert_string_equal(id.suffix, "GB");
    assert_false(trialid_parse("Nil known", 9, &id));
    /* Only len bytes are read. */
    assert_false(trialid_parse("NCT01234567", 10, &id));
}

static void test_trialid_next_survives_any_bytes(void **state)
{
    unsigned char buf[512];
    size_t i, round;
    unsigned int seed = 12345;

    (void)state;
    for (round = 0; round < 200; round++) {
        ts_trialid id;
        size_t pos = 0, found = 0;

        for (i = 0; i < sizeof(buf); i++) {
            seed = seed * 1103515245u + 12345u;
            buf[i] = (unsigned char)(seed >> 16);
            if (i % 7 == 0)
                buf[i] = (unsigned char)"NCT0123456789-EUCTR/\xE2"[seed % 21];
        }
        while (trialid_next((const char *)buf, sizeof(buf), &pos, &id)) {
            assert_true(id.end <= sizeof(buf));
            assert_true(strlen(id.id) > 0);
            assert_true(found++ < sizeof(buf));
        }
        assert_int_equal(pos, sizeof(buf));
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_trialid_next_reads_nct_numbers_in_any_writing),
        cmocka_unit_test(test_trialid_next_reads_eudract_and_ctis_numbers),
        cmocka_unit_test(test_trialid_next_reads_every_registry),
        cmocka_unit_test(test_trialid_next_ignores_placeholders),
        cmocka_unit_test(test_trialid_next_finds_several_in_free_text),
        cmocka_unit_test(test_trialid_next_gives_positions_in_the_text),
        cmocka_unit_test(test_trialid_parse_takes_the_first_id),
        cmocka_unit_test(test_trialid_next_survives_any_bytes),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
