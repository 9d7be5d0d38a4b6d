/*
 * html_tables.c -- the report's tables: the forecast summary, each issue's
 * inputs with links to their sources and the coders' rationales, the
 * back-test rows and mean absolute errors, and the appendix of cited
 * sources with their quotes, grouped by document.  Every table is also
 * laid out as cards on a phone (class "stack"; each cell names its
 * column in data-label).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/html.h"

/* <td> with a class (NULL: none) and the column's name, which a phone
   shows before the value when the table is laid out as cards (NULL:
   none, for the cell that heads its card). */
static void open_cell(FILE *out, const char *cls, const char *label)
{
    fputs("<td", out);
    if (cls)
        fprintf(out, " class=\"%s\"", cls);
    if (label) {
        fputs(" data-label=\"", out);
        ent_html_escape(out, label);
        fputc('"', out);
    }
    fputc('>', out);
}

static void num_cell(FILE *out, const char *label, double v, int decimals)
{
    char buf[32];

    open_cell(out, "num", label);
    fprintf(out, "%s</td>", rpt_num(buf, sizeof buf, v, decimals));
}

/* A model's forecast with how its run ended: a cycle or an unsettled run
   shows its range; the headline model's cell is bold. */
static void model_cell(FILE *out, const ent_forecast *f, int m, int issue,
                       int headline)
{
    double lo, hi, v = ent_forecast_outcome(f, m, issue);
    const ent_stop *st = ent_forecast_stop(f, m, issue, &lo, &hi);
    char a[32], b[32], c[32];

    open_cell(out, m == headline ? "num strong" : "num", f->engines[m]->name);
    if (ent_forecast_error(f, m, issue))
        fputs("error", out);
    else if (!st || st->reason == ENT_STOPPED_CONVERGED || hi - lo < 0.05)
        fputs(rpt_num(a, sizeof a, v, 1), out);
    else
        fprintf(out, "%s<br><span class=\"small\">%s %s\xe2\x80\x93%s</span>",
                rpt_num(a, sizeof a, v, 1),
                st->reason == ENT_STOPPED_CYCLE ? "cycle" : "unsettled",
                rpt_num(b, sizeof b, lo, 1), rpt_num(c, sizeof c, hi, 1));
    fputs("</td>", out);
}

static void text_cell(FILE *out, const char *cls, const char *label,
                      const char *text)
{
    open_cell(out, cls, label);
    ent_html_escape(out, text);
    fputs("</td>", out);
}

static void head_cell(FILE *out, const char *text, int numeric)
{
    fputs(numeric ? "<th class=\"num\">" : "<th>", out);
    ent_html_escape(out, text);
    fputs("</th>", out);
}

void rpt_swatch(FILE *out, const char *color)
{
    fprintf(out,
            "<span class=\"sw\" aria-hidden=\"true\" "
            "style=\"background:%s\"></span>",
            color);
}

void rpt_source_links(const rpt_ctx *c, const ent_strlist *ids)
{
    for (int i = 0; i < ids->count; i++) {
        const ent_source *s = ent_scenario_source(c->sc, ids->items[i]);

        if (i)
            fputs(", ", c->out);
        if (!s) {
            ent_html_escape(c->out, ids->items[i]);
            continue;
        }
        c->cited[s - c->sc->sources] = 1;
        fputs("<a class=\"src\" href=\"#", c->out);
        rpt_id(c->out, "src-", s->id);
        fputs("\">", c->out);
        ent_html_escape(c->out, s->id);
        fputs("</a>", c->out);
    }
}

void rpt_table_summary(const rpt_ctx *c)
{
    const ent_forecast *f = c->f;
    FILE *out = c->out;

    /* sideways scrolling where the models' columns do not fit */
    fputs("<div class=\"scroll\"><table class=\"summary stack\">\n<thead><tr>",
          out);
    head_cell(out, "issue", 0);
    head_cell(out, "forecast", 1);
    head_cell(out, "nearest anchor", 0);
    for (int m = 0; m < f->n_models; m++)
        head_cell(out, f->engines[m]->name, 1);
    fputs("</tr></thead>\n<tbody>\n", out);
    for (int k = 0; k < c->sc->n_issues; k++) {
        int h = ent_forecast_headline(f, k);
        double v = h < 0 ? NAN : ent_forecast_outcome(f, h, k);
        const char *label =
            isfinite(v) ? ent_issue_anchor_label(&c->sc->issues[k], v) : NULL;

        fputs("<tr><td><a href=\"#", out);
        rpt_id(out, "issue-", c->sc->issues[k].id);
        fputs("\">", out);
        ent_html_escape(out, rpt_issue_name(c->sc, k));
        fputs("</a></td>", out);
        num_cell(out, "forecast", v, 1);
        text_cell(out, "small", "nearest anchor", rpt_str(label));
        for (int m = 0; m < f->n_models; m++)
            model_cell(out, f, m, k, h);
        fputs("</tr>\n", out);
    }
    fputs("</tbody>\n</table></div>\n", out);
}

