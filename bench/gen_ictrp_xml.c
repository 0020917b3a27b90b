/*
 * gen_ictrp_xml.c - writes a deterministic WHO ICTRP-like XML export of N
 * trials for `make bench` (the XML reader's throughput): the 2024 export's
 * elements and text forms (values followed by a newline and indentation,
 * "&#x0D;&lt;br&gt;" line breaks, long inclusion criteria, self-closed
 * empty elements), trials from several source registries.
 *
 * Usage: gen_ictrp_xml N [SEED] > file.xml
 */
#include <stdio.h>
#include <stdlib.h>

static unsigned long long state = 42;

static unsigned rnd(unsigned n)
{
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (unsigned)((state >> 33) % n);
}

static const char *const registers[] = {
    "ClinicalTrials.gov", "ChiCTR", "EU Clinical Trials Register", "JPRN",
    "CTRI", "ISRCTN", "German Clinical Trials Register", "ANZCTR",
};
static const char *const prefixes[] = {
    "NCT0", "ChiCTR2", "EUCTR2020-", "JPRN-jRCT2", "CTRI/2021/", "ISRCTN",
    "DRKS000", "ACTRN126",
};
static const char *const statuses[] = {
    "Recruiting", "Not recruiting", "Not Recruiting", "Authorised", "",
};
static const char *const phases[] = {
    "Phase 2", "Phase 1/Phase 2", "N/A", "0", "1-2", "Not selected",
    "Human pharmacology (Phase I): no&#x0D;&lt;br&gt;Therapeutic exploratory "
    "(Phase II): yes&#x0D;&lt;br&gt;Therapeutic confirmatory - (Phase III): "
    "no&#x0D;&lt;br&gt;Therapeutic use (Phase IV): no",
};
static const char *const drugs[] = {
    "Pazopanib", "Doxorubicin", "Ifosfamide", "Pembrolizumab", "Placebo",
    "Trabectedin", "Gemcitabine", "Docetaxel", "Sirolimus", "Selumetinib",
};
static const char *const countries[] = {
    "China", "United States", "France", "Germany", "Japan", "India",
    "Korea, Republic of", "United Kingdom", "Spain", "Italy",
};

static void el(const char *name, const char *value)
{
    if (!value[0])
        printf("    <%s/>\n", name);
    else
        printf("    <%s>%s\n    </%s>\n", name, value, name);
}

