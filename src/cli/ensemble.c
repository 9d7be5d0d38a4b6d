/*
 * ensemble.c -- `entente ensemble`: Monte Carlo over input uncertainty.
 *
 * Runs N perturbed copies of a scenario period through the chosen models
 * (threads, and MPI ranks in a `make MPI=1` build), prints per issue and
 * model the median, 5-95% range and anchor-band probabilities, then the
 * pivotal actors; optionally stores everything in a results database.
 * Under MPI only rank 0 prints or writes anything.
 */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef ENT_MPI
#include <mpi.h>
#endif

#include "cli/cli.h"

typedef struct ens_args {
    const char *source, *output, *db;
    long runs;
    uint64_t seed;
    int threads, top, with_runs;
    double noise, shift;
    cli_format format;
    cli_model_args m;
    int help; /* --help printed the usage: nothing else to do */
} ens_args;

static void ens_help(FILE *out)
{
    fputs(
        "usage: entente ensemble [SOURCE] [--runs N] [--seed S] [--threads T]\n"
        "                        [--model LIST] [--period P] [--rounds N]\n"
        "                        [--noise X] [--shift X] [--top K] [--db FILE]\n"
        "                        [--format table|csv|json] [--outcomes] [-o FILE]\n"
        "                        [--param ENGINE.NAME=VALUE] [--smp-param N=V]\n"
        "                        [--eu-param N=V] [--shock EVENT]\n"
        "                        [--set ACTOR:ISSUE:FIELD=VALUE] [--drop ACTOR]\n"
        "                        [--whatif FILE]\n\n"
        "Runs N Monte Carlo copies of one period of SOURCE (default: belarus),\n"
        "each moving every position, salience and capability by a uniform draw\n"
        "within the uncertainty its row declares, and reports per issue and\n"
        "model the median, the 5th-95th percentile range and the probability\n"
        "of each anchor band of the issue scale; then the pivotal actors:\n"
        "those whose removal, or whose shift of position, moves the outcome\n"
        "most.  Run i's random numbers depend only on (seed, i): results are\n"
        "identical for any --threads and any number of MPI processes\n"
        "(mpirun -n K entente ensemble ..., with a `make MPI=1` build).\n\n"
        "  --runs N       Monte Carlo runs (default 1000)\n"
        "  --seed S       master seed, 0..9223372036854775807 (default 1)\n"
        "  --threads T    OpenMP threads (default: OMP_NUM_THREADS or cores)\n"
        "  --model LIST   comma-separated: mean, median, eu, smp, exchange\n"
        "                 (default: the scenario's [model] models)\n"
        "  --period P     period id (default: the scenario's default period)\n"
        "  --stop RULE    settle (default: stop at a fixed point or a cycle) or\n"
        "                 rounds (run exactly the round limit)\n"
        "  --rounds N     round limit (default 100 under settle, the engine's\n"
        "                 own under rounds)\n"
        "  --tolerance X  settle tolerance, a share of the scale (default 1e-9)\n"
        "  --noise X      uncertainty for inputs that declare none, 0..1:\n"
        "                 +-X x scale width for positions, +-X x value for\n"
        "                 salience and capability (default 0)\n"
        "  --shift X      pivotal shift, fraction of the scale width, (0,1]\n"
        "                 (default 0.1)\n"
        "  --top K        pivotal actors shown per issue and model (default 3)\n"
        "  --db FILE      store the batch in a SQLite results database\n"
        "                 (see docs/storage.md and 'entente runs')\n"
        "  --format F     table (default), csv (long format) or json\n"
        "  --outcomes     csv/json: include every run's outcomes\n"
        "  -o FILE        write to FILE (atomically) instead of stdout\n"
        "  --param E.N=V  engine parameter; --smp-param N=V, --eu-param N=V\n" CLI_WHATIF_HELP
        "\n"
        "A progress bar appears on standard error when it is a terminal.\n"
        "Exit status: 0 success, 1 runtime failure, 2 bad input.\n",
        out);
}

static int parse_long(const char *opt, const char *text, long lo, long hi,
                      long *out)
{
    char *end;
    long v;

    errno = 0;
    v = strtol(text, &end, 10);
    if (end == text || *end || errno || v < lo || v > hi)
        return cli_usage_error(
            "ensemble", "%s: expected an integer in [%ld, %ld], got '%s'", opt,
            lo, hi, text);
    *out = v;
    return 0;
}

