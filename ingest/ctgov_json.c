/*
 * ctgov_json.c - the ClinicalTrials.gov JSON reader, on libyajl's event
 * parser, one study at a time (ingest stage; the only user of libyajl).
 *
 * Reads, streaming, every JSON form the registry hands out: the website's
 * Download -> JSON (a top-level array of API v2 study objects, one a line
 * or pretty-printed), raw API v2 pages ({"studies": [...],
 * "nextPageToken": ...}), single study objects and one study object a line
 * (NDJSON), and the retired API v1 FullStudiesResponse (PascalCase keys,
 * the classic export's values). Each study becomes one ts_record in the
 * form of the current CSV export (Phases "PHASE1|PHASE2", Interventions
 * "DRUG: name|...", Study Design "Allocation: ...|Masking: ...",
 * Locations "Facility, City, State, Zip, Country|..."), plus the
 * structured fields only JSON carries (countries as such, keywords,
 * condition MeSH terms and ancestors, intervention other names, arm
 * groups). Values are cleaned as record.h says, so a study reads the same
 * from the CSV and the JSON download.
 *
 * Memory does not grow with the file: only the current study's kept
 * fields are held, and a string or number longer than --max-field is cut
 * as it streams by (its study is skipped with a warning when the value is
 * one trialscape keeps). Nesting deeper than MAX_DEPTH is an error.
 * Invalid UTF-8 is replaced by U+FFFD with a warning, as in CSV; so is a
 * \u escape of half a UTF-16 surrogate pair.
 *
 * Two passes over each chunk, both streaming: a small scanner that knows
 * only where strings and numbers start and end (it bounds their length,
 * the nesting depth, and replaces lone surrogate escapes), then yajl,
 * whose events walk a tree of the key paths trialscape keeps. Anything
 * off that tree is passed over without being copied.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yajl/yajl_parse.h>

#include "common/strbuf.h"
#include "common/xalloc.h"
#include "ingest/reader.h"

/* Nesting this deep is no registry's JSON (a study is 8 deep). */
#define MAX_DEPTH 512

/* The values kept from a study. */
typedef enum field {
    F_NONE,
    F_NCT, F_TITLE, F_ACRONYM, F_ORG_ID, F_SECID,
    F_STATUS, F_START, F_PCD, F_CD, F_FIRST_POSTED,
    F_SPONSOR, F_FUNDER, F_COLLAB,
    F_CONDITION, F_KEYWORD,
    F_STUDY_TYPE, F_PHASE, F_ALLOCATION, F_IMODEL, F_PURPOSE, F_MASKING,
    F_WHO_MASKED, F_OBS_MODEL, F_TIME_PERSP, F_ENROLLMENT, F_ENROLLMENT_TYPE,
    F_RESULTS,
    F_SEX, F_STDAGE,
    F_ARM_LABEL, F_ARM_TYPE, F_ARM_INAME,
    F_ITYPE, F_INAME, F_IOTHER,
    F_FACILITY, F_CITY, F_STATE, F_ZIP, F_COUNTRY,
    F_MESH_ID, F_MESH_TERM, F_ANC_ID, F_ANC_TERM,
    F_COUNT
} field;

/* Node flags. */
#define N_PROTOCOL 0x01u    /* a study root holding it is a study */
#define N_V1 0x02u          /* ... of the retired API v1 */
#define N_STUDIES 0x04u     /* an array whose objects are studies */
#define N_STUDY 0x08u       /* an object value that is a study (v1) */
#define N_ARM 0x10u         /* each object is one arm group */
#define N_INTERVENTION 0x20u/* each object is one intervention */
#define N_MESH 0x40u        /* each object is one condition MeSH term */
#define N_ANCESTOR 0x80u    /* each object is one MeSH ancestor */
#define N_LOCATION 0x100u   /* each object is one site */
#define N_GROUP (N_ARM | N_INTERVENTION | N_MESH | N_ANCESTOR | N_LOCATION)

typedef struct path_spec {
    const char *path;           /* keys from the study root, '/'-joined */
    field f;
    unsigned flags;
} path_spec;

