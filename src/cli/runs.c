/*
 * runs.c -- `entente runs`: list the ensemble batches stored in a results
 * database, or export one (--show ID) as CSV or JSON, or its exchanges as
 * CSV.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

typedef struct runs_args {
    const char *db, *output;
    long long show; /* 0 = list */
    int with_runs;
    cli_format format;
    int help; /* --help printed the usage: nothing else to do */
} runs_args;

static void runs_help(FILE *out)
{
    fputs(
        "usage: entente runs --db FILE [--format table|csv|json] [-o FILE]\n"
        "       entente runs --db FILE --show ID [--format csv|json|exchanges]\n"
        "                    [--no-outcomes] [-o FILE]\n\n"
        "Lists the ensemble batches stored in a results database (written by\n"
        "'entente ensemble --db FILE'), or exports batch ID: scenario,\n"
        "parameters, summaries, band probabilities, pivotal actors and every\n"
        "run's outcomes (csv: long format; json: as 'entente ensemble\n"
        "--format json --outcomes', with the stored exchanges of the exchange\n"
        "model; exchanges: those exchanges as CSV).  The schema is in\n"
        "docs/storage.md.\n\n"
        "  --db FILE      the results database (must exist)\n"
        "  --show ID      export batch ID instead of listing\n"
        "  --no-outcomes  leave every run's outcomes (and exchanges) out\n"
        "  --format F     table (default for the list), csv or json; with\n"
        "                 --show also exchanges\n"
        "  -o FILE        write to FILE (atomically) instead of stdout\n",
        out);
}

static int parse_id(const char *text, long long *out)
{
    char *end;
    long long v;

    errno = 0;
    v = strtoll(text, &end, 10);
    if (end == text || *end || errno || v < 1)
        return cli_usage_error(
            "runs",
            "--show: expected a batch id (a positive integer), got '%s'", text);
    *out = v;
    return 0;
}

/* Returns ENT_EXIT_OK (a->help: --help was printed), or ENT_EXIT_INPUT
   after a usage error. */
static ent_exit parse_args(int argc, char **argv, runs_args *a)
{
    static const struct option longopts[] = {
        {"db", required_argument, NULL, 'd'},
        {"show", required_argument, NULL, 's'},
        {"format", required_argument, NULL, 'f'},
        {"output", required_argument, NULL, 'o'},
        {"no-outcomes", no_argument, NULL, 'N'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    int c, format_given = 0;

    memset(a, 0, sizeof *a);
    a->with_runs = 1;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":d:s:f:o:h", longopts, NULL)) != -1) {
        int rc = 0;

        switch (c) {
        case 'd': a->db = optarg; break;
        case 's': rc = parse_id(optarg, &a->show); break;
        case 'f':
            rc = cli_parse_format("runs", optarg, &a->format);
            format_given = 1;
            break;
        case 'o': a->output = optarg; break;
        case 'N': a->with_runs = 0; break;
        case 'h':
            runs_help(stdout);
            a->help = 1;
            return ENT_EXIT_OK;
        case ':':
            return cli_usage_error("runs", "%s needs a value",
                                   argv[optind - 1]);
        default: return cli_unknown_option("runs", argv[optind - 1], longopts);
        }
        if (rc)
            return rc;
    }
    if (optind < argc)
        return cli_usage_error("runs", "unexpected argument '%s'",
                               argv[optind]);
    if (!a->db)
        return cli_usage_error("runs", "--db FILE is required");
    if (a->show && !format_given)
        a->format = CLI_JSON;
    if (a->show && a->format == CLI_TABLE)
        return cli_usage_error("runs",
                               "--show exports csv or json, not a table");
    if (!a->show && a->format == CLI_EXCHANGES)
        return cli_usage_error("runs", "--format exchanges needs --show ID");
    return ENT_EXIT_OK;
}

static void list_table(FILE *out, const ent_batch_info *b, int n)
{
    ent_table *t = ent_table_new(8);
    static const char *const heads[] = {"batch",  "created", "scenario",
                                        "period", "models",  "runs",
                                        "seed",   "noise"};

    for (int c = 0; c < 8; c++)
        ent_table_column(t, c, heads[c], c == 0 || c >= 5 ? 'r' : 'l');
    for (int i = 0; i < n; i++)
        ent_table_rowf(t, "%lld\t%s\t%s\t%s\t%s\t%ld\t%llu\t%g", b[i].id,
                       b[i].created ? b[i].created : "",
                       b[i].scenario ? b[i].scenario : "",
                       b[i].period ? b[i].period : "",
                       b[i].models ? b[i].models : "", b[i].runs,
                       (unsigned long long)b[i].seed, b[i].noise);
    if (n == 0)
        fputs("(no batches stored)\n", out);
    else
        ent_table_print(t, out, cli_color(out));
    ent_table_free(t);
}

static int write_list(FILE *out, const runs_args *a, ent_db *db, ent_error *err)
{
    ent_batch_info *b;
    int n, rc = 0;

    if (ent_db_list(db, &b, &n, err) != 0)
        return -1;
    if (a->format == CLI_JSON)
        rc = ent_batches_write_json(out, b, n, err);
    else if (a->format == CLI_CSV)
        rc = ent_batches_write_csv(out, b, n, err);
    else
        list_table(out, b, n);
    ent_batch_info_free(b, n);
    return rc;
}

static int write_batch(FILE *out, const runs_args *a, ent_db *db,
                       ent_error *err)
{
    ent_ensemble_result *r;
    int rc;

    if (ent_db_load(db, a->show, &r, err) != 0)
        return -1;
    if (a->format == CLI_EXCHANGES)
        rc = ent_ensemble_write_exchanges_csv(out, r, a->with_runs, err);
    else if (a->format == CLI_CSV)
        rc = ent_ensemble_write_csv(out, r, a->with_runs, err);
    else
        rc = ent_ensemble_write_json(out, r, a->with_runs, err);
    ent_ensemble_free(r);
    return rc;
}

int cmd_runs(int argc, char **argv)
{
    runs_args a;
    ent_db *db = NULL;
    cli_output o;
    ent_error err;
    int rc;

    ent_error_clear(&err);
    if ((rc = parse_args(argc, argv, &a)) != ENT_EXIT_OK || a.help)
        return rc;
    if (ent_db_open(a.db, 0, &db, &err) != 0)
        return cli_report_error(&err);
    if ((rc = cli_output_open(&o, a.output)) != 0) {
        ent_db_close(db);
        return rc;
    }
    rc =
        a.show ? write_batch(o.f, &a, db, &err) : write_list(o.f, &a, db, &err);
    ent_db_close(db);
    if (rc != 0) {
        cli_output_close(&o, 0);
        return cli_report_error(&err);
    }
    return cli_output_close(&o, 1);
}