static int parse_seed(const char *text, uint64_t *out)
{
    char *end;
    unsigned long long v;

    errno = 0;
    v = strtoull(text, &end, 10);
    if (text[0] < '0' || text[0] > '9' || *end || errno || v > INT64_MAX)
        return cli_usage_error(
            "ensemble", "--seed: expected an integer in [0, %lld], got '%s'",
            (long long)INT64_MAX, text);
    *out = (uint64_t)v;
    return 0;
}

static int parse_fraction(const char *opt, const char *text, double lo,
                          int lo_open, double *out)
{
    char *end;
    double v;

    errno = 0;
    v = strtod(text, &end);
    if (end == text || *end || errno || !(v <= 1) || v < lo ||
        (lo_open && v == lo))
        return cli_usage_error("ensemble",
                               "%s: expected a number in %c%g, 1], got '%s'",
                               opt, lo_open ? '(' : '[', lo, text);
    *out = v;
    return 0;
}

/* One option; returns 0, or an exit code (-1: --help printed). */
static int parse_one(int c, char *arg, ens_args *a)
{
    long v = 0;
    int rc = 0;

    switch (c) {
    case 'n': rc = parse_long("--runs", arg, 1, 100000000, &a->runs); break;
    case 's': rc = parse_seed(arg, &a->seed); break;
    case 't':
        rc = parse_long("--threads", arg, 1, 4096, &v);
        a->threads = (int)v;
        break;
    case 'k':
        rc = parse_long("--top", arg, 1, 1000, &v);
        a->top = (int)v;
        break;
    case 'x': rc = parse_fraction("--noise", arg, 0, 0, &a->noise); break;
    case 'X': rc = parse_fraction("--shift", arg, 0, 1, &a->shift); break;
    case 'd': a->db = arg; break;
    case 'o': a->output = arg; break;
    case 'R': a->with_runs = 1; break;
    case 'f': rc = cli_parse_format("ensemble", arg, &a->format); break;
    default: rc = cli_model_option(&a->m, "ensemble", c, arg); break;
    }
    return rc;
}

/* Returns ENT_EXIT_OK (a->help: --help was printed), or ENT_EXIT_INPUT
   after a usage error. */
static ent_exit parse_args(int argc, char **argv, ens_args *a)
{
    static const struct option longopts[] = {
        {"runs", required_argument, NULL, 'n'},
        {"seed", required_argument, NULL, 's'},
        {"threads", required_argument, NULL, 't'},
        CLI_MODEL_OPTIONS,
        {"period", required_argument, NULL, 'p'},
        {"noise", required_argument, NULL, 'x'},
        {"shift", required_argument, NULL, 'X'},
        {"top", required_argument, NULL, 'k'},
        {"db", required_argument, NULL, 'd'},
        {"format", required_argument, NULL, 'f'},
        {"outcomes", no_argument, NULL, 'R'},
        {"output", required_argument, NULL, 'o'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    int c;

    memset(a, 0, sizeof *a);
    a->source = "belarus";
    a->runs = 1000;
    a->seed = 1;
    a->shift = 0.1;
    a->top = 3;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":n:s:t:m:p:r:f:o:h", longopts,
                            NULL)) != -1) {
        int rc;

        switch (c) {
        case 'h':
            ens_help(stdout);
            a->help = 1;
            return ENT_EXIT_OK;
        case ':':
            return cli_usage_error("ensemble", "%s needs a value",
                                   argv[optind - 1]);
        case '?':
            return cli_unknown_option("ensemble", argv[optind - 1], longopts);
        default: rc = parse_one(c, optarg, a); break;
        }
        if (rc)
            return rc;
    }
    if (optind < argc)
        a->source = argv[optind++];
    if (optind < argc)
        return cli_usage_error("ensemble", "unexpected argument '%s'",
                               argv[optind]);
    return ENT_EXIT_OK;
}

/* ---- progress bar (stderr, terminals only) ---- */

typedef struct progress {
    int last; /* last drawn permille, -1 = none */
} progress;

static void progress_draw(void *ctx, long done, long total)
{
    progress *p = ctx;
    int permille = total > 0 ? (int)(done * 1000 / total) : 1000;
    char bar[41];
    int filled = permille * 40 / 1000;

    if (permille == p->last)
        return;
    p->last = permille;
    if (done >= total) {
        if (cli_plain_terminal()) /* blank it without escape sequences */
            fprintf(stderr, "\r%*s\r", 100, "");
        else
            fputs("\r\033[K", stderr);
        fflush(stderr);
        return;
    }
    memset(bar, '#', (size_t)filled);
    memset(bar + filled, '.', (size_t)(40 - filled));
    bar[40] = '\0';
    fprintf(stderr, "\rensemble [%s] %5.1f%% %ld/%ld", bar, permille / 10.0,
            done, total);
    fflush(stderr);
}