/* Actor a's position after the last round of model m; NAN if none. */
static double final_position(const ent_forecast *f, int m, int issue, int a)
{
    int col;
    const ent_trace *t = ent_forecast_trace(f, m, issue, &col);

    if (!t || t->n_rounds < 1)
        return NAN;
    for (int i = 0; i < t->n; i++)
        if (t->actors[i] == a)
            return t->positions[((size_t)(t->n_rounds - 1) * (size_t)t->n +
                                 (size_t)i) *
                                    (size_t)t->d +
                                (size_t)col];
    return NAN;
}

static void inputs_head(const rpt_ctx *c)
{
    FILE *out = c->out;
    char buf[64];

    fputs("<div class=\"scroll\"><table class=\"inputs stack\">\n<thead><tr>",
          out);
    head_cell(out, "actor", 0);
    head_cell(out, "position", 1);
    head_cell(out, "\xc2\xb1", 1);
    head_cell(out, "salience", 1);
    head_cell(out, "capability", 1);
    for (int m = 0; m < c->f->n_models; m++)
        if (rpt_iterative(c->f, m)) {
            snprintf(buf, sizeof buf, "end (%s)", c->f->engines[m]->name);
            head_cell(out, buf, 1);
        }
    head_cell(out, "sources", 0);
    fputs("</tr></thead>\n<tbody>\n", out);
}

/* Columns of the inputs table. */
static int inputs_columns(const rpt_ctx *c)
{
    int n = 6;

    for (int m = 0; m < c->f->n_models; m++)
        n += rpt_iterative(c->f, m);
    return n;
}

/* An actor's inputs on one row, and the coder's rationale on the row
   under it, visible on screen, on a phone and in print.  The inputs are
   those the models ran on: the forecast's problem, which has any shock
   applied, not the scenario's coded values (those are given beside). */
static void inputs_row(const rpt_ctx *c, const ent_position *pos)
{
    FILE *out = c->out;
    int why = pos->rationale && *pos->rationale;
    const ent_problem *p = c->f->problem;
    int cell = ent_cell(p, pos->actor, pos->issue);
    int run = p->present[cell];
    double position = run ? p->position[cell] : pos->position;
    double salience = run ? p->salience[cell] : pos->salience;
    double capability = run ? p->capability[cell] : pos->capability;
    int shocked =
        run && (position != pos->position || salience != pos->salience ||
                capability != pos->capability);
    char buf[64];

    fputs(why ? "<tr class=\"has-why\"><td><b>" : "<tr><td><b>", out);
    ent_html_escape(out, rpt_actor_name(c->sc, pos->actor));
    fputs("</b>", out);
    if (shocked)
        fprintf(out,
                " <span class=\"cite\">(shocked; coded position %g, salience "
                "%g, capability %g)</span>",
                pos->position, pos->salience * 100, pos->capability);
    fputs("</td>", out);
    num_cell(out, "position", position, 1);
    num_cell(out, "\xc2\xb1", pos->position_unc, 1);
    num_cell(out, "salience", salience * 100, 0);
    open_cell(out, "num", "capability");
    if (isfinite(capability))
        fprintf(out, "%g</td>", capability);
    else
        fputs("\xe2\x80\x93</td>", out);
    for (int m = 0; m < c->f->n_models; m++)
        if (rpt_iterative(c->f, m)) {
            snprintf(buf, sizeof buf, "end (%s)", c->f->engines[m]->name);
            num_cell(out, buf, final_position(c->f, m, pos->issue, pos->actor),
                     1);
        }
    open_cell(out, NULL, "sources");
    rpt_source_links(c, &pos->sources);
    fputs("</td></tr>\n", out);
    if (!why)
        return;
    fprintf(out,
            "<tr class=\"why\"><td colspan=\"%d\"><span class=\"rationale\">"
            "<i>Why:</i> ",
            inputs_columns(c));
    ent_html_escape(out, pos->rationale);
    fputs("</span></td></tr>\n", out);
}

