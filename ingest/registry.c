/*
 * registry.c - names of the registries (ingest stage).
 */
#include "ingest/registry.h"

static const struct {
    const char *name;
    const char *key;
} registries[TS_REG_COUNT] = {
    {"Unknown registry", "unknown"},
    {"ClinicalTrials.gov", "ctgov"},
    {"CTIS", "ctis"},
    {"EU CTR", "euctr"},
    {"ISRCTN", "isrctn"},
    {"ANZCTR", "anzctr"},
    {"ChiCTR", "chictr"},
    {"CRiS", "cris"},
    {"CTRI", "ctri"},
    {"DRKS", "drks"},
    {"IRCT", "irct"},
    {"jRCT", "jrct"},
    {"UMIN-CTR", "umin"},
    {"JapicCTI", "japic"},
    {"JMACCT", "jma"},
    {"NTR", "ntr"},
    {"OMON", "omon"},
    {"PACTR", "pactr"},
    {"ReBEC", "rebec"},
    {"RPCEC", "rpcec"},
    {"REPEC", "repec"},
    {"SLCTR", "slctr"},
    {"TCTR", "tctr"},
    {"LBCTR", "lbctr"},
    {"ITMCTR", "itmctr"},
    {"WHO UTN", "utn"},
};

const char *registry_name(ts_registry r)
{
    return (int)r > 0 && r < TS_REG_COUNT ? registries[r].name
                                          : registries[0].name;
}

const char *registry_key(ts_registry r)
{
    return (int)r > 0 && r < TS_REG_COUNT ? registries[r].key
                                          : registries[0].key;
}