/* ---- table output ---- */

static void fmt_value(char *buf, size_t size, double v)
{
    snprintf(buf, size, isfinite(v) ? "%.1f" : "-", v);
}

/* "converged / cycle / limit" shares of the runs of each model. */
static void stops_row(const ent_ensemble_result *r, int k, char (*cells)[96],
                      size_t size)
{
    snprintf(cells[0], size, "runs converged / cycled / unsettled");
    for (int m = 0; m < r->n_models; m++) {
        const ent_summary *s = &r->summary[m * r->n_issues + k];
        double n = (double)(s->n_converged + s->n_cycle + s->n_limit);

        if (n > 0)
            snprintf(cells[1 + m], size, "%.0f%% / %.0f%% / %.0f%%",
                     100.0 * (double)s->n_converged / n,
                     100.0 * (double)s->n_cycle / n,
                     100.0 * (double)s->n_limit / n);
        else
            snprintf(cells[1 + m], size, "-");
    }
}

/* Rows "baseline", "median", "5-95%", "mean (sd)", how the runs ended, and
   one per band. */
static void issue_table(FILE *out, const ent_ensemble_result *r, int k,
                        int bold)
{
    int nm = r->n_models;
    ent_table *t = ent_table_new(1 + nm);
    char cells[ENT_MAX_MODELS + 1][96];
    const char *row[ENT_MAX_MODELS + 1];

    ent_table_column(t, 0, "", 'l');
    ent_table_max_width(t, 0, 50);
    for (int m = 0; m < nm; m++)
        ent_table_column(t, 1 + m, r->models[m].name, 'r');
    for (int i = 0; i <= nm; i++)
        row[i] = cells[i];
    for (int line = 0; line < 5 + r->n_bands[k]; line++) {
        if (line == 5 && r->has_stops) {
            stops_row(r, k, cells, sizeof cells[0]);
            ent_table_row(t, row, 1 + nm);
        }
        static const char *const heads[] = {"runs with a value",
                                            "baseline (no noise)", "median",
                                            "5% - 95%", "mean (sd)"};

        if (line < 5)
            snprintf(cells[0], sizeof cells[0], "%s", heads[line]);
        else
            snprintf(cells[0], sizeof cells[0], "P(%g %s)",
                     r->bands[k][line - 5].anchor, r->bands[k][line - 5].label);
        for (int m = 0; m < nm; m++) {
            const ent_summary *s = &r->summary[m * r->n_issues + k];
            char a[32], b[32];

            if (line == 0)
                snprintf(cells[1 + m], sizeof cells[0], "%ld of %ld", s->n,
                         r->runs);
            else if (line == 1)
                fmt_value(cells[1 + m], sizeof cells[0], s->baseline);
            else if (line == 2)
                fmt_value(cells[1 + m], sizeof cells[0], s->median);
            else if (line == 3 || line == 4) {
                fmt_value(a, sizeof a, line == 3 ? s->p5 : s->mean);
                fmt_value(b, sizeof b, line == 3 ? s->p95 : s->sd);
                snprintf(cells[1 + m], sizeof cells[0],
                         line == 3 ? "%s - %s" : "%s (%s)", a, b);
            } else if (s->band_prob && isfinite(s->band_prob[line - 5]))
                snprintf(cells[1 + m], sizeof cells[0], "%.3f",
                         s->band_prob[line - 5]);
            else
                snprintf(cells[1 + m], sizeof cells[0], "-");
        }
        ent_table_row(t, row, 1 + nm);
    }
    if (r->n_bands[k] == 0 && r->has_stops) {
        stops_row(r, k, cells, sizeof cells[0]);
        ent_table_row(t, row, 1 + nm);
    }
    ent_table_print(t, out, bold);
    ent_table_free(t);
    for (int m = 0; m < nm; m++) {
        long n = r->summary[m * r->n_issues + k].n;

        if (n < r->runs)
            fprintf(out,
                    "%s: %ld of %ld runs dropped, their outcome not a finite "
                    "number (the\nperturbed inputs overflow); the rows above "
                    "count only the %ld runs with a value\n",
                    r->models[m].name, r->runs - n, r->runs, n);
    }
}

