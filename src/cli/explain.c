/*
 * explain.c -- `entente explain`: why one issue's forecast lands where it
 * does, in plain sentences (built by ent_explain in the library), with
 * the pivotal actors from a small ensemble run here.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

#define DEFAULT_RUNS 200

static const char usage[] =
    "usage: entente explain [SCENARIO] --issue ID [--model LIST] [--period P]\n"
    "                       [--runs N] [--seed S] [--top K] [--rounds N]\n"
    "                       [--param ENGINE.NAME=VALUE] [--shock EVENT]\n"
    "                       [--set ACTOR:ISSUE:FIELD=VALUE] [--drop ACTOR]\n"
    "                       [--whatif FILE] [-o FILE]\n\n"
    "Says in plain sentences why the forecast of one issue lands where it\n"
    "does: the forecast and its Monte Carlo range; the weighted median voter\n"
    "of the inputs; the pivotal actors (whose removal, or shift of 10% of\n"
    "the scale, moves the forecast most); who gave way to whom during the\n"
    "bargaining; how the run settled; and the rationales and source quotes\n"
    "of the rows that carry the most weight.  Default SCENARIO: belarus.\n\n"
    "  --issue ID     the issue to explain (see entente show SCENARIO)\n"
    "  --model LIST   models to run; the first is explained (default: the\n"
    "                 scenario's models)\n"
    "  --period P     period id (default: the scenario's default period)\n"
    "  --runs N       Monte Carlo runs for the range and pivotal actors\n"
    "                 (default 200: a second or less; 0 skips the ensemble)\n"
    "  --seed S       master seed (default 1)\n"
    "  --top K        actors and evidence rows named per point (default 3)\n"
    "  --rounds N     round limit for iterative models\n"
    "  -o FILE        write to FILE (atomically) instead of stdout\n"
    "  --param E.N=V  engine parameter; --smp-param N=V, --eu-param N=V\n" CLI_WHATIF_HELP;

typedef struct explain_args {
    const char *source, *issue, *output;
    long runs, top;
    unsigned long long seed;
    cli_model_args m;
    int help; /* --help printed the usage: nothing else to do */
} explain_args;

static int parse_count(const char *opt, const char *text, long lo, long hi,
                       long *out)
{
    char *end;
    long v;

    errno = 0;
    v = strtol(text, &end, 10);
    if (end == text || *end || errno || v < lo || v > hi)
        return cli_usage_error(
            "explain", "%s: expected an integer in [%ld, %ld], got '%s'", opt,
            lo, hi, text);
    *out = v;
    return 0;
}

/* Returns ENT_EXIT_OK (a->help: --help was printed), or ENT_EXIT_INPUT
   after a usage error. */
static ent_exit parse_args(int argc, char **argv, explain_args *a)
{
    static const struct option longopts[] = {
        CLI_MODEL_OPTIONS,
        {"period", required_argument, NULL, 'p'},
        {"issue", required_argument, NULL, 'i'},
        {"runs", required_argument, NULL, 'n'},
        {"seed", required_argument, NULL, 's'},
        {"top", required_argument, NULL, 'k'},
        {"output", required_argument, NULL, 'o'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    int c;
    long seed = 1;

    memset(a, 0, sizeof *a);
    a->source = "belarus";
    a->runs = DEFAULT_RUNS;
    a->top = 3;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":m:p:r:i:n:s:k:o:h", longopts,
                            NULL)) != -1) {
        int rc = 0;

        switch (c) {
        case 'i': a->issue = optarg; break;
        case 'n':
            rc = parse_count("--runs", optarg, 0, 1000000, &a->runs);
            break;
        case 's':
            rc = parse_count("--seed", optarg, 0, 2147483647, &seed);
            break;
        case 'k': rc = parse_count("--top", optarg, 1, 100, &a->top); break;
        case 'o': a->output = optarg; break;
        case 'h':
            fputs(usage, stdout);
            a->help = 1;
            return ENT_EXIT_OK;
        case ':':
            return cli_usage_error("explain", "%s needs a value",
                                   argv[optind - 1]);
        case '?':
            return cli_unknown_option("explain", argv[optind - 1], longopts);
        default: rc = cli_model_option(&a->m, "explain", c, optarg); break;
        }
        if (rc)
            return rc;
    }
    a->seed = (unsigned long long)seed;
    if (optind < argc)
        a->source = argv[optind++];
    if (optind < argc)
        return cli_usage_error("explain", "unexpected argument '%s'",
                               argv[optind]);
    if (!a->issue)
        return cli_usage_error("explain",
                               "expected --issue ID (e.g. 'entente explain "
                               "belarus --issue energy_terms')");
    return ENT_EXIT_OK;
}

