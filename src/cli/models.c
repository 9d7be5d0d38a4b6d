/*
 * models.c -- the options every model-running command shares (--model,
 * --period, --rounds, --param and its shorthands) and the resolution of
 * model names and parameters against a scenario.
 */
#include <errno.h>
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli/cli.h"

static int params_add(cli_params *p, const char *cmd, const char *engine,
                      char *text)
{
    char *eq = strchr(text, '=');

    if (!engine) {
        char *dot = strchr(text, '.');

        if (!dot || !eq || dot > eq || dot == text)
            return cli_usage_error(cmd, "expected ENGINE.NAME=VALUE, got '%s'",
                                   text);
        *dot = '\0';
        engine = text;
        text = dot + 1;
    }
    if (!eq || eq == text || !eq[1])
        return cli_usage_error(cmd, "expected NAME=VALUE, got '%s'", text);
    if (p->count == (int)(sizeof p->items / sizeof p->items[0]))
        return cli_usage_error(cmd, "too many parameters");
    *eq = '\0';
    p->engine[p->count] = engine;
    p->items[p->count].name = text;
    p->items[p->count].value = eq + 1;
    p->count++;
    return 0;
}

static int parse_rounds(const char *cmd, const char *text, int *out)
{
    char *end;
    long v = strtol(text, &end, 10);

    if (end == text || *end || v < 1 || v > 100000)
        return cli_usage_error(
            cmd, "--rounds: expected an integer in [1, 100000], got '%s'",
            text);
    *out = (int)v;
    return 0;
}

static int parse_tolerance(const char *cmd, const char *text, double *out)
{
    char *end;
    double v = strtod(text, &end);

    if (end == text || *end || !(v > 0 && v < 1))
        return cli_usage_error(
            cmd, "--tolerance: expected a number in (0, 1), got '%s'", text);
    *out = v;
    return 0;
}

/* A comma-separated list with no empty item (",,", a leading or trailing
   comma, blanks only). */
static int check_list(const char *cmd, const char *opt, const char *text)
{
    const char *p = text;

    for (;;) {
        size_t len = strcspn(p, ",");

        if (strspn(p, " \t") >= len)
            return cli_usage_error(cmd,
                                   "%s: empty item in '%s' (expected names "
                                   "separated by single commas)",
                                   opt, text);
        if (!p[len])
            return 0;
        p += len + 1;
    }
}

ent_exit cli_model_option(cli_model_args *m, const char *cmd, int c, char *arg)
{
    switch (c) {
    case 'm': m->models = arg; return check_list(cmd, "--model", arg);
    case 'p': m->period = arg; return 0;
    case 'r': return parse_rounds(cmd, arg, &m->rounds);
    case 'P': return params_add(&m->params, cmd, NULL, arg);
    case 'S': return params_add(&m->params, cmd, "smp", arg);
    case 'E': return params_add(&m->params, cmd, "eu", arg);
    case CLI_OPT_STOP: m->stop = arg; return 0;
    case CLI_OPT_TOLERANCE: return parse_tolerance(cmd, arg, &m->tolerance);
    case 'H':
    case 'Z':
    case 'D':
    case 'W':
        if (m->n_changes == (int)(sizeof m->changes / sizeof m->changes[0]))
            return cli_usage_error(cmd, "too many what-if options");
        m->changes[m->n_changes].kind = (char)c;
        m->changes[m->n_changes++].text = arg;
        return 0;
    default: return cli_usage_error(cmd, "unknown option (code %d)", c);
    }
}

/* The library's form of the model options (strings borrowed from m). */
static ent_model_request model_request(const cli_model_args *m)
{
    ent_model_request req = {
        .models = m->models,
        .rounds = m->rounds,
        .stop = m->stop,
        .tolerance = m->tolerance,
        .param_engines = m->params.engine,
        .params = m->params.items,
        .n_params = m->params.count,
    };

    return req;
}

int cli_models_pick(cli_models *out, const ent_scenario *sc,
                    const cli_model_args *m)
{
    ent_model_request req = model_request(m);
    ent_error err;

    ent_error_clear(&err);
    if (ent_model_set_resolve(sc, &req, out, &err) != 0)
        return cli_report_error(&err);
    return 0;
}

int cli_forecast_prepare(const ent_scenario *sc, const cli_model_args *m,
                         ent_whatif *w, ent_forecast_input **in)
{
    ent_model_request req = model_request(m);
    ent_error err;
    int rc;

    ent_error_clear(&err);
    if ((rc = cli_whatif_build(sc, m, w)) != 0)
        return rc;
    if (ent_forecast_prepare(sc, m->period, &req, w, in, &err) != 0)
        return cli_report_error(&err);
    return 0;
}

int cli_forecast_open(cli_forecast *f, const char *source,
                      const cli_model_args *m)
{
    ent_error err;
    int rc;

    memset(f, 0, sizeof *f);
    ent_error_clear(&err);
    if ((rc = cli_open_scenario(source, &f->sc)) != 0 ||
        (rc = cli_forecast_prepare(f->sc, m, &f->whatif, &f->in)) != 0)
        return rc;
    if (ent_forecast_run(f->in->problem, f->in->models.engines,
                         f->in->models.opts, f->in->models.count, &f->forecast,
                         &err) != 0)
        return cli_report_error(&err);
    return cli_forecast_warn(f->sc, f->forecast);
}

