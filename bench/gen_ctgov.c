/*
 * gen_ctgov.c - writes a synthetic ClinicalTrials.gov current-format export
 * (ctg-studies.csv, 30 columns) for benchmarks: deterministic for a given
 * seed and dictionary, with registry-like value distributions, long free
 * text, quoted fields with embedded newlines and doubled quotes, and
 * intervention names drawn from trialscape's own dictionary (with salts,
 * doses, codes and unknown names), so classification is really exercised.
 *
 * With --json the same trials are written as the registry's JSON download
 * (ctg-studies.json: a top-level array of API v2 study objects, one a
 * line), with other names on some drug interventions and condition MeSH
 * terms, for the JSON reader's benchmark.
 *
 * Usage: gen_ctgov N SUBSTANCES.TSV SEED [--json] > out.csv
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t rng_state;

/* xorshift64*: fast, deterministic, good enough for benchmark data. */
static uint64_t rnd(void)
{
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return rng_state * 2685821657736338717ULL;
}

static unsigned pick(unsigned n)
{
    return (unsigned)(rnd() % n);
}

/* Picks an index by weights (summing to anything). */
static unsigned weighted(const unsigned *w, unsigned n)
{
    unsigned total = 0, i, r;

    for (i = 0; i < n; i++)
        total += w[i];
    r = pick(total);
    for (i = 0; i < n; i++) {
        if (r < w[i])
            return i;
        r -= w[i];
    }
    return n - 1;
}

static const char *const words[] = {
    "study", "of", "the", "safety", "efficacy", "in", "patients", "with",
    "advanced", "metastatic", "randomized", "trial", "open-label", "phase",
    "combination", "versus", "standard", "care", "treatment", "evaluate",
    "dose", "escalation", "expansion", "cohort", "response", "survival",
    "progression", "free", "overall", "quality", "life", "adults",
    "children", "relapsed", "refractory", "first-line", "maintenance",
    "adjuvant", "neoadjuvant", "placebo-controlled", "double-blind",
    "multicenter", "pilot", "feasibility", "biomarker", "pharmacokinetics",
    "tolerability", "assess", "compare", "effect", "on", "and", "for", "to",
};
#define NWORDS (sizeof(words) / sizeof(words[0]))

static const char *const conditions[] = {
    "Breast Cancer", "Non-small Cell Lung Cancer", "Prostate Cancer",
    "Colorectal Cancer", "Melanoma", "Diffuse Large B-Cell Lymphoma",
    "Multiple Myeloma", "Acute Myeloid Leukemia", "Soft Tissue Sarcoma",
    "Malignant Peripheral Nerve Sheath Tumor", "Neurofibromatosis 1",
    "Advanced Solid Tumors", "Pancreatic Cancer", "Ovarian Cancer",
    "Glioblastoma", "Hepatocellular Carcinoma", "Type 2 Diabetes",
    "Hypertension", "Alzheimer Disease", "Multiple Sclerosis", "Asthma",
    "COVID-19", "Depression", "Obesity", "Rheumatoid Arthritis", "Psoriasis",
    "Heart Failure", "Chronic Kidney Disease", "HIV Infections", "Stroke",
};
#define NCOND (sizeof(conditions) / sizeof(conditions[0]))

static const char *const countries[] = {
    "United States", "China", "France", "Germany", "United Kingdom",
    "Canada", "Italy", "Spain", "Japan", "Korea, Republic of", "Egypt",
    "Brazil", "Australia", "Netherlands", "Belgium", "India", "Turkey",
    "Israel", "Poland", "Denmark", "Sweden", "Switzerland", "Iran",
};
#define NCOUNTRY (sizeof(countries) / sizeof(countries[0]))

static const char *const cities[] = {
    "Boston", "Houston", "Paris", "Lyon", "Berlin", "Munich", "London",
    "Toronto", "Milan", "Madrid", "Tokyo", "Seoul", "Cairo", "Beijing",
    "Shanghai", "Sydney", "Amsterdam", "Brussels", "Mumbai", "Ankara",
};
#define NCITY (sizeof(cities) / sizeof(cities[0]))

