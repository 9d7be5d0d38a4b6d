/*
 * export_whatif.c -- what-ifs in the JSON and CSV exports: every output of
 * a run lists the changes made to its inputs.
 */
#include <stdlib.h>
#include <string.h>

#include "store/export_whatif.h"
#include "store/json_text.h"

static const char *const kinds[] = {"set", "drop", "shock"};
static const char *const fields[] = {"position", "salience", "capability"};

static json_t *change_json(const ent_change *c, const ent_scenario *sc)
{
    json_t *o = json_object(), *sources = json_array();

    json_object_set_new(o, "change", ent_json_text(kinds[c->kind]));
    json_object_set_new(o, "label", ent_json_text(c->label));
    if (c->actor >= 0)
        json_object_set_new(o, "actor", ent_json_text(sc->actors[c->actor].id));
    if (c->issue >= 0)
        json_object_set_new(o, "issue", ent_json_text(sc->issues[c->issue].id));
    if (c->kind == ENT_CHANGE_SET) {
        json_object_set_new(o, "field", ent_json_text(fields[c->field]));
        /* salience as in the input files, 0..100 */
        json_object_set_new(o, "value",
                            json_real(c->field == ENT_FIELD_SALIENCE
                                          ? c->value * 100
                                          : c->value));
    }
    if (c->event >= 0)
        json_object_set_new(o, "event", ent_json_text(sc->events[c->event].id));
    json_object_set_new(o, "origin", ent_json_text(c->origin));
    json_object_set_new(o, "rationale", ent_json_text(c->rationale));
    for (int i = 0; i < c->sources.count; i++)
        json_array_append_new(sources, ent_json_text(c->sources.items[i]));
    json_object_set_new(o, "sources", sources);
    return o;
}

json_t *ent_whatif_json(const ent_whatif *w, const ent_scenario *sc)
{
    json_t *list = json_array();

    for (int i = 0; w && i < w->count; i++)
        json_array_append_new(list, change_json(&w->items[i], sc));
    return list;
}

json_t *ent_whatif_shocks_json(const ent_whatif *w, const ent_scenario *sc)
{
    json_t *list = json_array();

    for (int i = 0; w && i < w->count; i++)
        if (w->items[i].kind == ENT_CHANGE_SHOCK)
            json_array_append_new(
                list, ent_json_text(sc->events[w->items[i].event].id));
    return list;
}

void ent_whatif_csv_field(FILE *out, const ent_whatif *w)
{
    size_t size = 1, used = 0;
    char *text;

    for (int i = 0; w && i < w->count; i++)
        size += strlen(w->items[i].label) + 2;
    text = ent_xcalloc(size, 1);
    for (int i = 0; w && i < w->count; i++)
        used += (size_t)snprintf(text + used, size - used, "%s%s",
                                 i ? "; " : "", w->items[i].label);
    ent_csv_field(out, text);
    free(text);
}