int cli_forecast_warn(const ent_scenario *sc, const ent_forecast *f)
{
    int results = 0;

    for (int m = 0; m < f->n_models; m++)
        for (int k = 0; k < sc->n_issues; k++) {
            const ent_error *e = ent_forecast_error(f, m, k);

            if (e)
                fprintf(stderr, "entente: warning: %s on %s: %s\n",
                        f->engines[m]->name, sc->issues[k].id, e->msg);
            results += ent_forecast_trace(f, m, k, NULL) != NULL;
        }
    if (results == 0 && f->n_failed > 0) {
        fprintf(stderr, "entente: no model produced a forecast\n");
        return ENT_EXIT_RUNTIME;
    }
    return 0;
}

void cli_forecast_close(cli_forecast *f)
{
    ent_forecast_free(f->forecast);
    ent_forecast_input_free(f->in);
    ent_whatif_free(&f->whatif);
    ent_scenario_free(f->sc);
    memset(f, 0, sizeof *f);
}

/* Whether the command takes the option with getopt code c. */
static int command_takes(int c, unsigned takes)
{
    if (c == 'p')
        return (takes & CLI_TAKES_PERIOD) != 0;
    if (c == 'f')
        return (takes & CLI_TAKES_FORMAT) != 0;
    if (c == CLI_OPT_RUNS || c == CLI_OPT_SEED || c == CLI_OPT_ROWS)
        return (takes & CLI_TAKES_BACKTEST) != 0;
    return 1;
}

/* An integer in [lo, hi] for option `opt`; returns 0 or an exit code. */
static int parse_count(const char *cmd, const char *opt, const char *text,
                       long long lo, long long hi, long long *out)
{
    char *end;
    long long v;

    errno = 0;
    v = strtoll(text, &end, 10);
    if (end == text || *end || errno || v < lo || v > hi)
        return cli_usage_error(cmd,
                               "%s: expected an integer in [%lld, %lld], "
                               "got '%s'",
                               opt, lo, hi, text);
    *out = v;
    return 0;
}

/* --runs N (0: no ensemble) and --seed S of the back-test. */
static int backtest_option(cli_command_args *a, const char *cmd, int c,
                           const char *arg)
{
    long long v = 0;
    int rc;

    if (c == CLI_OPT_ROWS) {
        a->rows = 1;
        return 0;
    }
    if (c == CLI_OPT_RUNS) {
        if ((rc = parse_count(cmd, "--runs", arg, 0, 100000, &v)) != 0)
            return rc;
        a->runs = v == 0 ? -1 : (long)v;
        return 0;
    }
    if ((rc = parse_count(cmd, "--seed", arg, 1, INT64_MAX, &v)) != 0)
        return rc;
    a->seed = (uint64_t)v;
    return 0;
}

ent_exit cli_parse_command(int argc, char **argv, const char *cmd,
                           unsigned takes, const char *usage,
                           cli_command_args *a)
{
    static const struct option longopts[] = {
        CLI_MODEL_OPTIONS,
        {"period", required_argument, NULL, 'p'},
        {"format", required_argument, NULL, 'f'},
        {"output", required_argument, NULL, 'o'},
        {"help", no_argument, NULL, 'h'},
        {"runs", required_argument, NULL, CLI_OPT_RUNS},
        {"seed", required_argument, NULL, CLI_OPT_SEED},
        {"rows", no_argument, NULL, CLI_OPT_ROWS},
        {NULL, 0, NULL, 0},
    };
    int c, index = -1;

    memset(a, 0, sizeof *a);
    a->source = "belarus";
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":m:p:r:f:o:h", longopts, &index)) !=
           -1) {
        int rc = 0;

        if (c != ':' && c != '?' && !command_takes(c, takes)) {
            if (index >= 0)
                return cli_usage_error(cmd, "unknown option '--%s'",
                                       longopts[index].name);
            return cli_usage_error(cmd, "unknown option '-%c'", c);
        }
        index = -1;
        switch (c) {
        case 'f': rc = cli_parse_format(cmd, optarg, &a->format); break;
        case 'o': a->output = optarg; break;
        case 'h':
            fputs(usage, stdout);
            a->help = 1;
            return ENT_EXIT_OK;
        case ':':
            return cli_usage_error(cmd, "%s needs a value", argv[optind - 1]);
        case '?': return cli_unknown_option(cmd, argv[optind - 1], longopts);
        case CLI_OPT_RUNS:
        case CLI_OPT_SEED:
        case CLI_OPT_ROWS: rc = backtest_option(a, cmd, c, optarg); break;
        default: rc = cli_model_option(&a->m, cmd, c, optarg); break;
        }
        if (rc)
            return rc;
    }
    if (optind < argc)
        a->source = argv[optind++];
    if (optind < argc)
        return cli_usage_error(cmd, "unexpected argument '%s'", argv[optind]);
    return ENT_EXIT_OK;
}
