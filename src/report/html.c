/*
 * html.c -- the HTML report: one self-contained page (inline CSS and SVG,
 * no scripts, nothing loaded) with a header, the actors, a forecast
 * summary, one section per issue (scale, charts, inputs), the back-test
 * and an appendix of the cited sources.  Sections are written in page
 * order; the appendix comes last so that it lists exactly the sources the
 * page cites.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/html.h"
#include "util/protect.h"

/* ---- lookups ---- */

const ent_position *rpt_position(const ent_scenario *sc, int period, int actor,
                                 int issue)
{
    for (int i = 0; i < sc->n_positions; i++) {
        const ent_position *p = &sc->positions[i];

        if (p->period == period && p->actor == actor && p->issue == issue)
            return p;
    }
    return NULL;
}

const ent_outcome *rpt_outcome(const ent_scenario *sc, int period, int issue)
{
    for (int i = 0; i < sc->n_outcomes; i++)
        if (sc->outcomes[i].period == period && sc->outcomes[i].issue == issue)
            return &sc->outcomes[i];
    return NULL;
}

int rpt_iterative(const ent_forecast *f, int m)
{
    return f->engines[m]->default_rounds > 0;
}

const char *rpt_actor_name(const ent_scenario *sc, int actor)
{
    const ent_actor *a = &sc->actors[actor];

    return a->name && *a->name ? a->name : rpt_str(a->id);
}

const char *rpt_issue_name(const ent_scenario *sc, int issue)
{
    const ent_issue *is = &sc->issues[issue];

    return is->name && *is->name ? is->name : rpt_str(is->id);
}

/* Rounds model m ran (the longest of its traces), 0 for one-shot models. */
static int model_rounds(const ent_forecast *f, int m)
{
    int r = 0;

    for (int i = 0; i < f->n_traces[m]; i++)
        if (f->traces[m][i].n_rounds - 1 > r)
            r = f->traces[m][i].n_rounds - 1;
    return r;
}

/* ---- header ---- */

static void write_head(const rpt_ctx *c)
{
    FILE *out = c->out;
    const char *title =
        c->sc->title && *c->sc->title ? c->sc->title : rpt_str(c->sc->name);

    fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
          "<meta charset=\"utf-8\">\n"
          "<meta name=\"viewport\" content=\"width=device-width, "
          "initial-scale=1\">\n",
          out);
    fprintf(out, "<meta name=\"generator\" content=\"entente %s\">\n<title>",
            ENT_VERSION);
    ent_html_escape(out, title);
    fputs(" \xe2\x80\x94 entente report, period ", out);
    ent_html_escape(out, c->sc->periods.items[c->period]);
    fputs("</title>\n", out);
    rpt_style(out);
    fputs("</head>\n<body>\n<main>\n", out);
}

static void meta_models(const rpt_ctx *c)
{
    FILE *out = c->out;

    fputs("<dt>Models</dt><dd>", out);
    for (int m = 0; m < c->f->n_models; m++) {
        const ent_engine *e = c->f->engines[m];
        svg_style st = svg_model_style(e->name, m);

        if (m)
            fputs("<br>", out);
        rpt_swatch(out, st.color);
        fputs("<b>", out);
        ent_html_escape(out, e->name);
        fputs("</b>", out);
        if (e->summary && *e->summary) {
            fputs(" \xe2\x80\x94 ", out);
            ent_html_escape(out, e->summary);
        }
        if (rpt_iterative(c->f, m))
            fprintf(out, " (%d rounds)", model_rounds(c->f, m));
        if (m == 0)
            fputs(" <i>(headline forecast)</i>", out);
    }
    fputs("</dd>\n", out);
}

