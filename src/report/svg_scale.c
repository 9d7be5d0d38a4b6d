/*
 * svg_scale.c -- linear scales and "nice" tick values for the report's
 * charts.
 */
#include <math.h>

#include "report/svg.h"

svg_scale svg_scale_make(double lo, double hi, double r0, double r1)
{
    svg_scale s;

    if (!isfinite(lo) || !isfinite(hi)) {
        lo = 0;
        hi = 1;
    }
    if (hi - lo < 1e-12) {
        double pad = fabs(lo) > 1 ? fabs(lo) * 0.1 : 1;

        lo -= pad;
        hi += pad;
    }
    s.d0 = lo;
    s.d1 = hi;
    s.r0 = r0;
    s.r1 = r1;
    return s;
}

double svg_map(const svg_scale *s, double v)
{
    return s->r0 + (v - s->d0) / (s->d1 - s->d0) * (s->r1 - s->r0);
}

static double nice_step(double span, int target, double min_step)
{
    double raw = span / (target > 1 ? target : 1);
    double mag = pow(10, floor(log10(raw)));
    double frac = raw / mag, step;

    if (frac < 1.5)
        step = mag;
    else if (frac < 3.5)
        step = 2 * mag;
    else if (frac < 7.5)
        step = 5 * mag;
    else
        step = 10 * mag;
    return step < min_step ? min_step : step;
}

int svg_ticks(double lo, double hi, int target, double min_step, double *ticks,
              int max)
{
    double step, first;
    int n = 0;

    if (!isfinite(lo) || !isfinite(hi) || hi <= lo || max <= 0)
        return 0;
    step = nice_step(hi - lo, target, min_step);
    first = ceil(lo / step - 1e-9) * step;
    for (int i = 0; n < max; i++) {
        double t = first + i * step;

        if (t > hi + step * 1e-9)
            break;
        ticks[n++] = fabs(t) < step * 1e-9 ? 0 : t;
    }
    return n;
}

int svg_tick_decimals(const double *ticks, int n)
{
    double step = n > 1 ? ticks[1] - ticks[0] : 1;
    int d = 0;

    while (d < 4 && fabs(step * pow(10, d) - round(step * pow(10, d))) > 1e-6)
        d++;
    return d;
}