static const path_spec paths[] = {
    /* API v2 and the website's download */
    {"protocolSection", F_NONE, N_PROTOCOL},
    {"protocolSection/identificationModule/nctId", F_NCT, 0},
    {"protocolSection/identificationModule/briefTitle", F_TITLE, 0},
    {"protocolSection/identificationModule/acronym", F_ACRONYM, 0},
    {"protocolSection/identificationModule/orgStudyIdInfo/id", F_ORG_ID, 0},
    {"protocolSection/identificationModule/secondaryIdInfos/id", F_SECID, 0},
    {"protocolSection/statusModule/overallStatus", F_STATUS, 0},
    {"protocolSection/statusModule/startDateStruct/date", F_START, 0},
    {"protocolSection/statusModule/primaryCompletionDateStruct/date", F_PCD,
     0},
    {"protocolSection/statusModule/completionDateStruct/date", F_CD, 0},
    {"protocolSection/statusModule/studyFirstPostDateStruct/date",
     F_FIRST_POSTED, 0},
    {"protocolSection/sponsorCollaboratorsModule/leadSponsor/name",
     F_SPONSOR, 0},
    {"protocolSection/sponsorCollaboratorsModule/leadSponsor/class",
     F_FUNDER, 0},
    {"protocolSection/sponsorCollaboratorsModule/collaborators/name",
     F_COLLAB, 0},
    {"protocolSection/conditionsModule/conditions", F_CONDITION, 0},
    {"protocolSection/conditionsModule/keywords", F_KEYWORD, 0},
    {"protocolSection/designModule/studyType", F_STUDY_TYPE, 0},
    {"protocolSection/designModule/phases", F_PHASE, 0},
    {"protocolSection/designModule/designInfo/allocation", F_ALLOCATION, 0},
    {"protocolSection/designModule/designInfo/interventionModel", F_IMODEL,
     0},
    {"protocolSection/designModule/designInfo/primaryPurpose", F_PURPOSE, 0},
    {"protocolSection/designModule/designInfo/maskingInfo/masking",
     F_MASKING, 0},
    {"protocolSection/designModule/designInfo/maskingInfo/whoMasked",
     F_WHO_MASKED, 0},
    {"protocolSection/designModule/designInfo/observationalModel",
     F_OBS_MODEL, 0},
    {"protocolSection/designModule/designInfo/timePerspective", F_TIME_PERSP,
     0},
    {"protocolSection/designModule/enrollmentInfo/count", F_ENROLLMENT, 0},
    {"protocolSection/designModule/enrollmentInfo/type", F_ENROLLMENT_TYPE,
     0},
    {"hasResults", F_RESULTS, 0},
    {"protocolSection/eligibilityModule/sex", F_SEX, 0},
    {"protocolSection/eligibilityModule/stdAges", F_STDAGE, 0},
    {"protocolSection/armsInterventionsModule/armGroups", F_NONE, N_ARM},
    {"protocolSection/armsInterventionsModule/armGroups/label", F_ARM_LABEL,
     0},
    {"protocolSection/armsInterventionsModule/armGroups/type", F_ARM_TYPE, 0},
    {"protocolSection/armsInterventionsModule/armGroups/interventionNames",
     F_ARM_INAME, 0},
    {"protocolSection/armsInterventionsModule/interventions", F_NONE,
     N_INTERVENTION},
    {"protocolSection/armsInterventionsModule/interventions/type", F_ITYPE,
     0},
    {"protocolSection/armsInterventionsModule/interventions/name", F_INAME,
     0},
    {"protocolSection/armsInterventionsModule/interventions/otherNames",
     F_IOTHER, 0},
    {"protocolSection/contactsLocationsModule/locations", F_NONE,
     N_LOCATION},
    {"protocolSection/contactsLocationsModule/locations/facility",
     F_FACILITY, 0},
    {"protocolSection/contactsLocationsModule/locations/city", F_CITY, 0},
    {"protocolSection/contactsLocationsModule/locations/state", F_STATE, 0},
    {"protocolSection/contactsLocationsModule/locations/zip", F_ZIP, 0},
    {"protocolSection/contactsLocationsModule/locations/country", F_COUNTRY,
     0},
    {"derivedSection/conditionBrowseModule/meshes", F_NONE, N_MESH},
    {"derivedSection/conditionBrowseModule/meshes/id", F_MESH_ID, 0},
    {"derivedSection/conditionBrowseModule/meshes/term", F_MESH_TERM, 0},
    {"derivedSection/conditionBrowseModule/ancestors", F_NONE, N_ANCESTOR},
    {"derivedSection/conditionBrowseModule/ancestors/id", F_ANC_ID, 0},
    {"derivedSection/conditionBrowseModule/ancestors/term", F_ANC_TERM, 0},
    /* containers of studies */
    {"studies", F_NONE, N_STUDIES},
    {"FullStudiesResponse/FullStudies/Study", F_NONE, N_STUDY},
    /* the retired API v1 */
    {"ProtocolSection", F_NONE, N_PROTOCOL | N_V1},
    {"ProtocolSection/IdentificationModule/NCTId", F_NCT, 0},
    {"ProtocolSection/IdentificationModule/BriefTitle", F_TITLE, 0},
    {"ProtocolSection/IdentificationModule/Acronym", F_ACRONYM, 0},
    {"ProtocolSection/IdentificationModule/OrgStudyIdInfo/OrgStudyId",
     F_ORG_ID, 0},
    {"ProtocolSection/IdentificationModule/SecondaryIdInfoList/"
     "SecondaryIdInfo/SecondaryId",
     F_SECID, 0},
    {"ProtocolSection/StatusModule/OverallStatus", F_STATUS, 0},
    {"ProtocolSection/StatusModule/StartDateStruct/StartDate", F_START, 0},
    {"ProtocolSection/StatusModule/PrimaryCompletionDateStruct/"
     "PrimaryCompletionDate",
     F_PCD, 0},
    {"ProtocolSection/StatusModule/CompletionDateStruct/CompletionDate",
     F_CD, 0},
    {"ProtocolSection/StatusModule/StudyFirstPostDateStruct/"
     "StudyFirstPostDate",
     F_FIRST_POSTED, 0},
    {"ProtocolSection/SponsorCollaboratorsModule/LeadSponsor/"
     "LeadSponsorName",
     F_SPONSOR, 0},
    {"ProtocolSection/SponsorCollaboratorsModule/LeadSponsor/"
     "LeadSponsorClass",
     F_FUNDER, 0},
    {"ProtocolSection/SponsorCollaboratorsModule/CollaboratorList/"
     "Collaborator/CollaboratorName",
     F_COLLAB, 0},
    {"ProtocolSection/ConditionsModule/ConditionList/Condition", F_CONDITION,
     0},
    {"ProtocolSection/ConditionsModule/KeywordList/Keyword", F_KEYWORD, 0},
    {"ProtocolSection/DesignModule/StudyType", F_STUDY_TYPE, 0},
    {"ProtocolSection/DesignModule/PhaseList/Phase", F_PHASE, 0},
    {"ProtocolSection/DesignModule/DesignInfo/DesignAllocation",
     F_ALLOCATION, 0},
    {"ProtocolSection/DesignModule/DesignInfo/DesignInterventionModel",
     F_IMODEL, 0},
    {"ProtocolSection/DesignModule/DesignInfo/DesignPrimaryPurpose",
     F_PURPOSE, 0},
    {"ProtocolSection/DesignModule/DesignInfo/DesignMaskingInfo/"
     "DesignMasking",
     F_MASKING, 0},
    {"ProtocolSection/DesignModule/DesignInfo/DesignMaskingInfo/"
     "DesignWhoMaskedList/DesignWhoMasked",
     F_WHO_MASKED, 0},
    {"ProtocolSection/DesignModule/DesignInfo/DesignObservationalModelList/"
     "DesignObservationalModel",
     F_OBS_MODEL, 0},
    {"ProtocolSection/DesignModule/DesignInfo/DesignTimePerspectiveList/"
     "DesignTimePerspective",
     F_TIME_PERSP, 0},
    {"ProtocolSection/DesignModule/EnrollmentInfo/EnrollmentCount",
     F_ENROLLMENT, 0},
    {"ProtocolSection/DesignModule/EnrollmentInfo/EnrollmentType",
     F_ENROLLMENT_TYPE, 0},
    {"ProtocolSection/EligibilityModule/Gender", F_SEX, 0},
    {"ProtocolSection/EligibilityModule/StdAgeList/StdAge", F_STDAGE, 0},
    {"ProtocolSection/ArmsInterventionsModule/ArmGroupList/ArmGroup", F_NONE,
     N_ARM},
    {"ProtocolSection/ArmsInterventionsModule/ArmGroupList/ArmGroup/"
     "ArmGroupLabel",
     F_ARM_LABEL, 0},
    {"ProtocolSection/ArmsInterventionsModule/ArmGroupList/ArmGroup/"
     "ArmGroupType",
     F_ARM_TYPE, 0},
    {"ProtocolSection/ArmsInterventionsModule/ArmGroupList/ArmGroup/"
     "ArmGroupInterventionList/ArmGroupInterventionName",
     F_ARM_INAME, 0},
    {"ProtocolSection/ArmsInterventionsModule/InterventionList/Intervention",
     F_NONE, N_INTERVENTION},
    {"ProtocolSection/ArmsInterventionsModule/InterventionList/Intervention/"
     "InterventionType",
     F_ITYPE, 0},
    {"ProtocolSection/ArmsInterventionsModule/InterventionList/Intervention/"
     "InterventionName",
     F_INAME, 0},
    {"ProtocolSection/ArmsInterventionsModule/InterventionList/Intervention/"
     "InterventionOtherNameList/InterventionOtherName",
     F_IOTHER, 0},
    {"ProtocolSection/ContactsLocationsModule/LocationList/Location", F_NONE,
     N_LOCATION},
    {"ProtocolSection/ContactsLocationsModule/LocationList/Location/"
     "LocationFacility",
     F_FACILITY, 0},
    {"ProtocolSection/ContactsLocationsModule/LocationList/Location/"
     "LocationCity",
     F_CITY, 0},
    {"ProtocolSection/ContactsLocationsModule/LocationList/Location/"
     "LocationState",
     F_STATE, 0},
    {"ProtocolSection/ContactsLocationsModule/LocationList/Location/"
     "LocationZip",
     F_ZIP, 0},
    {"ProtocolSection/ContactsLocationsModule/LocationList/Location/"
     "LocationCountry",
     F_COUNTRY, 0},
    {"DerivedSection/ConditionBrowseModule/ConditionMeshList/ConditionMesh",
     F_NONE, N_MESH},
    {"DerivedSection/ConditionBrowseModule/ConditionMeshList/ConditionMesh/"
     "ConditionMeshId",
     F_MESH_ID, 0},
    {"DerivedSection/ConditionBrowseModule/ConditionMeshList/ConditionMesh/"
     "ConditionMeshTerm",
     F_MESH_TERM, 0},
    {"DerivedSection/ConditionBrowseModule/ConditionAncestorList/"
     "ConditionAncestor",
     F_NONE, N_ANCESTOR},
    {"DerivedSection/ConditionBrowseModule/ConditionAncestorList/"
     "ConditionAncestor/ConditionAncestorId",
     F_ANC_ID, 0},
    {"DerivedSection/ConditionBrowseModule/ConditionAncestorList/"
     "ConditionAncestor/ConditionAncestorTerm",
     F_ANC_TERM, 0},
};