int main(int argc, char **argv)
{
    unsigned long n, i;
    char buf[4096];

    if (argc < 2) {
        fprintf(stderr, "usage: gen_ictrp_xml N [SEED]\n");
        return 2;
    }
    n = strtoul(argv[1], NULL, 10);
    if (argc > 2)
        state = strtoull(argv[2], NULL, 10);
    printf("<?xml version='1.0' encoding='UTF-8' ?>\n"
           "<Trials_downloaded_from_ICTRP>\n");
    for (i = 0; i < n; i++) {
        unsigned r = rnd(8), k;

        printf("\n    \n  <Trial><Export_date>06/09/2024 16:01:13"
               "</Export_date>\n");
        snprintf(buf, sizeof(buf), "%lu", 10000000 + i);
        el("Internal_Number", buf);
        snprintf(buf, sizeof(buf), "%s%07lu%s", prefixes[r], i,
                 r == 2 ? "-FR" : "");
        el("TrialID", buf);
        el("Last_Refreshed_on", "20 May 2024");
        snprintf(buf, sizeof(buf),
                 "A randomised study of %s versus %s in soft tissue sarcoma "
                 "number %lu",
                 drugs[rnd(10)], drugs[rnd(10)], i);
        el("Public_title", buf);
        snprintf(buf, sizeof(buf),
                 "A Phase II, Multicentre, Randomised, Open-Label Study of "
                 "%s Combined With %s in Adults With Advanced or Metastatic "
                 "Sarcoma - STUDY-%lu                                      "
                 "                                                        ",
                 drugs[rnd(10)], drugs[rnd(10)], i);
        el("Scientific_title", buf);
        el("Acronym", rnd(2) ? "" : "SARC");
        el("Primary_sponsor", "University Hospital of Somewhere");
        el("Retrospective_flag", rnd(2) ? "Yes" : "No");
        el("Date_registration3", "20240408");
        el("Date_registration", "08/04/2024");
        el("Source_Register", registers[r]);
        el("web_address", "https://trialsearch.who.int/Trial2.aspx?TrialID=x");
        el("Recruitment_Status", statuses[rnd(5)]);
        el("other_records", "No");
        el("Inclusion_agemin", "18 Years");
        el("Inclusion_agemax", "N/A");
        el("Inclusion_gender", "All");
        el("Date_enrollement", "April 25, 2024");
        el("Target_size", "120");
        el("Study_type", rnd(4) ? "Interventional" : "Observational study");
        el("Study_design", "Allocation: Randomized. Intervention model: "
                           "Parallel Assignment. Masking: None (Open Label).");
        el("Phase", phases[rnd(7)]);
        buf[0] = '\0';
        for (k = rnd(3) + 1; k > 0; k--) {
            size_t len = 0;

            while (buf[len])
                len++;
            snprintf(buf + len, sizeof(buf) - len, "%s%s", len ? ";" : "",
                     countries[rnd(10)]);
        }
        el("Countries", buf);
        el("Contact_Firstname", "&#x20;");
        el("Contact_Lastname", "Clinical Trial Information Line");
        el("Contact_Email", "trials@example.org");
        el("Contact_Affiliation", "");
        el("Inclusion_Criteria",
           "&#x0D;&lt;br&gt;        Inclusion Criteria:&#x0D;&lt;br&gt;"
           "&#x0D;&lt;br&gt;        - Histologically confirmed soft tissue "
           "sarcoma, advanced or metastatic, not amenable to surgery&#x0D;"
           "&lt;br&gt;        - Measurable disease per RECIST 1.1&#x0D;"
           "&lt;br&gt;        - ECOG performance status 0-1&#x0D;&lt;br&gt;"
           "&#x0D;&lt;br&gt;        Exclusion Criteria:&#x0D;&lt;br&gt;"
           "          -  Prior therapy with the study drug&#x0D;&lt;br&gt;"
           "          -  eGFR &lt;45 mL/min/1.73 m^2&#x0D;&lt;br&gt;      ");
        snprintf(buf, sizeof(buf),
                 "Soft Tissue Sarcoma;Malignant Peripheral Nerve Sheath "
                 "Tumor;Neurofibromatosis %u",
                 rnd(3));
        el("Condition", buf);
        if (r == 1)
            snprintf(buf, sizeof(buf), "experimental group:%s;control "
                                       "group:%s;",
                     drugs[rnd(10)], drugs[rnd(10)]);
        else if (r == 2)
            snprintf(buf, sizeof(buf),
                     "&lt;br&gt;Product Name: %s&lt;br&gt;INN or Proposed "
                     "INN: %s&lt;br&gt;&lt;br&gt;",
                     drugs[rnd(10)], drugs[rnd(10)]);
        else
            snprintf(buf, sizeof(buf), "Drug: %s;Drug: %s;Radiation: IMRT",
                     drugs[rnd(10)], drugs[rnd(10)]);
        el("Intervention", buf);
        el("Primary_outcome", "Progression-free survival at 6 months;"
                              "Overall response rate");
        el("Secondary_outcome", "Overall survival;Safety and tolerability "
                                "(CTCAE v5.0);Quality of life (EORTC "
                                "QLQ-C30)");
        el("Secondary_ID", rnd(2) ? "STUDY-001;U1111-1234-5678" : "");
        el("Source_Support", "Please refer to primary and secondary "
                             "sponsors");
        printf("    \n  </Trial>\n");
    }
    printf("\n</Trials_downloaded_from_ICTRP>\n");
    return 0;
}
