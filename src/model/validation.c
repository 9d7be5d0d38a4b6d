/*
 * validation.c -- scores of a back-test over many issues (the DEU III
 * benchmark and any scenario with enough outcomes): mean and median
 * absolute error on a 0-100 scale, the share of hits, each model against
 * the compromise model ("mean") and the reference point ("status_quo"),
 * by issue tag, with 95% bootstrap intervals that resample periods.
 *
 * It consumes the back-test's rows only.  A resample draws as many periods
 * as there are, with replacement, from the counter-based generator keyed
 * by (seed, resample index), so the intervals are the same on every run.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "entente/ensemble.h"
#include "entente/validation.h"
#include "util/protect.h"

/* One back-test row, scored. */
typedef struct vrow {
    int model, cluster, binary;
    double err; /* |forecast - observed| x 100 / scale width */
    int hit;
} vrow;

typedef struct vctx {
    const ent_scenario *sc;
    const ent_backtest *b;
    vrow *rows;     /* [b->n_rows] */
    int n_clusters; /* periods with rows */
    int resamples;
    double *weights; /* [resamples * n_clusters]: times each period drawn */
} vctx;

/* A statistic of a selection of rows under cluster weights w. */
typedef double (*vstat)(const vctx *c, const int *sel, int n, const double *w);

/* ---- which issues are binary -------------------------------------------- */

static int at_end(const ent_issue *is, double v)
{
    return v == is->min || v == is->max;
}

/* flags[p * n_issues + k]: 1 if every position of period p on issue k is
   at an end of the scale, 0 if not (or no positions). */
static unsigned char *binary_flags(const ent_scenario *sc)
{
    size_t cells = (size_t)sc->periods.count * (size_t)sc->n_issues;
    unsigned char *seen = ent_xcalloc(cells, 1), *flag = ent_xcalloc(cells, 1);

    for (int i = 0; i < sc->n_positions; i++) {
        const ent_position *p = &sc->positions[i];
        size_t c = (size_t)p->period * (size_t)sc->n_issues + (size_t)p->issue;

        if (!seen[c])
            flag[c] = 1;
        seen[c] = 1;
        flag[c] = flag[c] && at_end(&sc->issues[p->issue], p->position);
    }
    free(seen);
    return flag;
}

/* ---- scoring rows ------------------------------------------------------- */

static int model_index(const ent_backtest *b, const char *name)
{
    for (int m = 0; m < b->n_models; m++)
        if (strcmp(b->models[m], name) == 0)
            return m;
    return -1;
}

static void score_rows(vctx *c, int *cluster_of_period)
{
    const ent_scenario *sc = c->sc;
    unsigned char *flag = binary_flags(sc);

    for (int r = 0; r < c->b->n_rows; r++) {
        const ent_backtest_row *row = &c->b->rows[r];
        const ent_issue *is = &sc->issues[row->issue];
        double width = is->max - is->min, mid = (is->min + is->max) / 2;
        vrow *v = &c->rows[r];

        if (cluster_of_period[row->period] < 0)
            cluster_of_period[row->period] = c->n_clusters++;
        v->model = model_index(c->b, row->model);
        v->cluster = cluster_of_period[row->period];
        v->binary = flag[(size_t)row->period * (size_t)sc->n_issues +
                         (size_t)row->issue] &&
                    at_end(is, row->observed);
        v->err = fabs(row->forecast - row->observed) * 100 / width;
        v->hit = v->binary ? (row->forecast - mid) * (row->observed - mid) > 0
                           : v->err <= 10 + 1e-9;
    }
    free(flag);
}

/* ---- statistics under cluster weights ----------------------------------- */

static double stat_mae(const vctx *c, const int *sel, int n, const double *w)
{
    double num = 0, den = 0;

    for (int i = 0; i < n; i++) {
        const vrow *v = &c->rows[sel[i]];

        num += w[v->cluster] * v->err;
        den += w[v->cluster];
    }
    return den > 0 ? num / den : NAN;
}

