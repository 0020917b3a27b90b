/*
 * palette.h - the colours of figures and workbook charts (report stage):
 * the Okabe-Ito palette, distinct under the common colour-vision
 * deficiencies, for categories; viridis, an ordinal scale readable in
 * grey, for phases; greys for what is not reported.
 */
#ifndef TS_REPORT_PALETTE_H
#define TS_REPORT_PALETTE_H

#include <stddef.h>

#define TS_RGB_BLUE 0x0072B2u       /* bars of one colour */
#define TS_RGB_ORANGE 0xE69F00u
#define TS_RGB_SKY 0x56B4E9u
#define TS_RGB_GREEN 0x009E73u
#define TS_RGB_YELLOW 0xF0E442u
#define TS_RGB_VERMILLION 0xD55E00u
#define TS_RGB_PURPLE 0xCC79A7u
#define TS_RGB_BLACK 0x000000u
#define TS_RGB_DARK_GREY 0x666666u
#define TS_RGB_GREY 0x999999u
#define TS_RGB_LIGHT_GREY 0xC8C8C8u
#define TS_RGB_PALE_GREY 0xE0E0E0u

/* A status group (ts_status_group): open green, planned sky blue, closed
 * blue, completed dark grey, stopped ones warm, unknown light grey. */
unsigned palette_status_group(size_t group);
/* A phase (ts_phase), early to late. */
unsigned palette_phase(size_t phase);
/* A modality (ts_modality). */
unsigned palette_modality(size_t modality);

#endif
