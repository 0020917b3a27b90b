/*
 * country.c - the country table: ClinicalTrials.gov's spellings and the
 * variants other registries and exports use (analyze stage).
 */
#include "analyze/country.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "common/strmap.h"
#include "common/xalloc.h"

/* Country names as ClinicalTrials.gov writes them (its location
 * countries, ISO 3166 short names with its own adaptations). */
static const char *const names[] = {
    "Afghanistan", "Albania", "Algeria", "American Samoa", "Andorra",
    "Angola", "Anguilla", "Antigua and Barbuda", "Argentina", "Armenia",
    "Aruba", "Australia", "Austria", "Azerbaijan", "Bahamas", "Bahrain",
    "Bangladesh", "Barbados", "Belarus", "Belgium", "Belize", "Benin",
    "Bermuda", "Bhutan", "Bolivia", "Bosnia and Herzegovina", "Botswana",
    "Brazil", "Brunei Darussalam", "Bulgaria", "Burkina Faso", "Burundi",
    "Cambodia", "Cameroon", "Canada", "Cape Verde", "Cayman Islands",
    "Central African Republic", "Chad", "Chile", "China", "Colombia",
    "Comoros", "Congo", "Congo, The Democratic Republic of the",
    "Cook Islands", "Costa Rica", "Cote D'Ivoire", "Croatia", "Cuba",
    "Curacao", "Cyprus", "Czechia", "Denmark", "Djibouti", "Dominica",
    "Dominican Republic", "Ecuador", "Egypt", "El Salvador",
    "Equatorial Guinea", "Eritrea", "Estonia", "Eswatini", "Ethiopia",
    "Faroe Islands", "Fiji", "Finland", "France", "French Guiana",
    "French Polynesia", "Gabon", "Gambia", "Georgia", "Germany", "Ghana",
    "Gibraltar", "Greece", "Greenland", "Grenada", "Guadeloupe", "Guam",
    "Guatemala", "Guernsey", "Guinea", "Guinea-Bissau", "Guyana", "Haiti",
    "Holy See (Vatican City State)", "Honduras", "Hong Kong", "Hungary",
    "Iceland", "India", "Indonesia", "Iran, Islamic Republic of", "Iraq",
    "Ireland", "Isle of Man", "Israel", "Italy", "Jamaica", "Japan",
    "Jersey", "Jordan", "Kazakhstan", "Kenya", "Kiribati",
    "Korea, Democratic People's Republic of", "Korea, Republic of",
    "Kosovo", "Kuwait", "Kyrgyzstan", "Lao People's Democratic Republic",
    "Latvia", "Lebanon", "Lesotho", "Liberia", "Libya", "Liechtenstein",
    "Lithuania", "Luxembourg", "Macau", "Madagascar", "Malawi", "Malaysia",
    "Maldives", "Mali", "Malta", "Marshall Islands", "Martinique",
    "Mauritania", "Mauritius", "Mayotte", "Mexico",
    "Micronesia, Federated States of", "Moldova, Republic of", "Monaco",
    "Mongolia", "Montenegro", "Montserrat", "Morocco", "Mozambique",
    "Myanmar", "Namibia", "Nauru", "Nepal", "Netherlands",
    "Netherlands Antilles", "New Caledonia", "New Zealand", "Nicaragua",
    "Niger", "Nigeria", "North Macedonia", "Northern Mariana Islands",
    "Norway", "Oman", "Pakistan", "Palau", "Palestinian Territory, occupied",
    "Panama", "Papua New Guinea", "Paraguay", "Peru", "Philippines",
    "Poland", "Portugal", "Puerto Rico", "Qatar", "Reunion", "Romania",
    "Russian Federation", "Rwanda", "Saint Kitts and Nevis", "Saint Lucia",
    "Saint Martin", "Saint Vincent and the Grenadines", "Samoa",
    "San Marino", "Sao Tome and Principe", "Saudi Arabia", "Senegal",
    "Serbia", "Seychelles", "Sierra Leone", "Singapore", "Slovakia",
    "Slovenia", "Solomon Islands", "Somalia", "South Africa", "South Sudan",
    "Spain", "Sri Lanka", "Sudan", "Suriname", "Sweden", "Switzerland",
    "Syrian Arab Republic", "Taiwan", "Tajikistan",
    "Tanzania", "Thailand", "Timor-Leste", "Togo", "Tonga",
    "Trinidad and Tobago", "Tunisia", "Turkey", "Turkmenistan", "Uganda",
    "Ukraine", "United Arab Emirates", "United Kingdom", "United States",
    "Uruguay", "Uzbekistan", "Vanuatu", "Venezuela", "Vietnam",
    "Virgin Islands (British)", "Virgin Islands (U.S.)", "Yemen", "Zambia",
    "Zimbabwe",
};

