/*
 * mesh.h - the MeSH descriptor table and the mapping of a condition's text
 * to one descriptor, for grouping conditions into indications without
 * rules (analyze stage).
 *
 * Two generated files (data/mesh-descriptors.tsv, data/mesh-terms.tsv;
 * scripts/gen-mesh-conditions.py writes them from NLM MeSH 2024) give each
 * tree number its descriptor and label, and each key its descriptor. A
 * key is mesh_key() of a term, written by the generator so that loading
 * does no normalising. Both files are sorted (tree numbers, keys), so
 * loading is one pass with no large table: keys are found by binary
 * search. Tree numbers are nodes of one forest: a node's parent is its
 * tree number without the last ".part" ("C10.228.140" -> "C10.228"); a
 * number without a dot is a root. Every parent must be in the file.
 */
#ifndef TS_ANALYZE_MESH_H
#define TS_ANALYZE_MESH_H

#include <stddef.h>

#include "common/error.h"
#include "common/strbuf.h"

typedef struct ts_mesh ts_mesh;

#define TS_MESH_NONE ((size_t)-1)

/* How mesh_map() found a descriptor; TS_MAP_NONE when it did not. */
typedef enum ts_mesh_how {
    TS_MAP_NONE,
    TS_MAP_EXACT,       /* the whole text, or without its parentheses */
    TS_MAP_PAREN,       /* the text in parentheses ("... (RRMS)") */
    TS_MAP_QUALIFIED,   /* after dropping qualifiers (stage, recurrent, ...) */
    TS_MAP_COMPLETED,   /* one word + "disease"/"syndrome" ("Parkinson") */
    TS_MAP_PHRASE       /* the longest, leftmost run of words that is a
                         * term ("Erectile Dysfunction Following Radical
                         * Prostatectomy" -> "Erectile Dysfunction") */
} ts_mesh_how;

/*
 * Loads the descriptor and term files. TS_ERR_IO when one cannot be read;
 * TS_ERR_DICT with file, line and byte column for a malformed line: bad
 * header, wrong number of columns, empty field, lines out of order or
 * repeated, a tree number with a bad character or no parent, a
 * descriptor labelled two ways, invalid UTF-8 in a label, a key that is
 * not lower-case words joined by single spaces, or a key naming an
 * unknown descriptor.
 */
ts_status mesh_load(const char *descriptors, const char *terms,
                    ts_mesh **out, ts_error *err);
void mesh_free(ts_mesh *m);

/* The two files loaded and their SHA-256 (64 hex digits), for the run
 * manifest; views valid until mesh_free(). */
size_t mesh_nsources(const ts_mesh *m);
const char *mesh_source_path(const ts_mesh *m, size_t i);
const char *mesh_source_sha256(const ts_mesh *m, size_t i);

size_t mesh_ndescriptors(const ts_mesh *m);
size_t mesh_nterms(const ts_mesh *m);   /* distinct keys */

/* A descriptor's id in the file ("D009103", or a tree number for the
 * top-level nodes the generator adds) and its label; views valid until
 * mesh_free(). */
const char *mesh_desc_ui(const ts_mesh *m, size_t d);
const char *mesh_desc_label(const ts_mesh *m, size_t d);
/* The nodes (tree numbers) of descriptor d: *n ids, a view. */
const size_t *mesh_desc_nodes(const ts_mesh *m, size_t d, size_t *n);

/* The descriptor with MeSH id ui[0..len), as registries write it: both
 * "D007938" and the zero-padded "D000007938" are found. TS_MESH_NONE if
 * not in the table. */
size_t mesh_find_ui(const ts_mesh *m, const char *ui, size_t len);

size_t mesh_nnodes(const ts_mesh *m);
/* Nodes are numbered in tree-number order, so a node's descendants follow
 * it. A node's parent (TS_MESH_NONE for a root), descriptor, tree number
 * (a view valid until mesh_free()) and depth (1 for a root). */
size_t mesh_node_parent(const ts_mesh *m, size_t node);
size_t mesh_node_desc(const ts_mesh *m, size_t node);
const char *mesh_node_tree(const ts_mesh *m, size_t node);
unsigned mesh_node_depth(const ts_mesh *m, size_t node);
/* The node of tree number tree[0..len), or TS_MESH_NONE. */
size_t mesh_find_node(const ts_mesh *m, const char *tree, size_t len);

/*
 * The key under which a text is indexed: its words, lower-cased, with
 * Latin accents folded, possessives ("Alzheimer's") and the joining words
 * of, the, in, and, or, for, to, with, by, on, at, from dropped, letters
 * and digits split ("Type2" -> "type 2"), plural words made singular,
 * British spellings made American (tumour, haem-, oedema, -rrhoea), then
 * sorted and de-duplicated and joined with single spaces, so word order
 * does not matter ("Lymphoma, Large B-Cell, Diffuse" and "Diffuse large
 * B cell lymphomas" have the same key). key is reset first; it is empty
 * when the text has no letter or digit.
 */
void mesh_key(const char *text, size_t len, ts_strbuf *key);

/*
 * The descriptor of one condition text[0..len), or TS_MESH_NONE. Tries,
 * in order: the whole text; without its parenthesised part; the part in
 * parentheses; without qualifier words (stage and grade with their
 * numbers, advanced, metastatic, recurrent, relapsed, refractory,
 * unresectable, newly diagnosed, mild, moderate, severe, adult,
 * pediatric, patients, ...); one remaining word with "disease" or
 * "syndrome" added; and runs of up to 8 words among the first 16, longest
 * first and leftmost first (a single word only if it is not generic like
 * "disease" and has four letters or more, or was written in capitals like
 * "MS"). *how (may be NULL) says which step matched. Only the first 48
 * words of a text count, here and in mesh_key().
 */
size_t mesh_map(const ts_mesh *m, const char *text, size_t len,
                ts_mesh_how *how);

#endif
