/*
 * oracle.c -- the whole path and its oracles, shared by the fuzz targets
 * (oracle.h).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <jansson.h>

#include "oracle.h"

#define FUZZ_ROUNDS 3

static void broken(const char *what, const char *detail)
{
    fprintf(stderr, "fuzz oracle broken: %s%s%s\n", what, detail ? ": " : "",
            detail ? detail : "");
    abort();
}

/* A failure must carry a status and a message. */
static void check_error(const ent_error *err, int allow_runtime)
{
    if (err->code != ENT_EXIT_INPUT &&
        !(allow_runtime && err->code == ENT_EXIT_RUNTIME))
        broken("failure without a proper exit status", err->msg);
    if (err->msg[0] == '\0')
        broken("failure without a message", NULL);
}

/* The JSON forecast parses, and every forecast has as many actor names as
   position columns in each round, and only numbers (no null) where
   positions and outcomes go. */
static void check_json(const char *text)
{
    json_error_t jerr;
    json_t *root = json_loads(text, 0, &jerr), *list;
    size_t i;
    json_t *fc;

    if (!root)
        broken("JSON output does not parse", jerr.text);
    list = json_object_get(root, "forecasts");
    if (!json_is_array(list))
        broken("JSON output has no forecasts array", NULL);
    json_array_foreach(list, i, fc)
    {
        size_t n = json_array_size(json_object_get(fc, "actors")), r;
        json_t *row;

        json_t *failure = json_object_get(fc, "error");

        /* a model that failed on the issue says why instead */
        if (!json_is_number(json_object_get(fc, "outcome")) &&
            !(json_is_string(failure) && *json_string_value(failure)))
            broken("JSON forecast outcome is not a number", NULL);
        json_array_foreach(json_object_get(fc, "rounds"), r, row)
        {
            size_t k;
            json_t *v;

            if (json_array_size(row) != n)
                broken("JSON actors and position columns disagree", NULL);
            json_array_foreach(row, k, v) if (!json_is_number(v))
                broken("JSON position is not a number", NULL);
        }
    }
    json_decref(root);
}

/* 1 if text[0..len) spells a non-finite number as printf does ("nan",
   "-nan", "inf", "-inf", any case). */
static int has_nonfinite(const char *text, size_t len)
{
    for (size_t i = 0; i + 3 <= len; i++)
        if (strncasecmp(text + i, "nan", 3) == 0 ||
            strncasecmp(text + i, "inf", 3) == 0)
            return 1;
    return 0;
}

/* The CSV forecast's numbers, the last two fields of each record after
   the header (names come earlier, may be quoted and may hold line breaks
   or any text), are finite. */
static void check_finite_csv(const char *text)
{
    const char *prev = NULL, *field = text, *p = text;
    int quoted = 0, header = 1;

    for (;; p++) {
        if (*p == '"')
            quoted = !quoted;
        else if (!quoted && *p == ',') {
            prev = field;
            field = p + 1;
        } else if (*p == '\0' || (!quoted && *p == '\n')) {
            if (!header && prev && has_nonfinite(prev, (size_t)(p - prev)))
                broken("non-finite number in CSV", prev);
            header = 0;
            prev = NULL;
            field = p + 1;
            if (*p == '\0')
                return;
        }
    }
}

/* The HTML's SVG geometry (where a non-finite number would go; names
   live elsewhere) is finite.  One pass over the text: a strstr per match
   is quadratic under ASan, whose strstr measures the whole rest. */
static void check_finite_html(const char *text)
{
    static const char *const attrs[] = {
        " x=\"",  " y=\"",      " x1=\"",     " y1=\"",       " x2=\"",
        " y2=\"", " cx=\"",     " cy=\"",     " r=\"",        " width=\"",
        " d=\"",  " points=\"", " height=\"", " transform=\""};

    for (const char *p = strchr(text, ' '); p; p = strchr(p + 1, ' '))
        for (size_t a = 0; a < sizeof attrs / sizeof attrs[0]; a++) {
            size_t n = strlen(attrs[a]);
            const char *v, *e;

            if (strncmp(p, attrs[a], n) != 0)
                continue;
            v = p + n;
            e = strchr(v, '"');
            if (e && has_nonfinite(v, (size_t)(e - v)))
                broken("non-finite number in the HTML's SVG", p);
        }
}

