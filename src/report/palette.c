/*
 * palette.c -- colours, dash patterns and marker shapes of the report's
 * series.  Colours are Okabe & Ito's colour-blind-safe set (yellow left
 * out: it is unreadable on white); series beyond the six colours also
 * differ in dash pattern and marker, so every series stays distinct in
 * greyscale print too.
 */
#include <string.h>

#include "report/svg.h"

static const char *const colors[] = {
    "#0072B2", /* blue */
    "#D55E00", /* vermillion */
    "#009E73", /* bluish green */
    "#CC79A7", /* reddish purple */
    "#E69F00", /* orange */
    "#56B4E9", /* sky blue */
};
#define N_COLORS (int)(sizeof colors / sizeof colors[0])

static const char *const dashes[] = {"", "7 4", "2 3", "10 3 2 3"};
#define N_DASHES (int)(sizeof dashes / sizeof dashes[0])

svg_style svg_series_style(int i)
{
    svg_style s;

    if (i < 0)
        i = -i;
    s.color = colors[i % N_COLORS];
    s.dash = dashes[(i / N_COLORS) % N_DASHES];
    s.shape = (i + i / N_COLORS) % SVG_N_SHAPES;
    return s;
}

svg_style svg_highlight_style(int rank)
{
    svg_style s = svg_series_style(rank);

    s.dash = dashes[(rank < 0 ? -rank : rank) % N_DASHES];
    return s;
}

static const struct {
    const char *model;
    svg_style style;
} models[] = {
    {"eu", {"#0072B2", "", SVG_DIAMOND}},
    {"smp", {"#D55E00", "", SVG_SQUARE}},
    {"median", {"#009E73", "", SVG_TRIANGLE}},
    {"mean", {"#CC79A7", "", SVG_TRIANGLE_DOWN}},
    {"exchange", {"#E69F00", "", SVG_CIRCLE}},
    {"status_quo", {"#777777", "4 3", SVG_CIRCLE}},
    {"observed", {"#000000", "", SVG_CIRCLE}},
};
#define N_MODELS (int)(sizeof models / sizeof models[0])

svg_style svg_model_style(const char *model, int index)
{
    for (int i = 0; i < N_MODELS; i++)
        if (model && strcmp(model, models[i].model) == 0)
            return models[i].style;
    return svg_series_style(index);
}