#define NPATHS (sizeof(paths) / sizeof(paths[0]))
#define MAX_NODES 256

/* Separator between the values of one field within a study. */
static const char *field_sep(field f)
{
    switch (f) {
    case F_STDAGE:
    case F_WHO_MASKED:
        return ", ";
    case F_IOTHER:
    case F_ARM_INAME:
        return "; ";
    default:
        return "|";
    }
}

/* A key of the path tree; node 0 is the study root. */
typedef struct node {
    const char *key;            /* borrowed from paths[] */
    size_t keylen;
    int child;                  /* first child, or -1 */
    int next;                   /* next sibling, or -1 */
    field f;
    unsigned flags;
} node;

typedef struct frame {
    int node;                   /* -1 when off the tree */
    unsigned char is_map;
    unsigned char study;        /* the root of the study being read */
} frame;

/* The byte scanner's states. */
enum { S_OUT, S_STR, S_ESC, S_UHEX, S_NUM };

typedef struct reader {
    ts_source *src;
    size_t max_field;
    ts_sink *sink;
    ts_ingest_stats *stats;     /* the sink's */
    ts_error *err;
    ts_status stop;             /* set by a callback that stops yajl */
    yajl_handle h;

    node nodes[MAX_NODES];
    int nnodes;
    frame frames[MAX_DEPTH + 1];
    int depth;                  /* open containers */
    int key_node;               /* node of the current key, or -1 */
    int seen_container;         /* a top-level array or study container */

    /* the study being read */
    int in_study;
    int has_protocol;
    int v1;
    size_t oversize;            /* a kept value went over max_field */
    unsigned long line;         /* where it starts */
    ts_strbuf fb[F_COUNT];      /* values per field */
    ts_strbuf col[TS_COL_COUNT];/* assembled columns */
    unsigned long ncol[TS_COL_COUNT];   /* elements in an aligned column */
    ts_strbuf clean;
    ts_record rec;
    unsigned long studies;      /* study objects read */
    int nv1, nv2;               /* studies of each API version */

    /* scanner */
    int st;
    size_t tok;                 /* bytes of the current string or number */
    int uhex;                   /* hex digits left in a \u escape */
    int dropping;               /* bytes of an over-long token are dropped */
    int cut;                    /* the next value event is a cut one */
    int num_digit;              /* the last kept byte of a number is a digit */
    int pair_low;               /* the next \u is a checked low surrogate */
    int pair_unknown;           /* a high surrogate ended a chunk */
    int sdepth;                 /* nesting seen by the scanner */
    /* the scanner's own line count (it runs ahead of yajl's events): the
     * line at offset scan_off of the current chunk, and where it starts */
    unsigned long scan_line;
    size_t scan_off;
    unsigned long long scan_line_abs;

    /* positions: the text of the current chunk, its absolute offset, the
     * absolute offset of the segment last given to yajl, and a cursor
     * counting lines up to some offset */
    const char *chunk;
    size_t chunk_len;
    unsigned long long chunk_abs;
    unsigned long long seg_abs;
    unsigned long long cur_abs;
    unsigned long cur_line;
    unsigned long long cur_line_abs;    /* where the cursor's line starts */
} reader;

