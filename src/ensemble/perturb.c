/*
 * perturb.c -- one Monte Carlo draw of a problem's inputs.
 *
 * Each present cell's position, salience and capability moves by a
 * uniform draw within +- its declared uncertainty (the declared range is a
 * bound, and uniform is the least-informative distribution on it), then is
 * clamped: positions to the issue scale, salience to 0..1, capability to
 * >= 0.  Where a cell declares no uncertainty, the global noise fills in:
 * noise x scale width for positions, noise x value for salience and
 * capability.  See docs/ensemble.md.
 */
#include "entente/ensemble.h"

static double clamp(double v, double lo, double hi)
{
    return v < lo ? lo : v > hi ? hi : v;
}

/* base + a uniform draw in (-unc, +unc). */
static double jitter(double base, double unc, double u)
{
    return unc > 0 ? base + (2.0 * u - 1.0) * unc : base;
}

static double fill(double declared, double fallback)
{
    return declared > 0 ? declared : fallback;
}

void ent_perturb(const ent_problem *base, double noise, ent_rng *rng,
                 ent_problem *out)
{
    for (int a = 0; a < base->n_actors; a++) {
        for (int k = 0; k < base->n_issues; k++) {
            int c = ent_cell(base, a, k);
            double lo = base->scale_min[k], hi = base->scale_max[k];
            double u_pos = ent_rng_uniform(rng);
            double u_sal = ent_rng_uniform(rng);
            double u_cap = ent_rng_uniform(rng);
            double pu, su, cu;

            if (!base->present[c])
                continue;
            pu = fill(base->position_unc[c], noise * (hi - lo));
            su = fill(base->salience_unc[c], noise * base->salience[c]);
            cu = fill(base->capability_unc[c], noise * base->capability[c]);
            out->position[c] =
                clamp(jitter(base->position[c], pu, u_pos), lo, hi);
            out->salience[c] =
                clamp(jitter(base->salience[c], su, u_sal), 0.0, 1.0);
            out->capability[c] = jitter(base->capability[c], cu, u_cap);
            if (out->capability[c] < 0)
                out->capability[c] = 0;
        }
    }
}