/* Other spellings: registries' (WHO ICTRP, EU CTR, CTIS, ISRCTN), ISO's
 * long forms, older ClinicalTrials.gov names, and typos seen in real
 * exports. Matched like names, by letters and digits only. */
static const struct {
    const char *variant;
    const char *name;
} variants[] = {
    {"United States of America", "United States"},
    {"USA", "United States"},
    {"U.S.A.", "United States"},
    {"US", "United States"},
    {"U.S.", "United States"},
    {"UK", "United Kingdom"},
    {"Great Britain", "United Kingdom"},
    {"England", "United Kingdom"},
    {"Scotland", "United Kingdom"},
    {"Wales", "United Kingdom"},
    {"Northern Ireland", "United Kingdom"},
    {"United Kingdom of Great Britain and Northern Ireland",
     "United Kingdom"},
    {"South Korea", "Korea, Republic of"},
    {"Korea, South", "Korea, Republic of"},
    {"Republic of Korea", "Korea, Republic of"},
    {"Korea (Republic of)", "Korea, Republic of"},
    {"Korea", "Korea, Republic of"},
    {"North Korea", "Korea, Democratic People's Republic of"},
    {"Democratic People's Republic of Korea",
     "Korea, Democratic People's Republic of"},
    {"Russia", "Russian Federation"},
    {"Iran", "Iran, Islamic Republic of"},
    {"Islamic Republic of Iran", "Iran, Islamic Republic of"},
    {"Taiwan, Province of China", "Taiwan"},
    {"Taiwan, Republic of China", "Taiwan"},
    {"Chinese Taipei", "Taiwan"},
    {"Viet Nam", "Vietnam"},
    {"The Netherlands", "Netherlands"},
    {"Holland", "Netherlands"},
    {"Czech Republic", "Czechia"},
    {"Turkey (Turkiye)", "Turkey"},
    {"Turkiye", "Turkey"},
    {"Republic of Turkiye", "Turkey"},
    {"Macedonia", "North Macedonia"},
    {"Macedonia, The Former Yugoslav Republic of", "North Macedonia"},
    {"The Former Yugoslav Republic of Macedonia", "North Macedonia"},
    {"Republic of North Macedonia", "North Macedonia"},
    {"Libyan Arab Jamahiriya", "Libya"},
    {"Swaziland", "Eswatini"},
    {"Hong Kong SAR", "Hong Kong"},
    {"Hong Kong, China", "Hong Kong"},
    {"Macao", "Macau"},
    {"Bolivia, Plurinational State of", "Bolivia"},
    {"Venezuela, Bolivarian Republic of", "Venezuela"},
    {"Tanzania, United Republic of", "Tanzania"},
    {"United Republic of Tanzania", "Tanzania"},
    {"Moldova", "Moldova, Republic of"},
    {"Republic of Moldova", "Moldova, Republic of"},
    {"Democratic Republic of the Congo", "Congo, The Democratic Republic of "
                                         "the"},
    {"Congo, Democratic Republic", "Congo, The Democratic Republic of the"},
    {"Congo, Democratic Republic of the",
     "Congo, The Democratic Republic of the"},
    {"DR Congo", "Congo, The Democratic Republic of the"},
    {"Republic of the Congo", "Congo"},
    {"Ivory Coast", "Cote D'Ivoire"},
    {"Laos", "Lao People's Democratic Republic"},
    {"Lao PDR", "Lao People's Democratic Republic"},
    {"Syria", "Syrian Arab Republic"},
    {"Palestine", "Palestinian Territory, occupied"},
    {"State of Palestine", "Palestinian Territory, occupied"},
    {"Palestine, State of", "Palestinian Territory, occupied"},
    {"Palestinian Territories", "Palestinian Territory, occupied"},
    {"Occupied Palestinian Territory", "Palestinian Territory, occupied"},
    {"Brunei", "Brunei Darussalam"},
    {"Cabo Verde", "Cape Verde"},
    {"Timor Leste", "Timor-Leste"},
    {"East Timor", "Timor-Leste"},
    {"Vatican City", "Holy See (Vatican City State)"},
    {"Holy See", "Holy See (Vatican City State)"},
    {"Micronesia", "Micronesia, Federated States of"},
    {"Federated States of Micronesia", "Micronesia, Federated States of"},
    {"Burma", "Myanmar"},
    {"Kyrgyz Republic", "Kyrgyzstan"},
    {"Slovak Republic", "Slovakia"},
    {"Gambia, The", "Gambia"},
    {"The Gambia", "Gambia"},
    {"Bahamas, The", "Bahamas"},
    {"The Bahamas", "Bahamas"},
    {"US Virgin Islands", "Virgin Islands (U.S.)"},
    {"British Virgin Islands", "Virgin Islands (British)"},
    {"People's Republic of China", "China"},
    {"China (People's Republic of)", "China"},
    {"PR China", "China"},
    {"P.R. China", "China"},
    {"Mainland China", "China"},
    {"Chian", "China"},
    {"Saint Martin (French part)", "Saint Martin"},
};

