/*
 * trace.c -- releasing traces: one trace's contents, or a whole array from
 * ent_model_run.
 */
#include <stdlib.h>

#include "entente/model.h"

void ent_trace_clear(ent_trace *t)
{
    ent_trace_free(t);
}

void ent_traces_free(ent_trace *traces, int n)
{
    if (!traces)
        return;
    for (int i = 0; i < n; i++)
        ent_trace_free(&traces[i]);
    free(traces);
}