/* Pivotal actors: the top K per model, with all three deltas. */
static void pivotal_table(FILE *out, const ent_ensemble_result *r, int k,
                          int top, int bold)
{
    ent_table *t = ent_table_new(5);
    int *order = ent_xcalloc((size_t)r->n_actors + 1, sizeof(int));
    char rm[32], up[32], dn[32];

    ent_table_column(t, 0, "model", 'l');
    ent_table_column(t, 1, "pivotal actor", 'l');
    ent_table_column(t, 2, "removed", 'r');
    ent_table_column(t, 3, "shift +", 'r');
    ent_table_column(t, 4, "shift -", 'r');
    ent_table_max_width(t, 1, 40);
    for (int m = 0; m < r->n_models; m++) {
        int n = ent_pivot_rank(r, m, k, order, top);

        for (int i = 0, shown = 0; i < n; i++) {
            size_t slot = ((size_t)m * (size_t)r->n_issues + (size_t)k) *
                              (size_t)r->n_actors +
                          (size_t)order[i];
            double v[3] = {r->pivot_remove[slot], r->pivot_up[slot],
                           r->pivot_down[slot]};
            char *bufs[3] = {rm, up, dn};
            double width = r->scale_max[k] - r->scale_min[k];

            /* actors that move nothing are not pivotal */
            if (fabs(ent_pivot_largest(r, m, k, order[i], NULL)) <=
                1e-9 * width)
                continue;
            for (int j = 0; j < 3; j++)
                snprintf(bufs[j], 32, isfinite(v[j]) ? "%+.1f" : "-", v[j]);
            ent_table_rowf(t, "%s\t%s\t%s\t%s\t%s",
                           shown++ ? "" : r->models[m].name,
                           r->actor_names[order[i]] && *r->actor_names[order[i]]
                               ? r->actor_names[order[i]]
                               : r->actor_ids[order[i]],
                           rm, up, dn);
        }
    }
    ent_table_print(t, out, bold);
    ent_table_free(t);
    free(order);
}

static void print_table(FILE *out, const ent_ensemble_result *r, int top,
                        long long batch, int bold)
{

    fprintf(out, "%s%s%s: %ld runs, seed %llu, noise %g",
            r->title      ? r->title
            : r->scenario ? r->scenario
                          : "scenario",
            r->period ? ", period " : "", r->period ? r->period : "", r->runs,
            (unsigned long long)r->seed, r->noise);
    if (batch)
        fprintf(out, " (stored as batch %lld)", batch);
    fputs("\n", out);
    for (int k = 0; k < r->n_issues; k++) {
        int any = 0;

        for (int m = 0; m < r->n_models; m++)
            any |= r->summary[m * r->n_issues + k].n > 0 ||
                   isfinite(r->summary[m * r->n_issues + k].baseline);
        if (!any)
            continue;
        fprintf(out, "\n%s [%s] (scale %g - %g)\n", r->issue_names[k],
                r->issue_ids[k], r->scale_min[k], r->scale_max[k]);
        issue_table(out, r, k, bold);
        if (r->pivot_remove) {
            fputc('\n', out);
            pivotal_table(out, r, k, top, bold);
        }
    }
    fprintf(
        out,
        "\nP(a label) = share of runs whose outcome is nearer that anchor than any other.\nPivotal: outcome change when the actor is removed, or its position on the\nissue moves by +-%g of the scale (unperturbed inputs).\n",
        r->shift);
}

/* ---- running ---- */

static int any_uncertainty(const ent_problem *p)
{
    for (int c = 0; c < p->n_actors * p->n_issues; c++)
        if (p->present[c] &&
            (p->position_unc[c] > 0 || p->salience_unc[c] > 0 ||
             p->capability_unc[c] > 0))
            return 1;
    return 0;
}

static int write_output(const ens_args *a, const ent_ensemble_result *r,
                        long long batch, int terminal)
{
    cli_output o;
    ent_error err;
    int rc = 0;

    ent_error_clear(&err);
    if ((rc = cli_output_open(&o, a->output)) != 0)
        return rc;
    if (a->format == CLI_JSON)
        rc = ent_ensemble_write_json(o.f, r, a->with_runs, &err);
    else if (a->format == CLI_CSV)
        rc = ent_ensemble_write_csv(o.f, r, a->with_runs, &err);
    else
        print_table(o.f, r, a->top, batch, terminal && cli_color(o.f));
    if (rc != 0) {
        cli_output_close(&o, 0);
        return cli_report_error(&err);
    }
    return cli_output_close(&o, 1);
}