/* ---- the path tree ---------------------------------------------------- */

static int child_of(const reader *r, int parent, const char *key, size_t n)
{
    int c;

    if (parent < 0)
        return -1;
    for (c = r->nodes[parent].child; c >= 0; c = r->nodes[c].next)
        if (r->nodes[c].keylen == n && memcmp(r->nodes[c].key, key, n) == 0)
            return c;
    return -1;
}

static int add_child(reader *r, int parent, const char *key, size_t n)
{
    int c = child_of(r, parent, key, n);
    node *nd;

    if (c >= 0)
        return c;
    c = r->nnodes++;
    nd = &r->nodes[c];
    nd->key = key;
    nd->keylen = n;
    nd->child = -1;
    nd->f = F_NONE;
    nd->flags = 0;
    nd->next = r->nodes[parent].child;
    r->nodes[parent].child = c;
    return c;
}

static void build_tree(reader *r)
{
    size_t i;

    r->nnodes = 1;
    r->nodes[0].key = "";
    r->nodes[0].child = -1;
    r->nodes[0].next = -1;
    for (i = 0; i < NPATHS; i++) {
        const char *p = paths[i].path;
        int n = 0;

        for (;;) {
            const char *slash = strchr(p, '/');
            size_t len = slash ? (size_t)(slash - p) : strlen(p);

            n = add_child(r, n, p, len);
            if (!slash)
                break;
            p = slash + 1;
        }
        r->nodes[n].f = paths[i].f;
        r->nodes[n].flags |= paths[i].flags;
    }
}

/* ---- positions -------------------------------------------------------- */

/* Moves the line cursor to absolute offset abs (within the current chunk,
 * not before the cursor). */
static void cursor_to(reader *r, unsigned long long abs)
{
    const char *p, *end;

    if (abs <= r->cur_abs || abs < r->chunk_abs)
        return;
    if (abs > r->chunk_abs + r->chunk_len)
        abs = r->chunk_abs + r->chunk_len;
    p = r->chunk + (r->cur_abs - r->chunk_abs);
    end = r->chunk + (abs - r->chunk_abs);
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));

        if (!nl)
            break;
        r->cur_line++;
        r->cur_line_abs = r->chunk_abs + (unsigned long long)(nl - r->chunk) +
                          1;
        p = nl + 1;
    }
    r->cur_abs = abs;
}

/* Absolute offset of what yajl has consumed in the current segment. */
static unsigned long long yajl_abs(reader *r)
{
    return r->seg_abs + yajl_get_bytes_consumed(r->h);
}

static void position(reader *r, unsigned long long abs, unsigned long *line,
                     unsigned long *col)
{
    cursor_to(r, abs);
    *line = r->cur_line;
    *col = (unsigned long)(abs - r->cur_line_abs) + 1;
}

/* ---- the study -------------------------------------------------------- */

static void study_begin(reader *r)
{
    size_t i;
    unsigned long col;

    for (i = 0; i < F_COUNT; i++)
        sb_reset(&r->fb[i]);
    for (i = 0; i < TS_COL_COUNT; i++) {
        sb_reset(&r->col[i]);
        r->ncol[i] = 0;
    }
    r->in_study = 1;
    r->has_protocol = 0;
    r->v1 = 0;
    r->oversize = 0;
    {
        unsigned long long at = yajl_abs(r);

        position(r, at ? at - 1 : 0, &r->line, &col);
    }
}

/* Appends s[0..n) to buffer b, after sep when b is not empty; marks the
 * study oversize instead when b would pass the limit. */
static void put(reader *r, ts_strbuf *b, const char *sep, const char *s,
                size_t n)
{
    size_t k = b->len ? strlen(sep) : 0;

    if (b->len + k + n > r->max_field) {
        if (!r->oversize)
            r->oversize = b->len + k + n;
        return;
    }
    if (k)
        sb_append(b, sep, k);
    sb_append(b, s, n);
}

/* Appends one element to an aligned column (a separator before every
 * element but the first, empty elements included); '|' inside the
 * element would shift the positions, so it becomes '/'. */
static void put_aligned(reader *r, ts_column c, const char *s, size_t n,
                        int keep_bars)
{
    ts_strbuf *b = &r->col[c];
    size_t start;

    if (b->len + 1 + n > r->max_field) {
        if (!r->oversize)
            r->oversize = b->len + 1 + n;
        return;
    }
    if (r->ncol[c]++)
        sb_putc(b, '|');
    start = b->len;
    sb_append(b, s, n);
    if (!keep_bars) {
        size_t i;

        for (i = start; i < b->len; i++)
            if (b->buf[i] == '|')
                b->buf[i] = '/';
    }
}

/* "D" + digits, written with 9 digits as the registry's newer ids are. */
static void put_mesh_id(reader *r, ts_column c, const ts_strbuf *id)
{
    const char *s = id->buf ? id->buf : "";
    size_t n = id->len, i;
    char buf[16];

    for (i = 1; i < n && s[i] >= '0' && s[i] <= '9'; i++)
        ;
    if (n >= 2 && n <= 10 && s[0] == 'D' && i == n) {
        size_t pad = 10 - n;

        buf[0] = 'D';
        memset(buf + 1, '0', pad);
        memcpy(buf + 1 + pad, s + 1, n - 1);
        put_aligned(r, c, buf, 10, 0);
        return;
    }
    put_aligned(r, c, s, n, 0);
}

static void group_reset(reader *r, unsigned flags)
{
    static const field fields[] = {
        F_ARM_LABEL, F_ARM_TYPE, F_ARM_INAME, F_ITYPE, F_INAME, F_IOTHER,
        F_MESH_ID, F_MESH_TERM, F_ANC_ID, F_ANC_TERM, F_FACILITY, F_CITY,
        F_STATE, F_ZIP, F_COUNTRY,
    };
    size_t i;

    (void)flags;
    for (i = 0; i < sizeof(fields) / sizeof(fields[0]); i++)
        sb_reset(&r->fb[fields[i]]);
}