static const char *const statuses[] = {
    "COMPLETED", "UNKNOWN", "RECRUITING", "TERMINATED", "NOT_YET_RECRUITING",
    "ACTIVE_NOT_RECRUITING", "WITHDRAWN", "ENROLLING_BY_INVITATION",
    "SUSPENDED", "NO_LONGER_AVAILABLE", "AVAILABLE", "APPROVED_FOR_MARKETING",
    "TEMPORARILY_NOT_AVAILABLE", "WITHHELD",
};
static const unsigned status_w[] = {5500, 1500, 1000, 600, 400, 400, 300,
                                    150, 50, 40, 30, 10, 5, 5};

static const char *const phases[] = {
    "NA", "", "PHASE2", "PHASE1", "PHASE3", "PHASE4", "PHASE1|PHASE2",
    "PHASE2|PHASE3", "EARLY_PHASE1",
};
static const unsigned phase_w[] = {4000, 2400, 1100, 900, 700, 500, 250,
                                   100, 50};

static const char *const funders[] = {
    "OTHER", "INDUSTRY", "NIH", "OTHER_GOV", "FED", "NETWORK", "INDIV",
    "UNKNOWN", "AMBIG",
};
static const unsigned funder_w[] = {6000, 2700, 400, 400, 150, 150, 100, 50,
                                    50};

static const char *const itypes[] = {
    "DRUG", "BIOLOGICAL", "OTHER", "PROCEDURE", "BEHAVIORAL", "DEVICE",
    "RADIATION", "DIETARY_SUPPLEMENT", "DIAGNOSTIC_TEST", "GENETIC",
    "COMBINATION_PRODUCT",
};
static const unsigned itype_w[] = {4000, 800, 1500, 1000, 1200, 1000, 300,
                                   300, 300, 50, 50};

static const char *const nondrug[] = {
    "Standard of care", "Questionnaire", "Surgical resection",
    "Intensity-Modulated Radiation Therapy", "Exercise program",
    "Cognitive behavioral therapy", "Blood sample", "MRI",
    "Stereotactic body radiotherapy", "Dietary counseling", "Wearable device",
    "Sham procedure",
};
#define NNONDRUG (sizeof(nondrug) / sizeof(nondrug[0]))

/* Substance names and synonyms from the dictionary. */
static char **names;
static size_t nnames;

static void load_names(const char *path)
{
    FILE *fp = fopen(path, "r");
    char line[8192];

    if (!fp) {
        perror(path);
        exit(1);
    }
    while (fgets(line, sizeof(line), fp)) {
        char *tab, *p, *end;

        if (line[0] == '#' || strncmp(line, "name\t", 5) == 0)
            continue;
        tab = strchr(line, '\t');
        if (!tab)
            continue;
        *tab = '\0';
        names = realloc(names, (nnames + 64) * sizeof(char *));
        names[nnames++] = strdup(line);
        p = tab + 1;
        end = strchr(p, '\t');
        if (!end)
            continue;
        *end = '\0';
        while (*p && strcmp(p, "-") != 0) {
            char *bar = strchr(p, '|');

            if (bar)
                *bar = '\0';
            if (*p && nnames % 4 == 0)  /* some synonyms, not all */
                names[nnames++] = strdup(p);
            if (!bar)
                break;
            p = bar + 1;
        }
    }
    fclose(fp);
}

static char buf[1 << 20];
static size_t len;

static void put(const char *s)
{
    size_t n = strlen(s);

    memcpy(buf + len, s, n);
    len += n;
}

static void putn(unsigned long v)
{
    len += (size_t)sprintf(buf + len, "%lu", v);
}

/* Free text of n words; sometimes with a line break or a quotation. */
static void text(unsigned n, int newlines)
{
    unsigned i;

    for (i = 0; i < n; i++) {
        if (i)
            put(newlines && pick(40) == 0 ? "\n" : " ");
        if (pick(60) == 0)
            put("\"quoted\" ");
        put(words[pick(NWORDS)]);
    }
}