static double stat_hits(const vctx *c, const int *sel, int n, const double *w)
{
    double num = 0, den = 0;

    for (int i = 0; i < n; i++) {
        const vrow *v = &c->rows[sel[i]];

        num += w[v->cluster] * v->hit;
        den += w[v->cluster];
    }
    return den > 0 ? num / den : NAN;
}

/* sel holds n pairs (model row, baseline row) of the same period and
   issue: the weighted mean of the error differences. */
static double stat_diff(const vctx *c, const int *sel, int n, const double *w)
{
    double num = 0, den = 0;

    for (int i = 0; i < n; i++) {
        const size_t k = 2 * (size_t)i;
        const vrow *a = &c->rows[sel[k]], *z = &c->rows[sel[k + 1]];

        num += w[a->cluster] * (a->err - z->err);
        den += w[a->cluster];
    }
    return den > 0 ? num / den : NAN;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;

    return (x > y) - (x < y);
}

/* The 95% percentile interval of a statistic over the resamples. */
static void interval(const vctx *c, vstat f, const int *sel, int n, double *lo,
                     double *hi)
{
    double *v = ent_xcalloc((size_t)c->resamples + 1, sizeof(double));
    int k = 0;

    for (int s = 0; s < c->resamples; s++) {
        double x = f(c, sel, n, c->weights + (size_t)s * (size_t)c->n_clusters);

        if (isfinite(x))
            v[k++] = x;
    }
    *lo = *hi = NAN;
    if (k > 0) {
        qsort(v, (size_t)k, sizeof *v, cmp_double);
        *lo = v[(int)floor(0.025 * (k - 1) + 0.5)];
        *hi = v[(int)floor(0.975 * (k - 1) + 0.5)];
    }
    free(v);
}

static double median_error(const vctx *c, const int *sel, int n)
{
    double *e, med;

    if (n == 0)
        return NAN;
    e = ent_xcalloc((size_t)n, sizeof(double));
    for (int i = 0; i < n; i++)
        e[i] = c->rows[sel[i]].err;
    qsort(e, (size_t)n, sizeof *e, cmp_double);
    med = n % 2 ? e[n / 2] : (e[n / 2 - 1] + e[n / 2]) / 2;
    free(e);
    return med;
}

static void score(const vctx *c, const int *sel, int n, const double *ones,
                  ent_score *s)
{
    s->n = n;
    s->mae = stat_mae(c, sel, n, ones);
    s->hits = stat_hits(c, sel, n, ones);
    s->median_ae = median_error(c, sel, n);
    interval(c, stat_mae, sel, n, &s->mae_lo, &s->mae_hi);
    interval(c, stat_hits, sel, n, &s->hits_lo, &s->hits_hi);
}

/* ---- selections --------------------------------------------------------- */

/* The rows of model m that pass keep(row) (NULL: all); returns the count. */
static int select_model(const vctx *c, int m, const int *keep, int *sel)
{
    int n = 0;

    for (int r = 0; r < c->b->n_rows; r++)
        if (c->rows[r].model == m && (!keep || keep[r]))
            sel[n++] = r;
    return n;
}

static void paired(const vctx *c, int m, int base, const double *ones,
                   ent_paired *p)
{
    const ent_backtest *b = c->b;
    int *sel = ent_xcalloc(2 * (size_t)b->n_rows + 1, sizeof(int)), n = 0;

    p->n = 0;
    p->diff = p->lo = p->hi = NAN;
    if (base >= 0 && base != m) {
        for (int r = 0; r < b->n_rows; r++) {
            if (c->rows[r].model != m)
                continue;
            for (int q = 0; q < b->n_rows; q++)
                if (c->rows[q].model == base &&
                    b->rows[q].period == b->rows[r].period &&
                    b->rows[q].target == b->rows[r].target &&
                    b->rows[q].issue == b->rows[r].issue) {
                    sel[2 * (size_t)n] = r;
                    sel[2 * (size_t)n + 1] = q;
                    n++;
                    break;
                }
        }
        p->n = n;
        p->diff = stat_diff(c, sel, n, ones);
        interval(c, stat_diff, sel, n, &p->lo, &p->hi);
    }
    free(sel);
}