/* "TYPE: name" (or the name alone) into out. */
static void typed_name(ts_strbuf *out, const ts_strbuf *type,
                       const ts_strbuf *name)
{
    sb_reset(out);
    if (type->len) {
        sb_append(out, type->buf, type->len);
        sb_puts(out, ": ");
    }
    if (name->len)
        sb_append(out, name->buf, name->len);
}

static void group_end(reader *r, unsigned flags)
{
    ts_strbuf *tmp = &r->clean;     /* free until the study is emitted */

    if (flags & N_INTERVENTION) {
        typed_name(tmp, &r->fb[F_ITYPE], &r->fb[F_INAME]);
        put_aligned(r, TS_COL_INTERVENTIONS, sb_str(tmp), tmp->len, 1);
        put_aligned(r, TS_COL_INTERVENTION_OTHER_NAMES,
                    sb_str(&r->fb[F_IOTHER]), r->fb[F_IOTHER].len, 0);
    }
    if (flags & N_ARM) {
        typed_name(tmp, &r->fb[F_ARM_TYPE], &r->fb[F_ARM_LABEL]);
        put_aligned(r, TS_COL_ARM_GROUPS, sb_str(tmp), tmp->len, 0);
        put_aligned(r, TS_COL_ARM_INTERVENTIONS, sb_str(&r->fb[F_ARM_INAME]),
                    r->fb[F_ARM_INAME].len, 0);
    }
    if (flags & N_MESH) {
        put_aligned(r, TS_COL_CONDITION_MESH, sb_str(&r->fb[F_MESH_TERM]),
                    r->fb[F_MESH_TERM].len, 0);
        put_mesh_id(r, TS_COL_CONDITION_MESH_ID, &r->fb[F_MESH_ID]);
    }
    if (flags & N_LOCATION) {
        /* The site as the CSV export writes it: its parts joined by ", ",
         * the country last. */
        static const field parts[] = {F_FACILITY, F_CITY, F_STATE, F_ZIP,
                                      F_COUNTRY};
        size_t i;

        sb_reset(tmp);
        for (i = 0; i < sizeof(parts) / sizeof(parts[0]); i++) {
            const ts_strbuf *v = &r->fb[parts[i]];

            if (!v->len)
                continue;
            if (tmp->len)
                sb_puts(tmp, ", ");
            sb_append(tmp, v->buf, v->len);
        }
        if (tmp->len)
            put(r, &r->col[TS_COL_LOCATIONS], "|", tmp->buf, tmp->len);
        if (r->fb[F_COUNTRY].len)
            put(r, &r->col[TS_COL_COUNTRIES], "|", r->fb[F_COUNTRY].buf,
                r->fb[F_COUNTRY].len);
    }
    if (flags & N_ANCESTOR) {
        put_aligned(r, TS_COL_CONDITION_ANCESTORS, sb_str(&r->fb[F_ANC_TERM]),
                    r->fb[F_ANC_TERM].len, 0);
        put_mesh_id(r, TS_COL_CONDITION_ANCESTOR_ID, &r->fb[F_ANC_ID]);
    }
    sb_reset(tmp);
    group_reset(r, flags);
}

static void warn_at(reader *r, unsigned long line, const char *msg)
{
    sink_warn(r->sink, line, 0, "%s", msg);
}

/* The Study Design column as the CSV export writes it. */
static void build_design(reader *r)
{
    static const struct {
        field f;
        const char *label;
    } parts[] = {
        {F_ALLOCATION, "Allocation"},
        {F_IMODEL, "Intervention Model"},
        {F_MASKING, "Masking"},
        {F_PURPOSE, "Primary Purpose"},
        {F_OBS_MODEL, "Observational Model"},
        {F_TIME_PERSP, "Time Perspective"},
    };
    ts_strbuf *d = &r->col[TS_COL_DESIGN];
    size_t i;

    for (i = 0; i < sizeof(parts) / sizeof(parts[0]); i++) {
        const ts_strbuf *v = &r->fb[parts[i].f];

        if (!v->len)
            continue;
        if (d->len)
            sb_putc(d, '|');
        sb_printf(d, "%s: ", parts[i].label);
        sb_append(d, v->buf, v->len);
        if (parts[i].f == F_MASKING && r->fb[F_WHO_MASKED].len) {
            sb_puts(d, " (");
            sb_append(d, r->fb[F_WHO_MASKED].buf, r->fb[F_WHO_MASKED].len);
            sb_putc(d, ')');
        }
    }
}

static void copy_field(reader *r, ts_column c, field f)
{
    sb_append(&r->col[c], sb_str(&r->fb[f]), r->fb[f].len);
}

static ts_status study_end(reader *r)
{
    static const struct {
        ts_column c;
        field f;
    } simple[] = {
        {TS_COL_NCT, F_NCT},
        {TS_COL_TITLE, F_TITLE},
        {TS_COL_ACRONYM, F_ACRONYM},
        {TS_COL_STATUS, F_STATUS},
        {TS_COL_CONDITIONS, F_CONDITION},
        {TS_COL_SPONSOR, F_SPONSOR},
        {TS_COL_COLLABORATORS, F_COLLAB},
        {TS_COL_SEX, F_SEX},
        {TS_COL_AGE, F_STDAGE},
        {TS_COL_PHASES, F_PHASE},
        {TS_COL_ENROLLMENT, F_ENROLLMENT},
        {TS_COL_ENROLLMENT_TYPE, F_ENROLLMENT_TYPE},
        {TS_COL_RESULTS, F_RESULTS},
        {TS_COL_FUNDER, F_FUNDER},
        {TS_COL_STUDY_TYPE, F_STUDY_TYPE},
        {TS_COL_START, F_START},
        {TS_COL_PRIMARY_COMPLETION, F_PCD},
        {TS_COL_COMPLETION, F_CD},
        {TS_COL_FIRST_POSTED, F_FIRST_POSTED},
        {TS_COL_KEYWORDS, F_KEYWORD},
    };
    size_t i, off[TS_COL_COUNT];
    int bad_utf8 = 0;

    r->in_study = 0;
    if (!r->has_protocol)
        return TS_OK;
    r->studies++;
    r->stats->rows++;
    if (r->v1)
        r->nv1++;
    else
        r->nv2++;
    if (r->oversize) {
        char why[160];

        snprintf(why, sizeof(why),
                 "a value is longer than %zu bytes (--max-field)",
                 r->max_field);
        return sink_bad_record(r->sink, r->line, why, r->err);
    }
    for (i = 0; i < sizeof(simple) / sizeof(simple[0]); i++)
        copy_field(r, simple[i].c, simple[i].f);
    copy_field(r, TS_COL_OTHER_IDS, F_ORG_ID);
    if (r->fb[F_SECID].len) {
        if (r->col[TS_COL_OTHER_IDS].len)
            sb_putc(&r->col[TS_COL_OTHER_IDS], '|');
        copy_field(r, TS_COL_OTHER_IDS, F_SECID);
    }
    build_design(r);

    sb_reset(&r->clean);
    for (i = 0; i < TS_COL_COUNT; i++) {
        size_t clen = 0;

        off[i] = record_clean_value(&r->clean, sb_str(&r->col[i]),
                                    r->col[i].len, &clen, &bad_utf8);
        r->rec.len[i] = clen;
    }
    for (i = 0; i < TS_COL_COUNT; i++)
        r->rec.value[i] = r->clean.buf + off[i];
    if (bad_utf8) {
        r->stats->bad_utf8_rows++;
        warn_at(r, r->line, "invalid UTF-8 replaced by U+FFFD");
    }
    r->rec.line = r->line;
    r->rec.row = r->studies;
    return sink_record(r->sink, &r->rec, r->err);
}