static void meta_params(const rpt_ctx *c)
{
    FILE *out = c->out;

    if (c->sc->n_params == 0)
        return;
    fputs("<dt>Scenario parameters</dt><dd>", out);
    for (int i = 0; i < c->sc->n_params; i++) {
        const ent_param *p = &c->sc->params[i];

        fputs(i ? ", <code>" : "<code>", out);
        if (p->engine) {
            ent_html_escape(out, p->engine);
            fputc('.', out);
        }
        ent_html_escape(out, p->name);
        fputc('=', out);
        ent_html_escape(out, p->value);
        fputs("</code>", out);
    }
    fputs("</dd>\n", out);
}

static void write_meta(const rpt_ctx *c)
{
    FILE *out = c->out;
    const ent_scenario *sc = c->sc;

    fputs("<dl class=\"meta\">\n<dt>Scenario</dt><dd><code>", out);
    ent_html_escape(out, sc->name);
    fputs("</code></dd>\n<dt>Period</dt><dd><b>", out);
    ent_html_escape(out, sc->periods.items[c->period]);
    fputs("</b>", out);
    if (sc->periods.count > 1) {
        fputs(" (periods coded:", out);
        for (int i = 0; i < sc->periods.count; i++) {
            fputc(' ', out);
            ent_html_escape(out, sc->periods.items[i]);
        }
        fputc(')', out);
    }
    fprintf(out,
            "</dd>\n<dt>Actors, issues</dt><dd>%d actors, %d issues</dd>\n",
            sc->n_actors, sc->n_issues);
    meta_models(c);
    meta_params(c);
    rpt_meta_whatif(c);
    if (c->opts->command && *c->opts->command) {
        fputs("<dt>Command</dt><dd><code>", out);
        ent_html_escape(out, c->opts->command);
        fputs("</code></dd>\n", out);
    }
    fprintf(out, "<dt>Made with</dt><dd>entente %s</dd>\n</dl>\n", ENT_VERSION);
}

static void write_howto(const rpt_ctx *c)
{
    FILE *out = c->out;

    fputs("<div class=\"howto\">\n<h2>How to read this report</h2>\n<ul>\n"
          "<li>Each issue is a scale whose <b>anchors</b> say what a number "
          "means (listed under \xe2\x80\x9cScale\xe2\x80\x9d and drawn as "
          "dashed lines); every position, forecast and outcome is a point on "
          "it.</li>\n"
          "<li><b>Positions by round</b> (iterative models): one line per "
          "actor, from its input position (round 0) through each round of "
          "bargaining; the thick black line is the model's outcome after "
          "each round. With many actors, the ones that moved most are "
          "coloured and the rest drawn in grey.</li>\n"
          "<li><b>Forecasts compared</b>: every model's final forecast on the "
          "scale, under the actors' inputs (dot area \xe2\x88\x9d capability "
          "\xc3\x97 salience). <code>mean</code> and <code>median</code> are "
          "one-shot baselines.</li>\n"
          "<li><b>Inputs</b>: each actor's position, salience (0\xe2\x80\x93"
          "100) and capability, with the ids of the sources they were coded "
          "from; each id links to the exact quote in the appendix.</li>\n",
          out);
    if (c->b)
        fputs("<li><b>Back-test</b>: each model run on an earlier period's "
              "inputs and compared with what was later observed; the "
              "status-quo baseline predicts no change, and a model earns its "
              "keep where its error is below the baseline's.</li>\n",
              out);
    fputs("<li>Hover a point or a line to see the actor, round and value; "
          "the same values are in the tables, and each input's rationale "
          "is printed under it. The page needs no network or script, reads "
          "on a phone and prints cleanly.</li>\n"
          "</ul>\n</div>\n",
          out);
}