/* The headline model's ensemble with its pivotal analysis. */
static int run_ensemble(const cli_forecast *fc, long runs, uint64_t seed,
                        ent_ensemble_result **r)
{
    ent_ensemble_options o = {0};
    ent_error err;

    ent_error_clear(&err);
    *r = NULL;
    if (runs == 0)
        return 0;
    o.runs = runs;
    o.seed = seed;
    o.engines = fc->in->models.engines;
    o.n_engines = 1;
    o.model_opts = fc->in->models.opts;
    o.issues = fc->sc->issues;
    if (ent_ensemble_run(fc->in->problem, &o, r, &err) != 0 ||
        ent_ensemble_pivotal(fc->in->problem, &o, 0.1, *r, &err) != 0)
        return cli_report_error(&err);
    return 0;
}

static ent_explain_options explain_options(int top,
                                           const ent_ensemble_result *r)
{
    ent_explain_options eo = {0};

    eo.ensemble = r;
    eo.top = top;
    return eo;
}

int cli_explain_all(const cli_forecast *fc, ent_explanation ***out)
{
    ent_ensemble_result *r = NULL;
    ent_explain_options eo;
    ent_error err;
    int rc;

    ent_error_clear(&err);
    *out = ent_xcalloc((size_t)fc->sc->n_issues + 1, sizeof(ent_explanation *));
    if ((rc = run_ensemble(fc, DEFAULT_RUNS, 1, &r)) != 0)
        return rc;
    eo = explain_options(3, r);
    for (int k = 0; k < fc->sc->n_issues; k++)
        if (ent_forecast_trace(fc->forecast, 0, k, NULL) &&
            ent_explain(fc->sc, fc->in->period, fc->in->problem, fc->forecast,
                        k, &eo, &(*out)[k], &err) != 0) {
            rc = cli_report_error(&err);
            break;
        }
    ent_ensemble_free(r);
    return rc;
}

void cli_explain_free_all(const ent_scenario *sc, ent_explanation **all)
{
    for (int k = 0; all && k < sc->n_issues; k++)
        ent_explanation_free(all[k]);
    free(all);
}

/* Text line by line, each made safe for a terminal (cli_put_text). */
static int write_explanation(const cli_forecast *fc, const explain_args *a,
                             int issue, const ent_ensemble_result *r)
{
    ent_explain_options eo = explain_options((int)a->top, r);
    ent_explanation *e = NULL;
    char *text, label[1024];
    cli_output o;
    ent_error err;
    int rc;

    ent_error_clear(&err);
    if (ent_explain(fc->sc, fc->in->period, fc->in->problem, fc->forecast,
                    issue, &eo, &e, &err) != 0)
        return cli_report_error(&err);
    if ((rc = cli_output_open(&o, a->output)) != 0) {
        ent_explanation_free(e);
        return rc;
    }
    text = ent_explanation_text(e, fc->sc, 78);
    cli_put_text(o.f, fc->sc->title ? fc->sc->title : fc->sc->name);
    fputs(", period ", o.f);
    cli_put_text(o.f, cli_period_label(fc->sc, fc->in->period, &fc->whatif,
                                       label, sizeof label));
    fputc('\n', o.f);
    cli_whatif_print(o.f, &fc->whatif);
    fputc('\n', o.f);
    cli_put_lines(o.f, text);
    free(text);
    ent_explanation_free(e);
    return cli_output_close(&o, !ferror(o.f));
}

int cmd_explain(int argc, char **argv)
{
    explain_args a;
    cli_forecast fc = {0};
    ent_ensemble_result *r = NULL;
    int rc, issue;

    if ((rc = parse_args(argc, argv, &a)) != ENT_EXIT_OK || a.help)
        return rc;
    if ((rc = cli_forecast_open(&fc, a.source, &a.m)) == 0) {
        if ((issue = ent_scenario_issue(fc.sc, a.issue)) < 0) {
            fprintf(stderr, "entente explain: %s has no issue '%s'; issues:",
                    fc.sc->name, a.issue);
            for (int k = 0; k < fc.sc->n_issues; k++)
                fprintf(stderr, " %s", fc.sc->issues[k].id);
            fputc('\n', stderr);
            rc = ENT_EXIT_INPUT;
        } else if ((rc = run_ensemble(&fc, a.runs, a.seed, &r)) == 0) {
            rc = write_explanation(&fc, &a, issue, r);
        }
    }
    ent_ensemble_free(r);
    cli_forecast_close(&fc);
    return rc;
}