/* ---- yajl callbacks ---------------------------------------------------- */

/* The node of a value about to start, from its container. */
static int value_node(const reader *r)
{
    const frame *top;

    if (r->depth == 0)
        return -1;
    top = &r->frames[r->depth - 1];
    return top->is_map ? r->key_node : top->node;
}

static void on_scalar(reader *r, const char *s, size_t n)
{
    int nd = value_node(r);
    field f;

    if (r->cut) {
        r->cut = 0;
        if (nd >= 0 && r->nodes[nd].f != F_NONE && r->in_study &&
            !r->oversize)
            r->oversize = r->max_field + 1;
    }
    if (nd < 0 || !r->in_study)
        return;
    f = r->nodes[nd].f;
    if (f == F_NONE)
        return;
    put(r, &r->fb[f], field_sep(f), s, n);
}

static int cb_null(void *ctx)
{
    (void)ctx;
    return 1;
}

static int cb_bool(void *ctx, int b)
{
    /* hasResults, as the CSV export writes Study Results. */
    on_scalar(ctx, b ? "YES" : "NO", b ? 3 : 2);
    return 1;
}

static int cb_number(void *ctx, const char *s, size_t n)
{
    on_scalar(ctx, s, n);
    return 1;
}

static int cb_string(void *ctx, const unsigned char *s, size_t n)
{
    on_scalar(ctx, (const char *)s, n);
    return 1;
}

static int open_container(reader *r, int is_map)
{
    int nd = value_node(r);
    frame *f;
    int study = 0;

    if (r->depth >= MAX_DEPTH)
        return 0;   /* the scanner stops such input first */
    if (is_map) {
        const frame *up = r->depth ? &r->frames[r->depth - 1] : NULL;

        if (!up || (r->depth == 1 && !up->is_map) ||
            (!up->is_map && up->node >= 0 &&
             (r->nodes[up->node].flags & N_STUDIES)) ||
            (up->is_map && nd >= 0 && (r->nodes[nd].flags & N_STUDY)))
            study = 1;
    } else if (r->depth == 0 ||
               (nd >= 0 && (r->nodes[nd].flags & N_STUDIES))) {
        r->seen_container = 1;
    }
    if (study) {
        int i;

        /* A study inside a candidate (an API page, v1's response): the
         * outer object is not a study. */
        for (i = 0; i < r->depth; i++)
            r->frames[i].study = 0;
        study_begin(r);
        nd = 0;
    }
    f = &r->frames[r->depth++];
    f->node = nd;
    f->is_map = (unsigned char)is_map;
    f->study = (unsigned char)study;
    r->key_node = -1;
    if (is_map && nd >= 0 && (r->nodes[nd].flags & N_GROUP) && r->in_study)
        group_reset(r, r->nodes[nd].flags);
    return 1;
}

static int cb_start_map(void *ctx)
{
    return open_container(ctx, 1);
}

static int cb_start_array(void *ctx)
{
    return open_container(ctx, 0);
}

static int cb_map_key(void *ctx, const unsigned char *key, size_t n)
{
    reader *r = ctx;
    frame *f = &r->frames[r->depth - 1];

    r->key_node = child_of(r, f->node, (const char *)key, n);
    if (r->cut) {
        r->cut = 0;
        r->key_node = -1;
    }
    if (f->study && r->key_node >= 0 &&
        (r->nodes[r->key_node].flags & N_PROTOCOL)) {
        r->has_protocol = 1;
        r->v1 = (r->nodes[r->key_node].flags & N_V1) != 0;
    }
    return 1;
}

static int close_container(reader *r)
{
    frame *f = &r->frames[--r->depth];

    if (f->is_map && f->node >= 0 && r->in_study &&
        (r->nodes[f->node].flags & N_GROUP))
        group_end(r, r->nodes[f->node].flags);
    if (f->study) {
        ts_status rc = study_end(r);

        if (rc != TS_OK) {
            r->stop = rc;
            return 0;
        }
    }
    /* The key of the enclosing map is spent. */
    r->key_node = -1;
    return 1;
}

static int cb_end_map(void *ctx)
{
    return close_container(ctx);
}

static int cb_end_array(void *ctx)
{
    return close_container(ctx);
}

static const yajl_callbacks callbacks = {
    cb_null,      cb_bool,      NULL,       NULL,         cb_number,
    cb_string,    cb_start_map, cb_map_key, cb_end_map,   cb_start_array,
    cb_end_array,
};

/* ---- feeding yajl ------------------------------------------------------ */