static void write_toc(const rpt_ctx *c)
{
    FILE *out = c->out;

    fputs("<nav class=\"toc\"><b>Contents</b>\n<ol>\n"
          "<li><a href=\"#summary\">Forecast summary</a></li>\n"
          "<li><a href=\"#actors\">Actors</a></li>\n",
          out);
    for (int k = 0; k < c->sc->n_issues; k++) {
        fputs("<li><a href=\"#", out);
        rpt_id(out, "issue-", c->sc->issues[k].id);
        fputs("\">", out);
        ent_html_escape(out, rpt_issue_name(c->sc, k));
        fputs("</a></li>\n", out);
    }
    if (rpt_has_exchanges(c->f))
        fputs("<li><a href=\"#exchanges\">Exchanges between issues</a></li>\n",
              out);
    if (c->b)
        fputs("<li><a href=\"#backtest\">Back-test</a></li>\n", out);
    if (c->sc->n_contradictions > 0)
        fputs("<li><a href=\"#contradictions\">Where the documents "
              "disagree</a></li>\n",
              out);
    fputs("<li><a href=\"#sources\">Sources</a></li>\n</ol>\n</nav>\n", out);
}

static void write_header(const rpt_ctx *c)
{
    FILE *out = c->out;
    const ent_scenario *sc = c->sc;

    fputs("<header>\n<p class=\"kicker\">entente report</p>\n<h1>", out);
    ent_html_escape(out, sc->title && *sc->title ? sc->title : sc->name);
    fputs("</h1>\n", out);
    if (sc->description && *sc->description) {
        fputs("<p class=\"lede\">", out);
        ent_html_escape(out, sc->description);
        fputs("</p>\n", out);
    }
    write_meta(c);
    write_howto(c);
    write_toc(c);
    fputs("</header>\n", out);
}

/* ---- sections ---- */

static void write_summary(const rpt_ctx *c)
{
    fputs("<section id=\"summary\">\n<h2>Forecast summary</h2>\n"
          "<p class=\"desc\">",
          c->out);
    rpt_escapef(c->out,
                "Forecast = the forecast of %s, the first model, where its "
                "run settled to a fixed point or to a cycle at most a tenth "
                "of the scale wide, else that of the first model that did "
                "(in bold); nearest anchor = the closest labelled point of "
                "the issue scale. A cycle's forecast is its mean; a cell "
                "that shows a range settled in a wider cycle or did not "
                "settle within the round limit.",
                c->f->engines[0]->name);
    fputs("</p>\n", c->out);
    rpt_table_summary(c);
    fputs("</section>\n", c->out);
}

static void write_actors(const rpt_ctx *c)
{
    FILE *out = c->out;

    fputs(
        "<section id=\"actors\">\n<h2>Actors</h2>\n<table class=\"actors stack\">\n"
        "<thead><tr><th>actor</th><th>group</th><th>who</th><th>sources</th>"
        "</tr></thead>\n<tbody>\n",
        out);
    for (int a = 0; a < c->sc->n_actors; a++) {
        const ent_actor *ac = &c->sc->actors[a];

        fputs("<tr><td><b>", out);
        ent_html_escape(out, rpt_actor_name(c->sc, a));
        fputs("</b></td><td class=\"group\" data-label=\"group\">", out);
        ent_html_escape(out, ac->group);
        fputs("</td><td class=\"small\" data-label=\"who\">", out);
        ent_html_escape(out, ac->description);
        fputs("</td><td data-label=\"sources\">", out);
        rpt_source_links(c, &ac->sources);
        fputs("</td></tr>\n", out);
    }
    fputs("</tbody>\n</table>\n</section>\n", out);
}

static void write_scale(const rpt_ctx *c, const ent_issue *is)
{
    FILE *out = c->out;

    fprintf(out, "<h3>Scale</h3>\n<dl class=\"scale\">\n");
    if (is->n_anchors == 0)
        fprintf(out, "<dt>%g\xe2\x80\x93%g</dt><dd>no labelled anchors</dd>\n",
                is->min, is->max);
    for (int i = 0; i < is->n_anchors; i++) {
        fprintf(out, "<dt>%g</dt><dd>", is->anchors[i].value);
        ent_html_escape(out, is->anchors[i].label);
        fputs("</dd>\n", out);
    }
    fputs("</dl>\n", out);
}