/* ---- groups by tag ------------------------------------------------------ */

/* The value of tag `key` on the issue, or NULL. */
static const char *tag_value(const ent_issue *is, const char *key)
{
    size_t len = strlen(key);

    for (int i = 0; i < is->tags.count; i++)
        if (strncmp(is->tags.items[i], key, len) == 0 &&
            is->tags.items[i][len] == '=')
            return is->tags.items[i] + len + 1;
    return NULL;
}

static int has_group(const ent_validation *v, const char *key,
                     const char *value)
{
    for (int g = 0; g < v->n_groups; g++)
        if (strcmp(v->groups[g].key, key) == 0 &&
            strcmp(v->groups[g].value, value) == 0)
            return 1;
    return 0;
}

static void add_group(ent_validation *v, const char *key, const char *value)
{
    ent_group_score *g;

    if (has_group(v, key, value))
        return;
    v->groups =
        ent_xrealloc(v->groups, sizeof *v->groups * (size_t)(v->n_groups + 1));
    g = &v->groups[v->n_groups++];
    g->key = ent_xstrdup(key);
    g->value = ent_xstrdup(value);
    g->scores = ent_xcalloc((size_t)v->n_models, sizeof *g->scores);
}

/* Every key=value of the scored issues, then the pseudo-tag "scale"
   (binary or graded). */
static void collect_groups(const vctx *c, ent_validation *v)
{
    for (int r = 0; r < c->b->n_rows; r++) {
        const ent_issue *is = &c->sc->issues[c->b->rows[r].issue];

        for (int t = 0; t < is->tags.count; t++) {
            const char *item = is->tags.items[t], *eq = strchr(item, '=');
            char key[64];

            if (!eq || (size_t)(eq - item) >= sizeof key)
                continue;
            memcpy(key, item, (size_t)(eq - item));
            key[eq - item] = '\0';
            add_group(v, key, eq + 1);
        }
    }
    add_group(v, "scale", "binary");
    add_group(v, "scale", "graded");
}

static int in_group(const vctx *c, const ent_group_score *g, int r)
{
    const ent_issue *is = &c->sc->issues[c->b->rows[r].issue];
    const char *val;

    if (strcmp(g->key, "scale") == 0)
        return strcmp(g->value, c->rows[r].binary ? "binary" : "graded") == 0;
    val = tag_value(is, g->key);
    return val && strcmp(val, g->value) == 0;
}

static void score_groups(const vctx *c, ent_validation *v, const double *ones)
{
    int *keep = ent_xcalloc((size_t)c->b->n_rows + 1, sizeof(int));
    int *sel = ent_xcalloc((size_t)c->b->n_rows + 1, sizeof(int));

    for (int g = 0; g < v->n_groups; g++) {
        for (int r = 0; r < c->b->n_rows; r++)
            keep[r] = in_group(c, &v->groups[g], r);
        for (int m = 0; m < v->n_models; m++) {
            int n = select_model(c, m, keep, sel);

            score(c, sel, n, ones, &v->groups[g].scores[m]);
        }
    }
    free(keep);
    free(sel);
}

/* ---- driver ------------------------------------------------------------- */

