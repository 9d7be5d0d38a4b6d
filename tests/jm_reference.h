/*
 * jm_reference.h -- the EC emissions example as J. McKibben-Sanders's
 * replication of Scholz, Calbert & Smith's code computes it: the values
 * the `eu` engine reproduces (tests/test_eu.c, tests/test_cli.c).
 */
#ifndef ENT_TEST_JM_REFERENCE_H
#define ENT_TEST_JM_REFERENCE_H

/*
 * Our default (= JM) values for rounds 0-10, to 15 digits; they equal
 * JM's Example.log (its "Mean position" lines and the Belgium /
 * Luxembourg / Ireland moves) to within 1e-13.  The medians are argmin F
 * of those positions.
 */
static const double jm_median[11] = {7.0,
                                     8.415932315426764,
                                     9.610859134120188,
                                     9.961979590401311,
                                     9.961979590401311,
                                     9.961979590401311,
                                     7.47204636191629,
                                     8.824593855262423,
                                     9.671129769802048,
                                     9.671129769802048,
                                     7.0};
static const double jm_mean[11] = {
    7.389955686853767, 7.461314378277189,  7.552500865855845, 7.590144997451547,
    7.358130531334201, 7.3491739896752115, 7.414877545372958, 7.510457183677219,
    7.5724470975503,   7.324989065683666,  7.242130958473938};
/* Rounds 1-10 of the three actors that move (Example.log's new_pos). */
static const double jm_belgium[10] = {
    8.415932315426764, 9.610859134120188, 9.961979590401311, 4.800881140632622,
    5.524237694197356, 7.47204636191629,  8.824593855262423, 9.671129769802048,
    4.144849062500606, 4.291541224979646};
static const double jm_luxembourg[10] = {7.0,
                                         8.415932315426764,
                                         9.610859134120188,
                                         9.961979590401311,
                                         4.800881140632622,
                                         5.524237694197356,
                                         7.47204636191629,
                                         8.824593855262423,
                                         9.671129769802048,
                                         4.144849062500606};
static const double jm_ireland[10] = {4.0,
                                      7.0,
                                      8.415932315426764,
                                      9.610859134120188,
                                      9.961979590401311,
                                      5.524237694197356,
                                      7.47204636191629,
                                      8.824593855262423,
                                      9.671129769802048,
                                      4.144849062500606};

#endif
