#include "palette_private.h"

#define HEX(v)                                                                                     \
    {                                                                                              \
        ((v) >> 16 & 0xff) / 255.0, ((v) >> 8 & 0xff) / 255.0, ((v)&0xff) / 255.0                  \
    }

static const kpi_rgb inks[KPI_INK_LAST] = {
    [KPI_INK_TITLE] = HEX(0x1a1a1a),   [KPI_INK_TEXT] = HEX(0x333333),
    [KPI_INK_MUTED] = HEX(0x5e5e5e),   [KPI_INK_GRID] = HEX(0xdedede),
    [KPI_INK_AXIS] = HEX(0x8c8c8c),    [KPI_INK_ZERO] = HEX(0x4d4d4d),
    [KPI_INK_GOOD] = HEX(0x0072b2),    [KPI_INK_BAD] = HEX(0xd55e00),
    [KPI_INK_NEUTRAL] = HEX(0x9a9a9a), [KPI_INK_TARGET] = HEX(0x333333),
    [KPI_INK_SPECIAL] = HEX(0xcc79a7),
};

/* Okabe-Ito without its yellow (#F0E442), which is unreadable as a thin
 * line on white; black closes the cycle. */
static const kpi_rgb series[] = {
    HEX(0x0072b2), HEX(0xd55e00), HEX(0x009e73), HEX(0xcc79a7),
    HEX(0xe69f00), HEX(0x56b4e9), HEX(0x000000), HEX(0x7f7f7f),
};

kpi_rgb
kpi_palette_ink(kpi_ink ink)
{
    return inks[ink < KPI_INK_LAST ? ink : KPI_INK_TEXT];
}

kpi_rgb
kpi_palette_series(size_t i)
{
    return series[i % (sizeof series / sizeof series[0])];
}

kpi_ink
kpi_palette_direction(int sign, kpi_better better)
{
    if (sign == 0 || better == KPI_BETTER_NONE)
        return KPI_INK_NEUTRAL;
    bool good = (sign > 0) == (better == KPI_BETTER_UP);
    return good ? KPI_INK_GOOD : KPI_INK_BAD;
}