void rpt_table_inputs(const rpt_ctx *c, int issue)
{
    int rows = 0;

    for (int a = 0; a < c->sc->n_actors; a++)
        rows += rpt_position(c->sc, c->period, a, issue) != NULL;
    if (rows == 0) {
        fputs("<p class=\"cite\">No actor holds a position on this issue in "
              "this period.</p>\n",
              c->out);
        return;
    }
    inputs_head(c);
    for (int a = 0; a < c->sc->n_actors; a++) {
        const ent_position *pos = rpt_position(c->sc, c->period, a, issue);

        if (pos)
            inputs_row(c, pos);
    }
    fputs("</tbody>\n</table></div>\n<p class=\"cite\">Salience 0\xe2\x80\x93"
          "100; "
          "\xc2\xb1 is the position's uncertainty (used by Monte Carlo runs); "
          "end = the actor's position after the last round; under each row, "
          "the coder's rationale.</p>\n",
          c->out);
}

/* The back-test row with the shortest horizon that forecasts the outcome
   of (target, issue) by model (NULL: any model); NULL if none. */
const ent_backtest_row *rpt_backtest_row(const ent_backtest *b, int target,
                                         int issue, const char *model)
{
    const ent_backtest_row *best = NULL;

    for (int r = 0; r < b->n_rows; r++) {
        const ent_backtest_row *row = &b->rows[r];

        if (row->target == target && row->issue == issue &&
            (!model || strcmp(row->model, model) == 0) &&
            (!best || row->horizon < best->horizon))
            best = row;
    }
    return best;
}

static void backtest_row(const rpt_ctx *c, const ent_outcome *o)
{
    FILE *out = c->out;

    const ent_backtest_row *any =
        rpt_backtest_row(c->b, o->period, o->issue, NULL);
    char label[128];

    if (any && any->period != any->target)
        snprintf(label, sizeof label, "%s (from %s)",
                 c->sc->periods.items[o->period],
                 c->sc->periods.items[any->period]);
    else
        snprintf(label, sizeof label, "%s", c->sc->periods.items[o->period]);
    fputs("<tr>", out);
    text_cell(out, NULL, NULL, label);
    for (int m = 0; m < c->b->n_models; m++) {
        const ent_backtest_row *row =
            rpt_backtest_row(c->b, o->period, o->issue, c->b->models[m]);
        int sq = strcmp(c->b->models[m], "status_quo") == 0;

        num_cell(out, sq ? "status quo" : c->b->models[m],
                 row ? row->forecast : NAN, 1);
    }
    num_cell(out, "observed", o->observed, 1);
    open_cell(out, "small", "what happened");
    if (o->date && *o->date) {
        fputs("<b>", out);
        ent_html_escape(out, o->date);
        fputs(":</b> ", out);
    }
    ent_html_escape(out, o->description);
    if (o->sources.count) {
        fputs(" <span class=\"cite\">(", out);
        rpt_source_links(c, &o->sources);
        fputs(")</span>", out);
    }
    fputs("</td></tr>\n", out);
}

void rpt_table_backtest(const rpt_ctx *c, int issue)
{
    FILE *out = c->out;

    fputs("<div class=\"scroll\"><table class=\"backtest stack\">\n<thead><tr>",
          out);
    head_cell(out, "period", 0);
    for (int m = 0; m < c->b->n_models; m++)
        head_cell(out,
                  strcmp(c->b->models[m], "status_quo") == 0 ? "status quo"
                                                             : c->b->models[m],
                  1);
    head_cell(out, "observed", 1);
    head_cell(out, "what happened", 0);
    fputs("</tr></thead>\n<tbody>\n", out);
    for (int i = 0; i < c->sc->n_outcomes; i++)
        if (c->sc->outcomes[i].issue == issue)
            backtest_row(c, &c->sc->outcomes[i]);
    fputs("</tbody>\n</table></div>\n", out);
}

