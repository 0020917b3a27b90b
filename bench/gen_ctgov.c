/*
 * gen_ctgov.c - writes a synthetic ClinicalTrials.gov current-format export
 * (ctg-studies.csv, 30 columns) for benchmarks: deterministic for a given
 * seed and dictionary, with registry-like value distributions, long free
 * text, quoted fields with embedded newlines and doubled quotes, and
 * intervention names drawn from trialscape's own dictionary (with salts,
 * doses, codes and unknown names), so classification is really exercised.
 *
 * Usage: gen_ctgov N SUBSTANCES.TSV SEED > out.csv
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

static void end_field(int last)
{
    field(buf, len, last);
    len = 0;
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

    if (argc != 4) {
        fprintf(stderr, "usage: gen_ctgov N SUBSTANCES.TSV SEED\n");
        return 2;
    }
    n = strtoul(argv[1], NULL, 10);
    load_names(argv[2]);
    rng_state = strtoull(argv[3], NULL, 10) * 0x9E3779B97F4A7C15ULL + 1;
    setvbuf(stdout, NULL, _IOFBF, 1 << 20);
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
    return fflush(stdout) != 0;
}