/* Writes field text quoted as the registry does: only when needed. */
static void field(const char *s, size_t n, int last)
{
    size_t i;
    int need = 0;

    for (i = 0; i < n && !need; i++)
        need = s[i] == ',' || s[i] == '"' || s[i] == '\n';
    if (need) {
        putchar('"');
        for (i = 0; i < n; i++) {
            if (s[i] == '"')
                putchar('"');
            putchar(s[i]);
        }
        putchar('"');
    } else {
        fwrite(s, 1, n, stdout);
    }
    if (last)
        fputs("\r\n", stdout);
    else
        putchar(',');
}

/* --json: the row's fields are kept, then written as one study object. */
#define NCOLS 30
static int json_mode;
static char *slot[NCOLS];
static size_t slot_len[NCOLS], slot_cap[NCOLS];
static unsigned ncol;
static unsigned long nrow;

/* A JSON string of s[0..n). */
static void jstr(const char *s, size_t n)
{
    size_t i;

    putchar('"');
    for (i = 0; i < n; i++) {
        if (s[i] == '"' || s[i] == '\\') {
            putchar('\\');
            putchar(s[i]);
        } else if (s[i] == '\n') {
            fputs("\\n", stdout);
        } else {
            putchar(s[i]);
        }
    }
    putchar('"');
}

static void jkey(const char *k, int first)
{
    if (!first)
        putchar(',');
    printf("\"%s\":", k);
}

/* Field c as a string, or its sep-separated items as an array. */
static void jfield(unsigned c, const char *sep)
{
    const char *s = slot[c], *end = s + slot_len[c];
    size_t k = strlen(sep ? sep : "");
    int first = 1;

    if (!sep) {
        jstr(s, slot_len[c]);
        return;
    }
    putchar('[');
    while (s < end) {
        const char *e = s;

        while (e < end && !(e + k <= end && memcmp(e, sep, k) == 0))
            e++;
        if (!first)
            putchar(',');
        first = 0;
        jstr(s, (size_t)(e - s));
        s = e + k;
    }
    putchar(']');
}

/* Part i (0-based) of the ", "-separated site s[0..n); part 3, the
 * country, is the rest ("Korea, Republic of"). */
static void site_part(const char *s, size_t n, unsigned i, const char **p,
                      size_t *pn)
{
    const char *end = s + n, *e;
    int rest = i == 3;

    while (i-- > 0) {
        e = s;
        while (e < end && !(e + 1 < end && e[0] == ',' && e[1] == ' '))
            e++;
        s = e < end ? e + 2 : end;
    }
    e = s;
    while (!rest && e < end && !(e + 1 < end && e[0] == ',' && e[1] == ' '))
        e++;
    *p = s;
    *pn = (size_t)((rest ? end : e) - s);
}