static void draw_weights(vctx *c, uint64_t seed)
{
    c->weights = ent_xcalloc((size_t)c->resamples * (size_t)c->n_clusters + 1,
                             sizeof(double));
    for (int s = 0; s < c->resamples; s++) {
        ent_rng rng;
        double *w = c->weights + (size_t)s * (size_t)c->n_clusters;

        ent_rng_init(&rng, seed, (uint64_t)s);
        for (int i = 0; i < c->n_clusters; i++) {
            int k = (int)(ent_rng_uniform(&rng) * c->n_clusters);

            w[k < c->n_clusters ? k : c->n_clusters - 1] += 1;
        }
    }
}

static int count_scored(const vctx *c, int *n_binary)
{
    int n = 0;

    *n_binary = 0;
    for (int r = 0; r < c->b->n_rows; r++) {
        int first = 1;

        for (int q = 0; q < r && first; q++)
            first = !(c->b->rows[q].period == c->b->rows[r].period &&
                      c->b->rows[q].target == c->b->rows[r].target &&
                      c->b->rows[q].issue == c->b->rows[r].issue);
        n += first;
        *n_binary += first && c->rows[r].binary;
    }
    return n;
}

static int validate_body(const ent_scenario *sc, const ent_backtest *b,
                         int resamples, uint64_t seed, ent_validation **out,
                         ent_error *err)
{
    vctx c = {sc, b, NULL, 0, resamples, NULL};
    ent_validation *v;
    int *cluster = ent_xcalloc((size_t)sc->periods.count + 1, sizeof(int));
    int *sel = ent_xcalloc((size_t)b->n_rows + 1, sizeof(int));
    double *ones;

    *out = NULL;
    if (resamples < 1) {
        free(cluster);
        free(sel);
        return ent_fail(err, ENT_EXIT_INPUT,
                        "validation: resamples must be at least 1, got %d",
                        resamples);
    }
    for (int p = 0; p < sc->periods.count; p++)
        cluster[p] = -1;
    c.rows = ent_xcalloc((size_t)b->n_rows + 1, sizeof *c.rows);
    score_rows(&c, cluster);
    draw_weights(&c, seed);
    ones = ent_xcalloc((size_t)c.n_clusters + 1, sizeof(double));
    for (int i = 0; i < c.n_clusters; i++)
        ones[i] = 1;
    v = ent_xcalloc(1, sizeof *v);
    v->n_models = b->n_models;
    v->models = (const char **)b->models;
    v->compromise = model_index(b, "mean");
    v->reference = model_index(b, "status_quo");
    v->resamples = resamples;
    v->seed = seed;
    v->overall = ent_xcalloc((size_t)v->n_models + 1, sizeof *v->overall);
    v->vs_compromise = ent_xcalloc((size_t)v->n_models + 1, sizeof(ent_paired));
    v->vs_reference = ent_xcalloc((size_t)v->n_models + 1, sizeof(ent_paired));
    for (int m = 0; m < v->n_models; m++) {
        score(&c, sel, select_model(&c, m, NULL, sel), ones, &v->overall[m]);
        paired(&c, m, v->compromise, ones, &v->vs_compromise[m]);
        paired(&c, m, v->reference, ones, &v->vs_reference[m]);
    }
    v->n_scored = count_scored(&c, &v->n_binary);
    collect_groups(&c, v);
    score_groups(&c, v, ones);
    free(ones);
    free(c.weights);
    free(c.rows);
    free(cluster);
    free(sel);
    *out = v;
    return 0;
}

int ent_validate(const ent_scenario *sc, const ent_backtest *b, int resamples,
                 uint64_t seed, ent_validation **out, ent_error *err)
{
    ENT_PROTECTED(int, (*out = NULL, -1), err,
                  validate_body(sc, b, resamples, seed, out, err));
}

void ent_validation_free(ent_validation *v)
{
    if (!v)
        return;
    for (int g = 0; g < v->n_groups; g++) {
        free(v->groups[g].key);
        free(v->groups[g].value);
        free(v->groups[g].scores);
    }
    free(v->groups);
    free(v->overall);
    free(v->vs_compromise);
    free(v->vs_reference);
    free(v);
}
