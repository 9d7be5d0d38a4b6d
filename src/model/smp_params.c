/*
 * smp_params.c -- the parameters of the `smp` engine.
 *
 * KTAB's nine model parameters keep KTAB's names and value names (given by
 * name, case-insensitively, or by KTAB's index).  Each KTAB quirk that the
 * engine reproduces by default has an option that corrects it; `Outcome`
 * and `EffectivePower` choose what the trace reports; `seed` seeds the
 * Stochastic state transitions.  docs/models.md, smp, has the table.
 */
#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "model/smp.h"

static const char *const vpm_names[] = {"Linear", "Square", "Quartic",
                                        "Octic",  "Binary", NULL};
static const char *const pcem_names[] = {"Conditional", "MarkovIncentive",
                                         "MarkovUniform", NULL};
static const char *const stm_names[] = {"Deterministic", "Stochastic", NULL};
static const char *const vr_names[] = {"Binary", "PropBin",   "Prop", "PropCbc",
                                       "Cubic",  "ASymProsp", NULL};
static const char *const radj_names[] = {"None",      "OneThird", "Half",
                                         "TwoThirds", "Full",     NULL};
static const char *const rrange_names[] = {"Min", "Mid", "Max", NULL};
static const char *const tpc_names[] = {"NoCommit", "SemiCommit", "FullCommit",
                                        NULL};
static const char *const ivb_names[] = {"S1P1", "S2P2", "S2PMax", NULL};
static const char *const bmod_names[] = {"InitOnlyInterp", "InitRcvrInterp",
                                         "PWCompInterp", NULL};
static const char *const chlg_names[] = {"ratio", "vpmodel", NULL};
static const char *const round_names[] = {"round4", "none", NULL};
static const char *const pw_names[] = {"initiator", "receiver", NULL};
static const char *const rcvr_names[] = {"gain", "prob", NULL};
static const char *const tp_names[] = {"shared", "sided", NULL};
static const char *const check_names[] = {"ktab", "off", NULL};
static const char *const flat_names[] = {"error", "neutral", NULL};
static const char *const two_names[] = {"warn", "ktab", NULL};
static const char *const zero_names[] = {"indifferent", "error", NULL};
static const char *const outcome_names[] = {"mode", "mean", NULL};
static const char *const effpow_names[] = {"CapSal", "PosProb", NULL};

/* One choice parameter: its name, value names and field offset. */
typedef struct choice {
    const char *name;
    const char *const *values;
    size_t offset;
} choice;

#define FIELD(f) offsetof(smp_params, f)

static const choice choices[] = {
    {"VictoryProbModel", vpm_names, FIELD(vpm)},
    {"PCEModel", pcem_names, FIELD(pcem)},
    {"StateTransitions", stm_names, FIELD(stm)},
    {"VotingRule", vr_names, FIELD(vr)},
    {"BigRAdjust", radj_names, FIELD(radj)},
    {"BigRRange", rrange_names, FIELD(rrange)},
    {"ThirdPartyCommit", tpc_names, FIELD(tpc)},
    {"InterVecBrgn", ivb_names, FIELD(ivb)},
    {"BargnModel", bmod_names, FIELD(bmod)},
    {"ChallengeVictoryProb", chlg_names, FIELD(chlg_vpm)},
    {"BargainRounding", round_names, FIELD(no_round)},
    {"PWCompWeight", pw_names, FIELD(pw_receiver)},
    {"ReceiverEstimate", rcvr_names, FIELD(rcvr_prob)},
    {"ThirdPartyProb", tp_names, FIELD(tp_sided)},
    {"SanityChecks", check_names, FIELD(no_checks)},
    {"DegenerateRisk", flat_names, FIELD(flat_neutral)},
    {"TwoPositions", two_names, FIELD(two_ktab)},
    {"ZeroSalience", zero_names, FIELD(zero_sal_error)},
    {"Outcome", outcome_names, FIELD(outcome_mean)},
    {"EffectivePower", effpow_names, FIELD(effpow_prob)},
};

#define N_CHOICES (sizeof choices / sizeof choices[0])

void smp_params_default(smp_params *p)
{
    memset(p, 0, sizeof *p);
    p->vpm = SMP_VPM_LINEAR;
    p->pcem = SMP_PCE_CONDITIONAL;
    p->stm = SMP_STM_DETERMINISTIC;
    p->vr = SMP_VR_PROP;
    p->radj = SMP_RADJ_ONE_THIRD;
    p->rrange = SMP_RRANGE_MID;
    p->tpc = SMP_TPC_SEMI;
    p->ivb = SMP_IVB_S2P2;
    p->bmod = SMP_BM_INIT_ONLY;
    p->seed = SMP_DEFAULT_SEED;
    p->max_iter = 100;
}

/* A 64-bit seed in decimal or 0x-hexadecimal. */
static int parse_seed(const ent_option *opt, uint64_t *out, ent_error *err)
{
    const char *s = opt->value;
    char *end;
    unsigned long long v;

    errno = 0;
    v = strtoull(s, &end, 0);
    if (s[0] == '\0' || s[0] == '-' || s[0] == '+' || *end != '\0' ||
        errno == ERANGE)
        return ent_fail(err, ENT_EXIT_INPUT,
                        "parameter %s: expected an unsigned 64-bit integer "
                        "(decimal or 0x hex), got '%s'",
                        opt->name, s);
    *out = (uint64_t)v;
    return 0;
}

static int parse_one(smp_params *p, const ent_option *opt, ent_error *err)
{
    if (strcasecmp(opt->name, "seed") == 0)
        return parse_seed(opt, &p->seed, err);
    for (size_t c = 0; c < N_CHOICES; c++) {
        if (strcasecmp(opt->name, choices[c].name) == 0) {
            int *field = (int *)((char *)p + choices[c].offset);

            return ent_option_choice(opt, choices[c].values, field, err);
        }
    }
    return ent_fail(err, ENT_EXIT_INPUT,
                    "smp: unknown parameter '%s' (known: VictoryProbModel, "
                    "PCEModel, StateTransitions, VotingRule, BigRAdjust, "
                    "BigRRange, ThirdPartyCommit, InterVecBrgn, BargnModel, "
                    "ChallengeVictoryProb, BargainRounding, PWCompWeight, "
                    "ReceiverEstimate, ThirdPartyProb, SanityChecks, "
                    "DegenerateRisk, TwoPositions, ZeroSalience, Outcome, "
                    "EffectivePower, "
                    "seed)",
                    opt->name);
}

int smp_params_parse(smp_params *p, const ent_model_options *o, ent_error *err)
{
    if (!o)
        return 0;
    if (o->rounds > 0)
        p->max_iter = o->rounds;
    for (int i = 0; i < o->n_params; i++)
        if (parse_one(p, &o->params[i], err) < 0)
            return -1;
    return 0;
}