/* yajl's message without its "parse error: " prefix and newline. */
static ts_status yajl_failure(reader *r, yajl_status ys, int at_end)
{
    unsigned long line, col;
    unsigned char *msg;
    const char *m;
    size_t n;
    unsigned long long at;

    if (ys == yajl_status_client_canceled)
        return r->stop != TS_OK ? r->stop
                                : ts_error_set(r->err, TS_ERR_PARSE,
                                               source_name(r->src), 0, 0,
                                               "nesting deeper than %d",
                                               MAX_DEPTH);
    at = at_end ? r->chunk_abs + r->chunk_len : yajl_abs(r);
    position(r, at, &line, &col);
    msg = yajl_get_error(r->h, 0, NULL, 0);
    m = msg ? (const char *)msg : "malformed JSON";
    if (strncmp(m, "parse error: ", 13) == 0)
        m += 13;
    n = strcspn(m, "\n");
    while (n > 0 && (m[n - 1] == '.' || m[n - 1] == ' '))
        n--;
    if (at_end || strstr(m, "premature EOF"))
        ts_error_set(r->err, TS_ERR_PARSE, source_name(r->src), line, col,
                     "file ends inside a JSON value (cut short?) after %lu "
                     "stud%s",
                     r->studies, r->studies == 1 ? "y" : "ies");
    else
        ts_error_set(r->err, TS_ERR_PARSE, source_name(r->src), line, col,
                     "malformed JSON: %.*s (after %lu stud%s)", (int)n, m,
                     r->studies, r->studies == 1 ? "y" : "ies");
    if (msg)
        yajl_free_error(r->h, msg);
    return TS_ERR_PARSE;
}

static ts_status feed(reader *r, const char *p, size_t n)
{
    yajl_status ys;

    if (n == 0)
        return TS_OK;
    r->seg_abs = r->chunk_abs + (unsigned long long)(p - r->chunk);
    ys = yajl_parse(r->h, (const unsigned char *)p, n);
    if (ys != yajl_status_ok)
        return yajl_failure(r, ys, 0);
    return TS_OK;
}

static int is_hex(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
           (c >= 'A' && c <= 'F');
}

/* The value of 4 hex digits at s, or -1. */
static long hex4(const char *s)
{
    long v = 0;
    int i;

    for (i = 0; i < 4; i++) {
        char c = s[i];

        if (!is_hex(c))
            return -1;
        v = v * 16 + (c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10);
    }
    return v;
}

/* At p[i] == 'u' after a backslash: a surrogate escape without its other
 * half is rewritten in place to \ufffd (yajl would turn a lone high one
 * into '?' and eat the next character). */
static void check_surrogate(reader *r, char *p, size_t i, size_t n)
{
    long u;
    char was[5];

    if (r->pair_low) {
        r->pair_low = 0;
        return;
    }
    if (i + 4 >= n) {
        r->pair_unknown = 1;
        return;
    }
    u = hex4(p + i + 1);
    if (u < 0xD800 || u > 0xDFFF) {
        r->pair_unknown = 0;
        return;
    }
    if (u <= 0xDBFF) {
        long lo;

        if (i + 10 >= n) {
            r->pair_unknown = 1;
            return;
        }
        lo = p[i + 5] == '\\' && p[i + 6] == 'u' ? hex4(p + i + 7) : -1;
        if (lo >= 0xDC00 && lo <= 0xDFFF) {
            r->pair_low = 1;
            return;
        }
    } else if (r->pair_unknown) {
        /* Its high half may have ended the previous chunk. */
        r->pair_unknown = 0;
        return;
    }
    memcpy(was, p + i + 1, 4);
    was[4] = '\0';
    source_modify(r->src);
    memcpy(p + i + 1, "fffd", 4);
    /* Where it is: the scanner's line count moves forward to it. */
    while (r->scan_off < i) {
        const char *nl = memchr(p + r->scan_off, '\n', i - r->scan_off);

        if (!nl) {
            r->scan_off = i;
            break;
        }
        r->scan_line++;
        r->scan_off = (size_t)(nl - p) + 1;
        r->scan_line_abs = r->chunk_abs + r->scan_off;
    }
    sink_warn(r->sink, r->scan_line,
              (unsigned long)(r->chunk_abs + i - r->scan_line_abs),
              "\\u%s: half a UTF-16 surrogate pair replaced by U+FFFD",
              was);
}

static int num_char(char c)
{
    return (c >= '0' && c <= '9') || c == '.' || c == 'e' || c == 'E' ||
           c == '+' || c == '-';
}

/* Scans one chunk and feeds it to yajl, leaving out the bytes of strings
 * and numbers past max_field. */
static ts_status scan(reader *r, char *p, size_t n)
{
    size_t i = 0, seg = 0;
    ts_status rc;

    while (i < n) {
        switch (r->st) {
        case S_OUT: {
            char c = p[i];

            if (c == '"') {
                r->st = S_STR;
                r->tok = 0;
            } else if (c == '{' || c == '[') {
                if (++r->sdepth > MAX_DEPTH) {
                    unsigned long line, col;

                    rc = feed(r, p + seg, i - seg);
                    if (rc != TS_OK)
                        return rc;
                    position(r, r->chunk_abs + i, &line, &col);
                    return ts_error_set(r->err, TS_ERR_PARSE,
                                        source_name(r->src), line, col,
                                        "JSON nested deeper than %d levels",
                                        MAX_DEPTH);
                }
            } else if (c == '}' || c == ']') {
                if (r->sdepth > 0)
                    r->sdepth--;
            } else if ((c >= '0' && c <= '9') || c == '-') {
                r->st = S_NUM;
                r->tok = 1;
                r->num_digit = c != '-';
            }
            i++;
            break;
        }
        case S_STR: {
            /* Up to the quote or backslash, within the allowance. */
            size_t lim = n;
            size_t allow = r->tok < r->max_field ? r->max_field - r->tok : 0;

            if (!r->dropping && allow < n - i)
                lim = i + allow;
            while (i < lim && p[i] != '"' && p[i] != '\\')
                i++, r->tok++;
            if (i == lim && i < n && !r->dropping) {
                /* Over the limit: feed what came before, drop the rest of
                 * the string up to its closing quote. */
                rc = feed(r, p + seg, i - seg);
                if (rc != TS_OK)
                    return rc;
                r->dropping = 1;
                continue;
            }
            if (i == n)
                break;
            if (p[i] == '"') {
                if (r->dropping) {
                    r->dropping = 0;
                    r->cut = 1;
                    seg = i;
                }
                r->st = S_OUT;
            } else {
                r->st = S_ESC;
            }
            r->tok++;
            i++;
            break;
        }
        case S_ESC:
            if (p[i] == 'u') {
                r->st = S_UHEX;
                r->uhex = 4;
                if (!r->dropping)
                    check_surrogate(r, p, i, n);
            } else {
                r->st = S_STR;
            }
            r->tok++;
            i++;
            break;
        case S_UHEX:
            if (--r->uhex == 0)
                r->st = S_STR;
            r->tok++;
            i++;
            break;
        case S_NUM: {
            char c = p[i];

            if (!num_char(c)) {
                if (r->dropping) {
                    r->dropping = 0;
                    r->cut = 1;
                    seg = i;
                }
                r->st = S_OUT;
                break;
            }
            if (c >= '0' && c <= '9') {
                if (!r->dropping && r->tok >= r->max_field && r->num_digit) {
                    rc = feed(r, p + seg, i - seg);
                    if (rc != TS_OK)
                        return rc;
                    r->dropping = 1;
                }
                if (!r->dropping)
                    r->num_digit = 1;
            } else {
                if (r->dropping) {
                    r->dropping = 0;
                    r->cut = 1;
                    seg = i;
                }
                r->num_digit = 0;
            }
            r->tok++;
            i++;
            break;
        }
        }
    }
    if (!r->dropping)
        return feed(r, p + seg, n - seg);
    return TS_OK;
}