struct ts_countries {
    ts_strmap *keys;            /* owned; key -> row of spelling[] */
    const char **spelling;      /* owned array of static names */
};

/* The matching key of s[0..n): ASCII letters (lower case) and digits;
 * Latin-1 letters in UTF-8 read as their base letter; everything else
 * dropped. */
static void make_key(const char *s, size_t n, char *out, size_t size)
{
    static const char latin[64] =
        /* U+00C0..U+00FF: A A A A A A AE C E E E E I I I I D N O O O O O x
         * O U U U U Y Th ss a a a a a a ae c e e e e i i i i d n o o o o
         * o / o u u u u y th y */
        "aaaaaaaceeeeiiiidnooooo_ouuuuyts"
        "aaaaaaaceeeeiiiidnooooo_ouuuuyty";
    size_t i, k = 0;

    for (i = 0; i < n && k + 1 < size; i++) {
        unsigned char c = (unsigned char)s[i];

        if (c >= 'A' && c <= 'Z')
            out[k++] = (char)(c + 32);
        else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
            out[k++] = (char)c;
        else if (c == 0xC3 && i + 1 < n &&
                 (unsigned char)s[i + 1] >= 0x80 &&
                 (unsigned char)s[i + 1] <= 0xBF) {
            char b = latin[(unsigned char)s[i + 1] - 0x80];

            if (b != '_')
                out[k++] = b;
            i++;
        }
    }
    out[k] = '\0';
}

static void add(ts_countries *ct, const char *variant, const char *name,
                size_t *cap)
{
    char key[128];
    int added;
    size_t id;

    make_key(variant, strlen(variant), key, sizeof(key));
    id = strmap_intern(ct->keys, key, strlen(key), &added);
    if (!added)
        return;     /* a name's own key wins over a variant's */
    if (id >= *cap) {
        *cap = *cap ? *cap * 2 : 512;
        ct->spelling = xrealloc(ct->spelling, *cap * sizeof(char *));
    }
    ct->spelling[id] = name;
}