typedef struct sink {
    char *buf;
    size_t len;
    FILE *f;
} sink;

static void sink_open(sink *s)
{
    s->buf = NULL;
    s->len = 0;
    s->f = open_memstream(&s->buf, &s->len);
    if (!s->f)
        broken("open_memstream", NULL);
}

static void sink_close(sink *s)
{
    fclose(s->f);
    s->f = NULL;
}

static void write_all(const ent_scenario *sc, const ent_forecast *f)
{
    ent_error err;
    sink s;

    ent_error_clear(&err);
    sink_open(&s);
    if (ent_forecast_write_json(s.f, sc, sc->default_period, NULL, f, &err) !=
        0)
        broken("JSON writer failed", err.msg);
    sink_close(&s);
    check_json(s.buf);
    free(s.buf);
    sink_open(&s);
    if (ent_forecast_write_csv(s.f, sc, sc->default_period, NULL, f, &err) != 0)
        broken("CSV writer failed", err.msg);
    sink_close(&s);
    check_finite_csv(s.buf);
    free(s.buf);
    sink_open(&s);
    if (ent_report_html(s.f, sc, sc->default_period, f, NULL, NULL, &err) != 0)
        check_error(&err, 1);
    sink_close(&s);
    check_finite_html(s.buf);
    free(s.buf);
}

/* Every engine on the default period, a few rounds each. */
static void run_engines(const ent_scenario *sc)
{
    const ent_engine *const *all = ent_engines();
    ent_problem *p = NULL;
    ent_error err;

    ent_error_clear(&err);
    if (ent_problem_build(sc, sc->default_period, &p, &err) != 0) {
        check_error(&err, 0);
        return;
    }
    for (int m = 0; all[m]; m++) {
        ent_model_options opts = {.rounds = FUZZ_ROUNDS};
        ent_forecast *f = NULL;

        ent_error_clear(&err);
        if (ent_forecast_run(p, &all[m], &opts, 1, &f, &err) != 0) {
            check_error(&err, 1);
            continue;
        }
        for (int k = 0; k < p->n_issues; k++) {
            const ent_error *e = ent_forecast_error(f, 0, k);

            if (e)
                check_error(e, 1);
            else if (ent_forecast_trace(f, 0, k, NULL) &&
                     !isfinite(ent_forecast_outcome(f, 0, k)))
                broken("a forecast without an error is not a number", NULL);
        }
        write_all(sc, f);
        ent_forecast_free(f);
    }
    ent_problem_free(p);
}

void fuzz_check_scenario(int rc, ent_scenario *sc, const ent_error *err)
{
    if (rc != 0) {
        if (sc)
            broken("failed load returned a scenario", NULL);
        check_error(err, 0);
        return;
    }
    if (!sc)
        broken("successful load returned no scenario", NULL);
    if (sc->n_actors <= FUZZ_MAX_ACTORS && sc->n_issues <= FUZZ_MAX_ISSUES &&
        sc->periods.count > 0)
        run_engines(sc);
    ent_scenario_free(sc);
}

const char *fuzz_write_temp(const uint8_t *data, size_t size,
                            const char *suffix)
{
    static char path[256];
    FILE *f;

    snprintf(path, sizeof path, "/tmp/entente-fuzz-%d%s", (int)getpid(),
             suffix);
    f = fopen(path, "wb");
    if (!f || fwrite(data, 1, size, f) != size)
        broken("cannot write the temporary input", path);
    fclose(f);
    return path;
}