static void emit_study(void)
{
    static const char *const site_keys[] = {"facility", "city", "zip",
                                            "country"};
    const char *s, *end, *p;
    size_t pn;
    unsigned i;
    int first;

    fputs(nrow++ ? ",\n{" : "[\n{", stdout);
    fputs("\"protocolSection\":{\"identificationModule\":{", stdout);
    jkey("nctId", 1);
    jfield(0, NULL);
    /* Other IDs: "ID-n|YYYY-NNNNNN-NN" */
    s = slot[21];
    end = s + slot_len[21];
    p = memchr(s, '|', slot_len[21]);
    jkey("orgStudyIdInfo", 0);
    fputs("{\"id\":", stdout);
    jstr(s, p ? (size_t)(p - s) : slot_len[21]);
    putchar('}');
    if (p) {
        jkey("secondaryIdInfos", 0);
        fputs("[{\"id\":", stdout);
        jstr(p + 1, (size_t)(end - p - 1));
        fputs(",\"type\":\"EUDRACT_NUMBER\"}]", stdout);
    }
    jkey("briefTitle", 0);
    jfield(1, NULL);
    if (slot_len[3]) {
        jkey("acronym", 0);
        jfield(3, NULL);
    }
    fputs("},\"statusModule\":{", stdout);
    jkey("overallStatus", 1);
    jfield(4, NULL);
    if (slot_len[22]) {
        jkey("startDateStruct", 0);
        fputs("{\"date\":", stdout);
        jfield(22, NULL);
        putchar('}');
    }
    jkey("primaryCompletionDateStruct", 0);
    fputs("{\"date\":", stdout);
    jfield(23, NULL);
    fputs(",\"type\":\"ACTUAL\"}", stdout);
    jkey("completionDateStruct", 0);
    fputs("{\"date\":", stdout);
    jfield(24, NULL);
    fputs(",\"type\":\"ACTUAL\"}", stdout);
    jkey("studyFirstPostDateStruct", 0);
    fputs("{\"date\":", stdout);
    jfield(25, NULL);
    fputs("}},\"sponsorCollaboratorsModule\":{\"leadSponsor\":{", stdout);
    jkey("name", 1);
    jfield(12, NULL);
    jkey("class", 0);
    jfield(18, NULL);
    putchar('}');
    if (slot_len[13]) {
        jkey("collaborators", 0);
        putchar('[');
        s = slot[13];
        end = s + slot_len[13];
        for (first = 1; s < end; first = 0) {
            const char *e = memchr(s, '|', (size_t)(end - s));

            if (!e)
                e = end;
            fputs(first ? "{\"name\":" : ",{\"name\":", stdout);
            jstr(s, (size_t)(e - s));
            fputs(",\"class\":\"OTHER\"}", stdout);
            s = e + 1;
        }
        putchar(']');
    }
    fputs("},\"descriptionModule\":{", stdout);
    jkey("briefSummary", 1);
    jfield(5, NULL);
    fputs("},\"conditionsModule\":{", stdout);
    jkey("conditions", 1);
    jfield(7, "|");
    fputs("},\"designModule\":{", stdout);
    jkey("studyType", 1);
    jfield(19, NULL);
    jkey("phases", 0);
    if (slot_len[16])
        jfield(16, "|");
    else
        fputs("[]", stdout);
    if (slot_len[17]) {
        jkey("enrollmentInfo", 0);
        fputs("{\"count\":", stdout);
        fwrite(slot[17], 1, slot_len[17], stdout);
        fputs(",\"type\":\"ACTUAL\"}", stdout);
    }
    fputs("},\"armsInterventionsModule\":{\"interventions\":[", stdout);
    s = slot[8];
    end = s + slot_len[8];
    for (i = 0; s < end; i++) {
        const char *e = memchr(s, '|', (size_t)(end - s)), *colon;

        if (!e)
            e = end;
        colon = memchr(s, ':', (size_t)(e - s));
        fputs(i ? ",{\"type\":" : "{\"type\":", stdout);
        jstr(s, colon ? (size_t)(colon - s) : 0);
        fputs(",\"name\":", stdout);
        p = colon ? colon + 2 : s;
        jstr(p, (size_t)(e - p));
        /* Some drugs have other names (not drawn from the generator, so
         * both formats hold the same trials). */
        if ((nrow * 31 + i) % 5 == 0)
            printf(",\"otherNames\":[\"CODE-%lu\"]", (nrow * 7 + i) % 9973);
        putchar('}');
        s = e + 1;
    }
    fputs("]},\"outcomesModule\":{", stdout);
    jkey("primaryOutcomes", 1);
    jfield(9, "|");
    fputs("},\"eligibilityModule\":{", stdout);
    jkey("sex", 1);
    jfield(14, NULL);
    jkey("stdAges", 0);
    jfield(15, ", ");
    fputs("},\"contactsLocationsModule\":{\"locations\":[", stdout);
    s = slot[28];
    end = s + slot_len[28];
    for (first = 1; s < end; first = 0) {
        const char *e = memchr(s, '|', (size_t)(end - s));

        if (!e)
            e = end;
        putchar(first ? '{' : ',');
        if (!first)
            putchar('{');
        for (i = 0; i < 4; i++) {
            site_part(s, (size_t)(e - s), i, &p, &pn);
            jkey(site_keys[i], i == 0);
            jstr(p, pn);
        }
        putchar('}');
        s = e + 1;
    }
    fputs("]}},\"derivedSection\":{\"conditionBrowseModule\":{"
          "\"meshes\":[",
          stdout);
    s = slot[7];
    end = s + slot_len[7];
    for (i = 0; s < end; i++) {
        const char *e = memchr(s, '|', (size_t)(end - s));

        if (!e)
            e = end;
        printf(i ? ",{\"id\":\"D%09u\",\"term\":" : "{\"id\":\"D%09u\","
                                                      "\"term\":",
               (unsigned)((size_t)(e - s) * 7919 % 90000));
        jstr(s, (size_t)(e - s));
        putchar('}');
        s = e + 1;
    }
    fputs("]}},\"hasResults\":", stdout);
    fputs(slot_len[6] == 3 ? "true}" : "false}", stdout);
}

