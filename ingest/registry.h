/*
 * registry.h - the trial registries trialscape knows, by the identifiers
 * they issue (ingest stage).
 *
 * Every record names the registry of its primary identifier. The WHO
 * ICTRP is not a registry of its own: its records keep the registry that
 * issued their TrialID. Japan's JPRN portal is split into the registries
 * behind it (jRCT, UMIN-CTR, JapicCTI, JMACCT), since each issues its own
 * numbers and a trial may hold numbers from several. The order of the
 * enum is the display order of tables.
 */
#ifndef TS_INGEST_REGISTRY_H
#define TS_INGEST_REGISTRY_H

typedef enum ts_registry {
    TS_REG_UNKNOWN,     /* no recognisable identifier */
    TS_REG_CTGOV,       /* ClinicalTrials.gov: NCT01234567 */
    TS_REG_CTIS,        /* EU CTIS: 2023-501234-12-00 */
    TS_REG_EUCTR,       /* EU Clinical Trials Register: 2015-001234-56 */
    TS_REG_ISRCTN,      /* ISRCTN12345678 */
    TS_REG_ANZCTR,      /* ACTRN12620000123456 */
    TS_REG_CHICTR,      /* ChiCTR2000029308, ChiCTR-IOR-17012345 */
    TS_REG_CRIS,        /* Korea: KCT0001234 */
    TS_REG_CTRI,        /* India: CTRI/2020/03/024123 */
    TS_REG_DRKS,        /* Germany: DRKS00012345 */
    TS_REG_IRCT,        /* Iran: IRCT20200205046384N1 */
    TS_REG_JRCT,        /* Japan: jRCT2031200001 */
    TS_REG_UMIN,        /* Japan: UMIN000012345 */
    TS_REG_JAPIC,       /* Japan: JapicCTI-121234 */
    TS_REG_JMA,         /* Japan: JMA-IIA00123 */
    TS_REG_NTR,         /* Netherlands Trial Register: NTR1234, NL1234 */
    TS_REG_OMON,        /* Netherlands, OMON: NL-OMON12345 */
    TS_REG_PACTR,       /* Pan African: PACTR202001123456789 */
    TS_REG_REBEC,       /* Brazil: RBR-2abc3d */
    TS_REG_RPCEC,       /* Cuba: RPCEC00000123 */
    TS_REG_REPEC,       /* Peru: PER-012-20 */
    TS_REG_SLCTR,       /* Sri Lanka: SLCTR/2020/012 */
    TS_REG_TCTR,        /* Thailand: TCTR20200101001 */
    TS_REG_LBCTR,       /* Lebanon: LBCTR2020010123 */
    TS_REG_ITMCTR,      /* traditional medicine, China: ITMCTR2020000123 */
    TS_REG_UTN,         /* WHO Universal Trial Number: U1111-1234-5678
                         * (a secondary id only, never a registry's own) */
    TS_REG_COUNT
} ts_registry;

/* The registry's display name ("ClinicalTrials.gov", "EU CTR", ...);
 * "Unknown registry" for TS_REG_UNKNOWN and out-of-range values. */
const char *registry_name(ts_registry r);

/* A short lowercase key for files and JSON ("ctgov", "euctr", ...). */
const char *registry_key(ts_registry r);

#endif
