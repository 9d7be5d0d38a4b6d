/*
 * institutions.c -- institutions.csv: the treaties, alliances,
 * organisations, agreements and doctrines the bargaining happens in, with
 * their member actors.  Optional.
 */
#include <strings.h>

#include "scenario/cells.h"
#include "scenario/loader.h"

enum {
    C_ID,
    C_NAME,
    C_KIND,
    C_YEAR,
    C_MEMBERS,
    C_DESCRIPTION,
    C_SOURCES,
    N_COLS
};

static int valid_kind(const char *kind)
{
    static const char *const kinds[] = {"treaty",    "alliance", "organisation",
                                        "agreement", "doctrine", "concept",
                                        "programme", "facility", "exercise"};

    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
        if (strcasecmp(kind, kinds[i]) == 0)
            return 1;
    return 0;
}

static int read_kind(const scn_table *t, int r, int col, char **out,
                     ent_error *err)
{
    if (scn_cell_text_req(t, r, col, "kind", out, err) != 0)
        return -1;
    if (!valid_kind(*out))
        return scn_cell_fail(err, t, r, col, "kind",
                             "expected treaty, alliance, organisation, "
                             "agreement, doctrine, concept, programme, "
                             "facility or exercise, got \"%s\"",
                             *out);
    return 0;
}

static int read_members(const ent_scenario *sc, const scn_table *t, int r,
                        int col, ent_strlist *out, ent_error *err)
{
    scn_cell_list(t, r, col, out);
    for (int i = 0; i < out->count; i++)
        if (ent_scenario_actor(sc, out->items[i]) < 0)
            return scn_cell_fail(err, t, r, col, "members",
                                 "unknown actor \"%s\" (expected ids defined "
                                 "in actors.csv)",
                                 out->items[i]);
    return 0;
}

static int read_institution(ent_scenario *sc, const scn_table *t, int r,
                            const int *col, ent_strlist *ids, ent_error *err)
{
    ent_institution *in;
    int year;

    sc->institutions = scn_grow(sc->institutions, sc->n_institutions,
                                sizeof *sc->institutions);
    in = &sc->institutions[sc->n_institutions++];
    in->description = scn_cell_text(t, r, col[C_DESCRIPTION]);
    if (scn_cell_new_id(t, r, col[C_ID], 1, ids, &in->id, err) != 0 ||
        scn_cell_text_req(t, r, col[C_NAME], "name", &in->name, err) != 0 ||
        read_kind(t, r, col[C_KIND], &in->kind, err) != 0 ||
        scn_cell_date(t, r, col[C_YEAR], "year", 0, &in->year, &year, err) !=
            0 ||
        read_members(sc, t, r, col[C_MEMBERS], &in->members, err) != 0 ||
        scn_cell_sources(sc, t, r, col[C_SOURCES], 0, &in->sources, err) != 0)
        return -1;
    return 0;
}

int scn_load_institutions(ent_scenario *sc, const char *dir, ent_error *err)
{
    static const char *const names[N_COLS] = {
        "*id", "*name", "*kind", "year", "members", "description", "sources"};

    return scn_load_rows(sc, dir, "institutions.csv", 0, "institution", names,
                         N_COLS, read_institution, err);
}