static void end_field(int last)
{
    if (!json_mode) {
        field(buf, len, last);
        len = 0;
        return;
    }
    if (ncol < NCOLS) {
        if (slot_cap[ncol] < len + 1) {
            slot_cap[ncol] = len + 64;
            slot[ncol] = realloc(slot[ncol], slot_cap[ncol]);
        }
        memcpy(slot[ncol], buf, len);
        slot_len[ncol] = len;
        ncol++;
    }
    len = 0;
    if (last) {
        emit_study();
        ncol = 0;
    }
}

static void date(unsigned y0, unsigned span)
{
    unsigned y = y0 + pick(span), m = 1 + pick(12), d = 1 + pick(28);

    len += (size_t)sprintf(buf + len, pick(3) ? "%u-%02u-%02u" : "%u-%02u", y,
                           m, d);
}

static void intervention(void)
{
    unsigned t = weighted(itype_w, sizeof(itype_w) / sizeof(itype_w[0]));
    const char *type = itypes[t];

    put(type);
    put(": ");
    if (t == 0 || t == 1 || t == 10) {
        unsigned k = pick(20);

        if (k == 0) {
            put("Placebo");
        } else if (k == 1) {
            len += (size_t)sprintf(buf + len, "XYZ-%04u", pick(10000));
        } else {
            const char *n = names[pick((unsigned)nnames)];

            /* Capitalize like registry entries do. */
            buf[len] = (char)(n[0] >= 'a' && n[0] <= 'z' ? n[0] - 32 : n[0]);
            len++;
            put(n + 1);
            if (k == 2)
                put(" hydrochloride");
            else if (k == 3)
                len += (size_t)sprintf(buf + len, " %u mg", 10 * (1 + pick(80)));
            else if (k == 4) {
                put(" + ");
                put(names[pick((unsigned)nnames)]);
            }
        }
    } else {
        put(nondrug[pick(NNONDRUG)]);
    }
}

