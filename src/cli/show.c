/*
 * show.c -- `entente show`: a scenario's issues, actors and one period's
 * positions.
 */
#include <stdio.h>

#include "cli/listing.h"

static const char usage[] =
    "usage: entente show SCENARIO [--period P] [--format table|csv] [-o FILE]\n\n"
    "Prints the scenario's issues (scale and labelled anchors), its actors, and\n"
    "each actor's position, salience (0-100) and capability on each issue in\n"
    "the period (default: the scenario's default period), with the uncertainty\n"
    "and sources.  --format csv prints the positions only.\n";

static void print_issues(FILE *out, const ent_scenario *sc, int bold)
{
    ent_table *t = ent_table_new(4);

    ent_table_column(t, 0, "issue", 'l');
    ent_table_column(t, 1, "name", 'l');
    ent_table_column(t, 2, "scale", 'l');
    ent_table_column(t, 3, "anchors", 'l');
    for (int k = 0; k < sc->n_issues; k++) {
        const ent_issue *is = &sc->issues[k];
        char scale[64], anchors[2048];
        size_t used = 0;

        snprintf(scale, sizeof scale, "%g-%g", is->min, is->max);
        anchors[0] = '\0';
        for (int i = 0; i < is->n_anchors && used < sizeof anchors; i++)
            used += (size_t)snprintf(
                anchors + used, sizeof anchors - used, "%s%g=%s", i ? "; " : "",
                is->anchors[i].value, is->anchors[i].label);
        ent_table_rowf(t, "%s\t%s\t%s\t%s", is->id, is->name, scale, anchors);
    }
    ent_table_max_width(t, 3, 90);
    ent_table_print(t, out, bold);
    ent_table_free(t);
}

static void print_actors(FILE *out, const ent_scenario *sc, int bold)
{
    ent_table *t = ent_table_new(4);

    ent_table_column(t, 0, "actor", 'l');
    ent_table_column(t, 1, "name", 'l');
    ent_table_column(t, 2, "group", 'l');
    ent_table_column(t, 3, "description", 'l');
    ent_table_max_width(t, 3, 70);
    for (int a = 0; a < sc->n_actors; a++)
        ent_table_rowf(
            t, "%s\t%s\t%s\t%s", sc->actors[a].id, sc->actors[a].name,
            sc->actors[a].group ? sc->actors[a].group : "",
            sc->actors[a].description ? sc->actors[a].description : "");
    ent_table_print(t, out, bold);
    ent_table_free(t);
}

static ent_table *positions_table(const ent_scenario *sc, int period)
{
    ent_table *t = ent_table_new(8);
    const char *heads[8] = {"issue",    "actor",      "position", "+-",
                            "salience", "capability", "sources",  "rationale"};

    for (int c = 0; c < 8; c++)
        ent_table_column(t, c, heads[c], c >= 2 && c <= 5 ? 'r' : 'l');
    for (int k = 0; k < sc->n_issues; k++)
        for (int r = 0; r < sc->n_positions; r++) {
            const ent_position *p = &sc->positions[r];
            char sources[256];
            size_t used = 0;

            if (p->period != period || p->issue != k)
                continue;
            sources[0] = '\0';
            for (int s = 0; s < p->sources.count && used < sizeof sources; s++)
                used += (size_t)snprintf(sources + used, sizeof sources - used,
                                         "%s%s", s ? ", " : "",
                                         p->sources.items[s]);
            ent_table_rowf(t, "%s\t%s\t%.1f\t%.1f\t%.0f\t%.1f\t%s\t%s",
                           sc->issues[k].id, sc->actors[p->actor].id,
                           p->position, p->position_unc, 100 * p->salience,
                           p->capability, sources,
                           p->rationale ? p->rationale : "");
        }
    return t;
}

int cmd_show(int argc, char **argv)
{
    list_args a;
    ent_scenario *sc;
    ent_table *t;
    int rc = list_parse(argc, argv, "show", LIST_PERIOD, usage, &a), period;
    cli_output o;

    if (rc != ENT_EXIT_OK || a.help)
        return rc;
    if ((rc = cli_open_scenario(a.source, &sc)) != 0)
        return rc;
    if ((period = cli_pick_period(sc, a.period)) < 0) {
        ent_scenario_free(sc);
        return ENT_EXIT_INPUT;
    }
    t = positions_table(sc, period);
    if (a.format == CLI_CSV) {
        rc = list_emit(&a, t, NULL);
        ent_scenario_free(sc);
        return rc;
    }
    if ((rc = cli_output_open(&o, a.output)) == 0) {
        int bold = cli_color(o.f);

        cli_put_text(o.f, sc->title ? sc->title : sc->name);
        fputc('\n', o.f);
        cli_put_text(o.f, sc->description ? sc->description : "");
        fputs("\n\nperiods:", o.f);
        for (int i = 0; i < sc->periods.count; i++) {
            fputc(' ', o.f);
            cli_put_text(o.f, sc->periods.items[i]);
            fputs(i == sc->default_period ? " (default)" : "", o.f);
        }
        fputs("\n\nIssues\n", o.f);
        print_issues(o.f, sc, bold);
        fputs("\nActors\n", o.f);
        print_actors(o.f, sc, bold);
        fprintf(o.f, "\nPositions, period %s\n", sc->periods.items[period]);
        ent_table_max_width(t, 7, 60);
        ent_table_print(t, o.f, bold);
        rc = cli_output_close(&o, 1);
    }
    ent_table_free(t);
    ent_scenario_free(sc);
    return rc;
}