void rpt_table_mae(const rpt_ctx *c)
{
    const ent_backtest *b = c->b;
    FILE *out = c->out;
    double worst = 0;
    int best = -1;

    for (int m = 0; m < b->n_models; m++) {
        if (!isfinite(b->mae[m]))
            continue;
        if (b->mae[m] > worst)
            worst = b->mae[m];
        if (best < 0 || b->mae[m] < b->mae[best])
            best = m;
    }
    fputs("<div class=\"scroll\"><table class=\"mae stack\">\n<thead><tr>",
          out);
    head_cell(out, "model", 0);
    head_cell(out, "mean absolute error", 1);
    head_cell(out, "comparisons", 1);
    head_cell(out, "", 0);
    fputs("</tr></thead>\n<tbody>\n", out);
    for (int m = 0; m < b->n_models; m++) {
        int sq = strcmp(b->models[m], "status_quo") == 0;
        double share = isfinite(b->mae[m]) && worst > 0 ? b->mae[m] / worst : 0;

        fputs(m == best ? "<tr class=\"best\">" : "<tr>", out);
        text_cell(out, NULL, NULL,
                  sq ? "status quo (no change)" : b->models[m]);
        num_cell(out, "mean absolute error", b->mae[m], 2);
        open_cell(out, "num", "comparisons");
        fprintf(out, "%d</td>", b->count[m]);
        fprintf(
            out,
            "<td class=\"bar-cell\" style=\"width:40%%\"><span class=\"bar\" "
            "style=\"width:%.1f%%;background:%s\"></span></td></tr>\n",
            share * 100, svg_model_style(b->models[m], m).color);
    }
    fputs("</tbody>\n</table></div>\n", out);
}

/* `text` escaped after `sep` when it is not empty; returns 1 if written. */
static int part(FILE *out, const char *sep, const char *text)
{
    if (!text || !*text)
        return 0;
    fputs(sep, out);
    ent_html_escape(out, text);
    return 1;
}

/* The heading of one document's sources: title, author, publisher and
   date from documents.csv when the scenario has it, and the file name
   (alone when it does not).  A URL is shown as text, not a link: the
   page loads nothing. */
static void document_heading(const rpt_ctx *c, const char *file)
{
    FILE *out = c->out;
    const ent_document *d = file ? ent_scenario_document(c->sc, file) : NULL;

    fputs("<p class=\"doc\">", out);
    if (d) {
        int any = 0;

        fputs("<span class=\"doc-title\">", out);
        ent_html_escape(out, d->title);
        fputs("</span>", out);
        any |= part(out, " \xe2\x80\x94 ", d->author);
        any |= part(out, any ? ", " : " \xe2\x80\x94 ", d->publisher);
        part(out, any ? ", " : " \xe2\x80\x94 ", d->date);
        fputs(" <span class=\"doc-file\">", out);
        ent_html_escape(out, file);
        part(out, " \xc2\xb7 ", d->url);
        fputs("</span>", out);
    } else {
        fputs("<span class=\"doc-title\">", out);
        ent_html_escape(out, *rpt_str(file) ? file : "(no document named)");
        fputs("</span>", out);
    }
    fputs("</p>\n", out);
}

static int same_document(const ent_source *a, const ent_source *b)
{
    return strcmp(rpt_str(a->document), rpt_str(b->document)) == 0;
}

/* The cited sources of the document of sources[first], from `first` on;
   marks them done. */
static void document_sources(const rpt_ctx *c, int first, unsigned char *done)
{
    FILE *out = c->out;
    const ent_source *doc = &c->sc->sources[first];

    document_heading(c, doc->document);
    fputs("<table class=\"sources stack\">\n<thead><tr>", out);
    head_cell(out, "id", 0);
    head_cell(out, "date", 0);
    head_cell(out, "where", 0);
    head_cell(out, "quote", 0);
    fputs("</tr></thead>\n<tbody>\n", out);
    for (int i = first; i < c->sc->n_sources; i++) {
        const ent_source *s = &c->sc->sources[i];

        if (!c->cited[i] || done[i] || !same_document(s, doc))
            continue;
        done[i] = 1;
        fputs("<tr id=\"", out);
        rpt_id(out, "src-", s->id);
        fputs("\">", out);
        text_cell(out, NULL, NULL, s->id);
        text_cell(out, "small", "date", rpt_str(s->date));
        text_cell(out, "small", "where", rpt_str(s->locator));
        fputs("<td class=\"quote\">\xe2\x80\x9c", out);
        ent_html_escape(out, s->quote);
        fputs("\xe2\x80\x9d</td></tr>\n", out);
    }
    fputs("</tbody>\n</table>\n", out);
}

void rpt_appendix(const rpt_ctx *c)
{
    unsigned char *done;
    int any = 0;

    for (int i = 0; i < c->sc->n_sources; i++)
        any |= c->cited[i];
    if (!any) {
        fputs("<p>No sources are cited.</p>\n", c->out);
        return;
    }
    done = ent_xcalloc((size_t)c->sc->n_sources, 1);
    for (int i = 0; i < c->sc->n_sources; i++)
        if (c->cited[i] && !done[i])
            document_sources(c, i, done);
    free(done);
}
