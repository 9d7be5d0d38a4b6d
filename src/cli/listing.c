/*
 * listing.c -- option parsing and output for the scenario listing commands.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli/listing.h"

static int parse_year(const char *cmd, const char *opt, const char *text,
                      int *out)
{
    char *end;
    long v = strtol(text, &end, 10);

    if (end == text || *end || v < -9999 || v > 9999)
        return cli_usage_error(cmd, "%s: expected a year, got '%s'", opt, text);
    *out = (int)v;
    return 0;
}

static int option_allowed(int c, unsigned allowed)
{
    switch (c) {
    case 'g': return (allowed & LIST_GREP) != 0;
    case 'a': return (allowed & LIST_ACTOR) != 0;
    case 'F':
    case 'T': return (allowed & LIST_RANGE) != 0;
    case 'p': return (allowed & LIST_PERIOD) != 0;
    case 'c': return (allowed & LIST_CHECK) != 0;
    case 'C': return (allowed & LIST_CONTRADICTIONS) != 0;
    default: return 1;
    }
}

ent_exit list_parse(int argc, char **argv, const char *cmd, unsigned allowed,
                    const char *usage, list_args *a)
{
    static const struct option longopts[] = {
        {"grep", required_argument, NULL, 'g'},
        {"actor", required_argument, NULL, 'a'},
        {"from", required_argument, NULL, 'F'},
        {"to", required_argument, NULL, 'T'},
        {"period", required_argument, NULL, 'p'},
        {"check", no_argument, NULL, 'c'},
        {"contradictions", no_argument, NULL, 'C'},
        {"format", required_argument, NULL, 'f'},
        {"output", required_argument, NULL, 'o'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    int c, index = -1;

    memset(a, 0, sizeof *a);
    a->from = -99999;
    a->to = 99999;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":o:f:h", longopts, &index)) != -1) {
        int rc = 0;

        if (c != ':' && c != '?' && !option_allowed(c, allowed))
            return cli_usage_error(cmd, "unknown option '--%s'",
                                   index >= 0 ? longopts[index].name : "?");
        index = -1;
        switch (c) {
        case 'g': a->grep = optarg; break;
        case 'a': a->actor = optarg; break;
        case 'F': rc = parse_year(cmd, "--from", optarg, &a->from); break;
        case 'T': rc = parse_year(cmd, "--to", optarg, &a->to); break;
        case 'p': a->period = optarg; break;
        case 'c': a->check = 1; break;
        case 'C': a->contradictions = 1; break;
        case 'f':
            rc = cli_parse_format(cmd, optarg, &a->format);
            if (!rc && a->format == CLI_JSON)
                rc = cli_usage_error(cmd, "--format: expected table or csv");
            break;
        case 'o': a->output = optarg; break;
        case 'h':
            fputs(usage, stdout);
            a->help = 1;
            return ENT_EXIT_OK;
        case ':':
            return cli_usage_error(cmd, "%s needs a value", argv[optind - 1]);
        default: return cli_unknown_option(cmd, argv[optind - 1], longopts);
        }
        if (rc)
            return rc;
    }
    if (a->from > a->to)
        return cli_usage_error(cmd,
                               "--from %d is after --to %d (expected "
                               "--from YEAR no later than --to YEAR)",
                               a->from, a->to);
    if (optind >= argc)
        return cli_usage_error(
            cmd, "expected a scenario (e.g. 'entente %s belarus')", cmd);
    a->source = argv[optind++];
    if (optind < argc)
        return cli_usage_error(cmd, "unexpected argument '%s'", argv[optind]);
    return ENT_EXIT_OK;
}

int list_match(const char *haystack, const char *needle)
{
    size_t n;

    if (!needle)
        return 1;
    if (!haystack)
        return 0;
    n = strlen(needle);
    for (; *haystack; haystack++)
        if (strncasecmp(haystack, needle, n) == 0)
            return 1;
    return n == 0;
}

int list_emit(const list_args *a, ent_table *t, const char *title)
{
    cli_output o;
    int rc = cli_output_open(&o, a->output);

    if (rc) {
        ent_table_free(t);
        return rc;
    }
    if (a->format == CLI_CSV) {
        ent_table_print_csv(t, o.f);
    } else {
        if (title) {
            cli_put_text(o.f, title);
            fputs("\n\n", o.f);
        }
        ent_table_print(t, o.f, cli_color(o.f));
    }
    ent_table_free(t);
    return cli_output_close(&o, 1);
}

const char *list_join(const ent_strlist *l, const char *sep, char *buf,
                      size_t size)
{
    size_t used = 0;

    buf[0] = '\0';
    for (int i = 0; i < l->count && used < size; i++)
        used += (size_t)snprintf(buf + used, size - used, "%s%s", i ? sep : "",
                                 l->items[i]);
    return buf;
}