static void write_headline(const rpt_ctx *c, int issue)
{
    FILE *out = c->out;
    int h = ent_forecast_headline(c->f, issue);
    double v = h < 0 ? NAN : ent_forecast_outcome(c->f, h, issue);
    const char *label =
        isfinite(v) ? ent_issue_anchor_label(&c->sc->issues[issue], v) : NULL;
    char buf[32];

    fputs("<p class=\"headline\">Forecast (<b>", out);
    ent_html_escape(out, c->f->engines[h < 0 ? 0 : h]->name);
    fprintf(out, "</b>): <span class=\"big\">%s</span>",
            rpt_num(buf, sizeof buf, v, 1));
    if (label) {
        fputs(" \xe2\x80\x94 nearest anchor: <i>", out);
        ent_html_escape(out, label);
        fputs("</i>", out);
    }
    if (!isfinite(v))
        fputs(" (the model did not run on this issue)", out);
    fputs("</p>\n", out);
}

/* Why the forecast lands where it does (entente explain), when the caller
   gave explanations; the sources it cites go to the appendix. */
static void write_explanation(const rpt_ctx *c, int k)
{
    const ent_explanation *e =
        c->opts->explanations ? c->opts->explanations[k] : NULL;

    if (!e)
        return;
    ent_explanation_html(c->out, e, c->sc);
    for (int i = 0; i < e->count; i++)
        for (int j = 0; j < e->items[i].sources.count; j++) {
            const ent_source *s =
                ent_scenario_source(c->sc, e->items[i].sources.items[j]);

            if (s)
                c->cited[s - c->sc->sources] = 1;
        }
}

static void write_issue(const rpt_ctx *c, int k)
{
    FILE *out = c->out;
    const ent_issue *is = &c->sc->issues[k];

    fputs("<section class=\"issue\" id=\"", out);
    rpt_id(out, "issue-", is->id);
    fputs("\">\n<h2>", out);
    ent_html_escape(out, rpt_issue_name(c->sc, k));
    fputs("</h2>\n", out);
    if (is->description && *is->description) {
        fputs("<p class=\"desc\">", out);
        ent_html_escape(out, is->description);
        fputs("</p>\n", out);
    }
    if (is->sources.count) {
        fputs("<p class=\"cite\">Sources: ", out);
        rpt_source_links(c, &is->sources);
        fputs("</p>\n", out);
    }
    write_headline(c, k);
    write_explanation(c, k);
    write_scale(c, is);
    for (int m = 0; m < c->f->n_models; m++)
        if (rpt_iterative(c->f, m))
            rpt_chart_rounds(c, m, k);
    rpt_chart_models(c, k);
    fputs("<h3>Inputs, period ", out);
    ent_html_escape(out, c->sc->periods.items[c->period]);
    fputs("</h3>\n", out);
    rpt_table_inputs(c, k);
    fputs("</section>\n", out);
}

static void write_exchanges(const rpt_ctx *c)
{
    FILE *out = c->out;

    fputs("<section id=\"exchanges\">\n<h2>Exchanges between issues</h2>\n"
          "<p class=\"desc\">Under the exchange model, two actors on "
          "opposite sides of the forecast on two issues each give way on the "
          "issue they care less about, in return for the other's move on the "
          "issue they care more about. The network shows who gave way to "
          "whom and on what; the table which issue was given for which.</p>\n",
          out);
    for (int m = 0; m < c->f->n_models; m++)
        if (rpt_chart_exchanges(c, m)) {
            fputs("<h3>Linkages</h3>\n", out);
            rpt_table_linkages(c, m);
        }
    fputs("</section>\n", out);
}

static int has_backtest(const ent_backtest *b, int issue)
{
    for (int r = 0; r < b->n_rows; r++)
        if (b->rows[r].issue == issue)
            return 1;
    return 0;
}