/* Rank 0's status, shared with every rank (MPI builds). */
static int share_status(int rc)
{
#ifdef ENT_MPI
    int rank, size;

    ent_mpi_world(&rank, &size);
    if (size > 1)
        MPI_Bcast(&rc, 1, MPI_INT, 0, MPI_COMM_WORLD);
#endif
    return rc;
}

typedef struct ens_run {
    ens_args a;
    ent_scenario *sc;
    ent_whatif whatif;
    ent_forecast_input *in; /* period, models, problem */
    int rank;
    int terminal; /* 0 under mpirun: its ptys are not the user's
                     terminal */
    ent_db *db;
} ens_run;

/* Scenario, period, models, problem, database: everything but the runs. */
static int prepare(ens_run *e)
{
    ent_error err;
    int rc;

    ent_error_clear(&err);
    if ((rc = cli_open_scenario(e->a.source, &e->sc)) != 0)
        return rc;
    if ((rc = cli_forecast_prepare(e->sc, &e->a.m, &e->whatif, &e->in)) != 0)
        return rc;
    if (e->rank == 0 && e->a.db && ent_db_open(e->a.db, 1, &e->db, &err) != 0)
        rc = cli_report_error(&err);
    if (rc == 0 && e->a.noise == 0 && !any_uncertainty(e->in->problem))
        fprintf(
            stderr,
            "entente: note: %s declares no uncertainty; every run equals the baseline (try --noise 0.1)\n",
            e->a.source);
    return rc;
}

static int execute(ens_run *e)
{
    ent_ensemble_options o = {0};
    ent_ensemble_result *r = NULL;
    char period_label[512];
    progress bar = {-1};
    ent_error err;
    long long batch = 0;
    int rc = 0;

    ent_error_clear(&err);
    o.runs = e->a.runs;
    o.seed = e->a.seed;
    o.threads = e->a.threads;
    o.noise = e->a.noise;
    o.engines = e->in->models.engines;
    o.n_engines = e->in->models.count;
    o.model_opts = e->in->models.opts;
    o.issues = e->sc->issues;
    o.scenario = e->sc->name;
    o.title = e->sc->title;
    o.source = e->sc->path;
    o.period = cli_period_label(e->sc, e->in->period, &e->whatif, period_label,
                                sizeof period_label);
    o.distributed = 1;
    if (e->rank == 0 && e->terminal && cli_stderr_is_tty()) {
        o.progress = progress_draw;
        o.progress_ctx = &bar;
    }
    if (ent_ensemble_run(e->in->problem, &o, &r, &err) != 0)
        return cli_report_error(&err);
    if (e->rank == 0) {
        if (ent_ensemble_pivotal(e->in->problem, &o, e->a.shift, r, &err) !=
                0 ||
            (e->db &&
             ent_ensemble_exchanges(e->in->problem, &o, r, &err) != 0) ||
            (e->db && ent_db_write(e->db, r, &batch, &err) != 0))
            rc = cli_report_error(&err);
        else
            rc = write_output(&e->a, r, batch, e->terminal);
    }
    ent_ensemble_free(r);
    return rc;
}

static int ensemble_main(int argc, char **argv, int rank, int launched)
{
    ens_run *e = ent_xcalloc(1, sizeof *e);
    int rc;

    e->rank = rank;
    e->terminal = !launched;
    if ((rc = parse_args(argc, argv, &e->a)) != ENT_EXIT_OK || e->a.help) {
        free(e);
        return rc;
    }
    rc = share_status(prepare(e));
    if (rc == 0)
        rc = execute(e);
    ent_db_close(e->db);
    ent_forecast_input_free(e->in);
    ent_whatif_free(&e->whatif);
    ent_scenario_free(e->sc);
    free(e);
    return rc;
}

int cmd_ensemble(int argc, char **argv)
{
    int rank = 0, launched = 0, rc;

#ifdef ENT_MPI
    int started = 0;

    MPI_Initialized(&started);
    if (!started)
        MPI_Init(&argc, &argv);
    {
        int size;

        ent_mpi_world(&rank, &size);
    }
    /* started by mpirun: its ptys stand between us and any terminal */
    launched = getenv("OMPI_COMM_WORLD_SIZE") || getenv("PMIX_RANK") ||
               getenv("PMI_SIZE");
    if (rank != 0) {
        /* only rank 0 speaks */
        if (!freopen("/dev/null", "w", stdout) ||
            !freopen("/dev/null", "w", stderr))
            return ENT_EXIT_RUNTIME;
    }
#endif
    rc = ensemble_main(argc, argv, rank, launched);
#ifdef ENT_MPI
    if (!started)
        MPI_Finalize();
#endif
    return rc;
}