ts_countries *country_new(void)
{
    ts_countries *ct = xcalloc(1, sizeof(*ct));
    size_t i, cap = 0;

    ct->keys = strmap_new();
    for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
        add(ct, names[i], names[i], &cap);
    for (i = 0; i < sizeof(variants) / sizeof(variants[0]); i++)
        add(ct, variants[i].variant, variants[i].name, &cap);
    return ct;
}

void country_free(ts_countries *ct)
{
    if (!ct)
        return;
    strmap_free(ct->keys);
    free(ct->spelling);
    free(ct);
}

static int is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\n';
}

/* The spelling of s[0..n) (trimmed), or NULL when not in the table. */
static const char *lookup(const ts_countries *ct, const char **s, size_t *n)
{
    char key[128];
    size_t id;

    while (*n && is_blank(**s)) {
        (*s)++;
        (*n)--;
    }
    while (*n && is_blank((*s)[*n - 1]))
        (*n)--;
    if (*n >= sizeof(key))
        return NULL;
    make_key(*s, *n, key, sizeof(key));
    id = strmap_find(ct->keys, key, strlen(key));
    return id == TS_STRMAP_NONE ? NULL : ct->spelling[id];
}

const char *country_canonical(const ts_countries *ct, const char *s,
                              size_t n, size_t *len)
{
    const char *name = lookup(ct, &s, &n);

    if (name) {
        *len = strlen(name);
        return name;
    }
    *len = n;
    return s;
}

/* 1 if s[0..n) is the tail of a name written "Name, Tail" ("Republic
 * of", "Islamic Republic of", "occupied", ...), so a site's last part
 * may not name the country alone. Checked for every site: the length
 * decides first. */
static int is_tail(const char *s, size_t n)
{
    static const struct {
        const char *text;
        size_t len;
    } tails[] = {
#define T(s) {s, sizeof(s) - 1}
        T("Republic of"), T("Islamic Republic of"),
        T("Democratic People's Republic of"), T("occupied"),
        T("The Former Yugoslav Republic of"), T("Province of China"),
        T("The Democratic Republic of the"), T("Democratic Republic of the"),
        T("Democratic Republic"), T("Federated States of"),
        T("Plurinational State of"), T("Bolivarian Republic of"),
        T("United Republic of"), T("South"), T("The"), T("State of"),
        T("Republic of China"), T("China"),
#undef T
    };
    size_t i;

    while (n && is_blank(*s)) {
        s++;
        n--;
    }
    while (n && is_blank(s[n - 1]))
        n--;
    for (i = 0; i < sizeof(tails) / sizeof(tails[0]); i++)
        if (tails[i].len == n && strncasecmp(s, tails[i].text, n) == 0)
            return 1;
    return 0;
}

int country_next(const ts_countries *ct, const char *raw, size_t len,
                 int sites, size_t *pos, const char **start, size_t *clen)
{
    while (*pos < len) {
        size_t a = *pos, b = a, c;

        while (b < len && raw[b] != '|')
            b++;
        *pos = b + 1;
        c = a;
        if (sites) {
            c = b;
            while (c > a && raw[c - 1] != ',')
                c--;
            if (c > a && is_tail(raw + c, b - c)) {
                /* "Seoul, Korea, Republic of": the part before belongs
                 * to the name when the two make a known country. */
                size_t d = c - 1, k;
                const char *two;

                while (d > a && raw[d - 1] != ',')
                    d--;
                two = raw + d;
                k = b - d;
                if (lookup(ct, &two, &k))
                    c = d;
            }
        }
        while (c < b && is_blank(raw[c]))
            c++;
        while (b > c && is_blank(raw[b - 1]))
            b--;
        if (b > c) {
            *start = raw + c;
            *clen = b - c;
            return 1;
        }
    }
    return 0;
}
