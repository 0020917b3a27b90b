/*
 * palette.c - colours by category (report stage).
 */
#include "report/palette.h"

#include "analyze/dict.h"
#include "analyze/normalize.h"

unsigned palette_status_group(size_t g)
{
    static const unsigned rgb[TS_GRP_COUNT] = {
        TS_RGB_GREEN,      TS_RGB_SKY,        TS_RGB_BLUE,
        TS_RGB_DARK_GREY,  TS_RGB_VERMILLION, TS_RGB_PURPLE,
        TS_RGB_ORANGE,     TS_RGB_LIGHT_GREY, TS_RGB_YELLOW,
        TS_RGB_PALE_GREY,  TS_RGB_PALE_GREY,
    };

    return g < TS_GRP_COUNT ? rgb[g] : TS_RGB_PALE_GREY;
}

unsigned palette_phase(size_t p)
{
    static const unsigned rgb[TS_PHASE_COUNT] = {
        0x440154u, 0x443983u,        0x31688Eu,        0x21918Cu, 0x35B779u,
        0x90D743u, 0xFDE725u,        TS_RGB_LIGHT_GREY, TS_RGB_PALE_GREY,
        TS_RGB_PALE_GREY,
    };

    return p < TS_PHASE_COUNT ? rgb[p] : TS_RGB_PALE_GREY;
}

unsigned palette_modality(size_t m)
{
    static const unsigned rgb[TS_MOD_COUNT] = {
        TS_RGB_BLUE,   TS_RGB_ORANGE, TS_RGB_GREEN, TS_RGB_VERMILLION,
        TS_RGB_PURPLE, TS_RGB_SKY,    TS_RGB_YELLOW, TS_RGB_GREY,
        TS_RGB_PALE_GREY, TS_RGB_BLACK,
    };

    return m < TS_MOD_COUNT ? rgb[m] : TS_RGB_GREY;
}