int main(int argc, char **argv)
{
    unsigned long n, i;
    unsigned k, m;

    if (argc == 5 && strcmp(argv[4], "--json") == 0)
        json_mode = 1;
    else if (argc != 4) {
        fprintf(stderr, "usage: gen_ctgov N SUBSTANCES.TSV SEED [--json]\n");
        return 2;
    }
    n = strtoul(argv[1], NULL, 10);
    load_names(argv[2]);
    rng_state = strtoull(argv[3], NULL, 10) * 0x9E3779B97F4A7C15ULL + 1;
    setvbuf(stdout, NULL, _IOFBF, 1 << 20);
    if (!json_mode)
        fputs("NCT Number,Study Title,Study URL,Acronym,Study Status,Brief "
          "Summary,Study Results,Conditions,Interventions,Primary Outcome "
          "Measures,Secondary Outcome Measures,Other Outcome Measures,Sponsor,"
          "Collaborators,Sex,Age,Phases,Enrollment,Funder Type,Study Type,"
          "Study Design,Other IDs,Start Date,Primary Completion Date,"
          "Completion Date,First Posted,Results First Posted,Last Update "
          "Posted,Locations,Study Documents\r\n",
          stdout);
    for (i = 0; i < n; i++) {
        unsigned long id = 10000000UL + i * 7 % 90000000UL;
        unsigned ph = weighted(phase_w, sizeof(phase_w) / sizeof(phase_w[0]));
        int observational = phases[ph][0] == '\0';

        len += (size_t)sprintf(buf + len, "NCT%08lu", id);
        end_field(0);
        text(8 + pick(14), 0);
        end_field(0);
        len += (size_t)sprintf(buf + len,
                               "https://clinicaltrials.gov/study/NCT%08lu",
                               id);
        end_field(0);
        if (pick(3) == 0)
            len += (size_t)sprintf(buf + len, "TRIAL-%u", pick(1000));
        end_field(0);
        put(statuses[weighted(status_w, sizeof(status_w) / sizeof(status_w[0]))]);
        end_field(0);
        text(40 + pick(130), 1);
        end_field(0);
        put(pick(5) ? "NO" : "YES");
        end_field(0);
        for (k = 0, m = 1 + pick(4); k < m; k++) {
            if (k)
                put("|");
            put(conditions[pick(NCOND)]);
        }
        end_field(0);
        for (k = 0, m = pick(5); k < m; k++) {
            if (k)
                put("|");
            intervention();
        }
        end_field(0);
        for (k = 0, m = 1 + pick(3); k < m; k++) {
            if (k)
                put("|");
            text(10 + pick(30), 0);
            put(", through study completion, an average of 1 year");
        }
        end_field(0);
        for (k = 0, m = pick(6); k < m; k++) {
            if (k)
                put("|");
            text(8 + pick(20), 0);
        }
        end_field(0);
        if (pick(10) == 0)
            text(10, 0);
        end_field(0);
        len += (size_t)sprintf(buf + len, "Sponsor Institute %u", pick(5000));
        end_field(0);
        if (pick(2))
            len += (size_t)sprintf(buf + len, "Partner %u|Partner %u",
                                   pick(3000), pick(3000));
        end_field(0);
        put(pick(10) ? "ALL" : pick(2) ? "FEMALE" : "MALE");
        end_field(0);
        put(pick(5) ? "ADULT, OLDER_ADULT" : "CHILD, ADULT");
        end_field(0);
        put(phases[ph]);
        end_field(0);
        if (pick(50))
            putn(10 + pick(2000));
        end_field(0);
        put(funders[weighted(funder_w, sizeof(funder_w) / sizeof(funder_w[0]))]);
        end_field(0);
        put(observational ? "OBSERVATIONAL"
                          : pick(200) ? "INTERVENTIONAL" : "EXPANDED_ACCESS");
        end_field(0);
        put(observational
                ? "Observational Model: |Time Perspective: p"
                : "Allocation: RANDOMIZED|Intervention Model: PARALLEL|"
                  "Masking: DOUBLE (PARTICIPANT, INVESTIGATOR)|Primary "
                  "Purpose: TREATMENT");
        end_field(0);
        len += (size_t)sprintf(buf + len, "ID-%u|%u-%06u-%02u", pick(100000),
                               2000 + pick(25), pick(1000000), pick(100));
        end_field(0);
        if (pick(30))
            date(1995, 31);
        end_field(0);
        date(2000, 30);
        end_field(0);
        date(2000, 31);
        end_field(0);
        date(1999, 27);
        end_field(0);
        if (pick(5) == 0)
            date(2005, 20);
        end_field(0);
        date(2010, 16);
        end_field(0);
        for (k = 0, m = pick(4) ? 1 + pick(3) : pick(40); k < m; k++) {
            if (k)
                put("|");
            len += (size_t)sprintf(buf + len, "Hospital %u, %s, %05u, %s",
                                   pick(9000), cities[pick(NCITY)],
                                   pick(100000), countries[pick(NCOUNTRY)]);
        }
        end_field(0);
        if (pick(20) == 0)
            put("Study Protocol, https://cdn.clinicaltrials.gov/large-docs/"
                "Prot_000.pdf");
        end_field(1);
    }
    if (json_mode)
        fputs(nrow ? "\n]\n" : "[]\n", stdout);
    return fflush(stdout) != 0;
}