static void write_backtest(const rpt_ctx *c)
{
    FILE *out = c->out;

    fputs("<section id=\"backtest\">\n<h2>Back-test</h2>\n<p class=\"desc\">",
          out);
    if (c->b->n_horizons > 0 && c->b->horizons[0] > 0)
        fprintf(out,
                "Each model ran on the inputs of every period; its forecast "
                "is compared with the outcomes (outcomes.csv) 1 to %d years "
                "later. Errors are in issue-scale points. Two baselines: no "
                "change from the status quo of the forecast\xe2\x80\x99s "
                "period, and the trend (the status quo\xe2\x80\x99s last "
                "change per year, extrapolated). The probabilistic scores "
                "come from %ld perturbed runs per forecast (seed %llu)."
                "</p>\n<h3>Scores by horizon</h3>\n",
                c->b->horizons[c->b->n_horizons - 1], c->b->runs,
                (unsigned long long)c->b->seed);
    else
        fputs("Each model ran on the inputs of every period with an "
              "outcome (outcomes.csv); its forecast is compared with what "
              "was observed. Errors are in issue-scale points. The "
              "status-quo baseline forecasts no change from where the issue "
              "stood at the start of the period.</p>\n",
              out);
    rpt_chart_skill(c);
    fputs("<h3>Mean absolute error, all horizons together</h3>\n", out);
    rpt_table_mae(c);
    rpt_validation(c);
    for (int k = 0; k < c->sc->n_issues; k++) {
        if (!has_backtest(c->b, k))
            continue;
        fputs("<h3>", out);
        ent_html_escape(out, rpt_issue_name(c->sc, k));
        fputs("</h3>\n", out);
        rpt_chart_backtest(c, k);
        rpt_table_backtest(c, k);
    }
    fputs("</section>\n", out);
}

static void write_appendix(const rpt_ctx *c)
{
    fputs("<section id=\"sources\">\n<h2>Appendix: sources</h2>\n"
          "<p class=\"desc\">Every source cited above, grouped by "
          "document, with the date of the fact or statement it evidences "
          "and the exact quote the numbers were coded from.</p>\n",
          c->out);
    rpt_appendix(c);
    fputs("</section>\n", c->out);
}

static int report_html_body(FILE *out, const ent_scenario *sc, int period,
                            const ent_forecast *f, const ent_backtest *b,
                            const ent_report_options *opts, ent_error *err)
{
    static const ent_report_options no_opts = {0};
    rpt_ctx c = {out,
                 sc,
                 period,
                 f,
                 b && b->n_rows > 0 ? b : NULL,
                 opts ? opts : &no_opts,
                 NULL};

    if (!out || !sc || !f || f->n_models < 1)
        return ent_fail(err, ENT_EXIT_RUNTIME, "report: nothing to render");
    if (period < 0 || period >= sc->periods.count)
        return ent_fail(err, ENT_EXIT_RUNTIME, "report: %s has no period %d",
                        sc->name, period);
    c.cited = ent_xcalloc((size_t)sc->n_sources + 1, 1);
    write_head(&c);
    write_header(&c);
    write_summary(&c);
    write_actors(&c);
    for (int k = 0; k < sc->n_issues; k++)
        write_issue(&c, k);
    if (rpt_has_exchanges(f))
        write_exchanges(&c);
    if (c.b)
        write_backtest(&c);
    rpt_contradictions(&c);
    write_appendix(&c);
    fprintf(out,
            "<footer>Made with entente %s. Positions, saliences and "
            "capabilities come from the scenario files; every source id "
            "links to its quote.</footer>\n</main>\n</body>\n</html>\n",
            ENT_VERSION);
    free(c.cited);
    if (fflush(out) != 0 || ferror(out))
        return ent_fail(err, ENT_EXIT_RUNTIME, "report: write failed: %s",
                        strerror(errno ? errno : EIO));
    return 0;
}

int ent_report_html(FILE *out, const ent_scenario *sc, int period,
                    const ent_forecast *f, const ent_backtest *b,
                    const ent_report_options *opts, ent_error *err)
{
    ENT_PROTECTED(int, -1, err,
                  report_html_body(out, sc, period, f, b, opts, err));
}
