/*
 * validation.c -- the back-test's validation scores as text tables
 * (docs/validation.md): per model, then per issue tag.
 */
#include <math.h>
#include <stdio.h>

#include "cli/cli.h"
#include "entente/validation.h"

/* "23.1 [21.1, 25.1]" or "-". */
static const char *with_ci(char *buf, size_t size, double v, double lo,
                           double hi, double scale)
{
    if (!isfinite(v))
        snprintf(buf, size, "-");
    else if (!isfinite(lo))
        snprintf(buf, size, "%.1f", v * scale);
    else
        snprintf(buf, size, "%.1f [%.1f, %.1f]", v * scale, lo * scale,
                 hi * scale);
    return buf;
}

static void overall_table(FILE *out, const ent_validation *v, int bold)
{
    ent_table *t = ent_table_new(7);
    const char *heads[7] = {
        "model",           "issues",        "MAE [95% CI]",      "median AE",
        "% hits [95% CI]", "vs compromise", "vs reference point"};

    for (int c = 0; c < 7; c++)
        ent_table_column(t, c, heads[c], c ? 'r' : 'l');
    for (int m = 0; m < v->n_models; m++) {
        const ent_score *s = &v->overall[m];
        const ent_paired *pc = &v->vs_compromise[m], *pr = &v->vs_reference[m];
        char a[64], b[64], c[64], d[64];

        ent_table_rowf(
            t, "%s\t%d\t%s\t%.1f\t%s\t%s\t%s", v->models[m], s->n,
            with_ci(a, sizeof a, s->mae, s->mae_lo, s->mae_hi, 1), s->median_ae,
            with_ci(b, sizeof b, s->hits, s->hits_lo, s->hits_hi, 100),
            with_ci(c, sizeof c, pc->diff, pc->lo, pc->hi, 1),
            with_ci(d, sizeof d, pr->diff, pr->lo, pr->hi, 1));
    }
    ent_table_print(t, out, bold);
    ent_table_free(t);
}

static void groups_table(FILE *out, const ent_validation *v, int bold)
{
    ent_table *t = ent_table_new(2 + v->n_models);

    ent_table_column(t, 0, "tag", 'l');
    ent_table_column(t, 1, "issues", 'r');
    for (int m = 0; m < v->n_models; m++)
        ent_table_column(t, 2 + m, v->models[m], 'r');
    for (int g = 0; g < v->n_groups; g++) {
        const char *cells[2 + 16];
        char label[128], n[16], mae[16][32];
        int cols = v->n_models < 16 ? v->n_models : 16, any = 0;

        for (int m = 0; m < v->n_models; m++)
            any += v->groups[g].scores[m].n;
        if (!any)
            continue;

        snprintf(label, sizeof label, "%s=%s", v->groups[g].key,
                 v->groups[g].value);
        snprintf(n, sizeof n, "%d", v->groups[g].scores[0].n);
        cells[0] = label;
        cells[1] = n;
        for (int m = 0; m < cols; m++) {
            const ent_score *s = &v->groups[g].scores[m];

            cells[2 + m] = with_ci(mae[m], sizeof mae[m], s->mae, NAN, NAN, 1);
        }
        ent_table_row(t, cells, 2 + cols);
    }
    ent_table_print(t, out, bold);
    ent_table_free(t);
}

void cli_print_validation(FILE *out, const ent_validation *v, int bold)
{
    if (!v || v->n_models == 0)
        return;
    fprintf(out,
            "\nScores over %d issues (%d binary), errors on a 0-100 scale; "
            "95%% intervals\nfrom %d bootstrap resamples of the periods "
            "(seed %llu):\n\n",
            v->n_scored, v->n_binary, v->resamples,
            (unsigned long long)v->seed);
    overall_table(out, v, bold);
    fputs("\nhits = within 10 points, or on a binary issue the observed side "
          "of the\nmidpoint; vs = MAE difference on the issues both scored "
          "(< 0: better).\n\nMAE by issue tag:\n\n",
          out);
    groups_table(out, v, bold);
}