/* ---- the reader ------------------------------------------------------ */

/* The first key of JSON a study object or an API response starts with. */
static int detect(const ts_sniff *sn)
{
    static const char *const keys[] = {
        "protocolSection", "derivedSection", "hasResults", "resultsSection",
        "documentSection", "annotationSection", "studies", "nextPageToken",
        "totalCount", "FullStudiesResponse",
    };
    size_t i;

    if (!sn->json_top)
        return 0;
    for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
        if (strcmp(sn->json_key, keys[i]) == 0)
            return 100;
    /* Other JSON: no other reader takes it, and this one says what it
     * expected. */
    return 10;
}

/* The JSON fields each column comes from, as messages name them. */
static const char *const col_names[TS_COL_COUNT] = {
    "nctId", "briefTitle", NULL, "acronym", "overallStatus", "conditions",
    "interventions", "leadSponsor", "collaborators", "sex", "stdAges",
    "phases", "enrollmentInfo", "leadSponsor.class", "studyType",
    "designInfo", "secondaryIdInfos", "startDateStruct",
    "primaryCompletionDateStruct", "completionDateStruct",
    "studyFirstPostDateStruct", "locations", "locations.country", "keywords",
    "conditionBrowseModule.meshes", "conditionBrowseModule.meshes.id",
    "conditionBrowseModule.ancestors", "conditionBrowseModule.ancestors.id",
    "interventions.otherNames", "armGroups", "armGroups.interventionNames",
    "hasResults", "enrollmentInfo.type",
};

static void reader_free(reader *r)
{
    size_t i;

    if (r->h)
        yajl_free(r->h);
    for (i = 0; i < F_COUNT; i++)
        sb_free(&r->fb[i]);
    for (i = 0; i < TS_COL_COUNT; i++)
        sb_free(&r->col[i]);
    sb_free(&r->clean);
    free(r);
}

static ts_status read_json(ts_source *src, const ts_ingest_opts *opts,
                           ts_sink *sink, ts_error *err)
{
    reader *r = xcalloc(1, sizeof(*r));
    ts_status rc = TS_OK;
    int first = 1;
    size_t i;

    r->src = src;
    r->max_field = opts && opts->max_field ? opts->max_field
                                           : TS_MAX_FIELD_DEFAULT;
    r->sink = sink;
    r->stats = sink_stats(sink);
    r->err = err;
    r->key_node = -1;
    r->cur_line = 1;
    build_tree(r);
    r->rec.registry = TS_REG_CTGOV;
    for (i = 0; i < TS_COL_COUNT; i++) {
        r->rec.present[i] = col_names[i] != NULL;
        r->rec.name[i] = col_names[i];
    }
    r->h = yajl_alloc(&callbacks, NULL, r);
    yajl_config(r->h, yajl_allow_multiple_values, 1);
    /* Invalid UTF-8 is replaced (with a warning) by record cleaning, as in
     * CSV, rather than failing the file. */
    yajl_config(r->h, yajl_dont_validate_strings, 1);
    for (;;) {
        char *p;
        size_t n;

        rc = source_read(src, &p, &n, err);
        if (rc != TS_OK || n == 0)
            break;
        /* The cursor moves past the previous chunk before this one. */
        cursor_to(r, r->chunk_abs + r->chunk_len);
        r->chunk_abs += r->chunk_len;
        if (first) {
            first = 0;
            /* Offsets (and columns) count from after a byte order mark. */
            if (n >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0) {
                p += 3;
                n -= 3;
            }
        }
        r->chunk = p;
        r->chunk_len = n;
        r->scan_line = r->cur_line;
        r->scan_off = 0;
        r->scan_line_abs = r->cur_line_abs;
        rc = scan(r, p, n);
        if (rc != TS_OK)
            break;
    }
    if (rc == TS_OK) {
        yajl_status ys = yajl_complete_parse(r->h);

        if (ys != yajl_status_ok)
            rc = yajl_failure(r, ys, 1);
    }
    source_finish(src);
    cursor_to(r, r->chunk_abs + r->chunk_len);
    /* A final newline ends the last line rather than starting one. */
    r->stats->lines = r->cur_line - (r->cur_line > 1 &&
                                     r->cur_line_abs == r->cur_abs);
    r->stats->delimiter = 0;
    if (r->nv1 && !r->nv2)
        r->stats->format = "ctgov-json-v1";
    if (rc == TS_OK && r->studies == 0 && !r->seen_container)
        rc = ts_error_set(err, TS_ERR_PARSE, source_name(src), 1, 0,
                          "unrecognized JSON: expected ClinicalTrials.gov "
                          "studies (objects with \"protocolSection\", an "
                          "array of them, or an API page with "
                          "\"studies\")");
    reader_free(r);
    return rc;
}

const ts_reader reader_ctgov_json = {
    "ctgov-json",
    "ClinicalTrials.gov JSON (website download, API v2, API v1)",
    TS_REG_CTGOV,
    detect,
    read_json,
};
