/*
 * test_report_layout.c -- the layout helpers of the report's charts:
 * label placement (no overlaps, order kept, least movement, inside its
 * band when there is room), text wrapping (every line fits, no word
 * lost, cut lines end in an ellipsis) and, on the Belarus report, the
 * rules the charts promise: labels never cut, at most SVG_N_HIGHLIGHT
 * coloured lines per chart, no font size but the stylesheet's.  The
 * rendered page is checked in a browser by tests/browser/.
 */
#include "harness.h"
#include "report/svg.h"

#define EPS 1e-9

static void assert_placed(const svg_span *s, int n, double gap)
{
    for (int i = 0; i < n; i++)
        for (int j = 0; j < n; j++) {
            if (i == j)
                continue;
            /* in wanted order, and apart by at least gap */
            if (i < j ? s[i].want <= s[j].want : s[i].want < s[j].want)
                continue;
            assert_true(s[i].at - s[i].size / 2 >=
                        s[j].at + s[j].size / 2 + gap - EPS);
        }
}

static void test_spans_apart_stay(void **state)
{
    svg_span s[3] = {{10, 10, 0}, {50, 10, 0}, {30, 10, 0}};

    (void)state;
    svg_place_spans(s, 3, 2, 0, 100);
    for (int i = 0; i < 3; i++)
        assert_true(fabs(s[i].at - s[i].want) < EPS);
}

static void test_spans_crowded(void **state)
{
    /* five labels that all want the same place, 12 high, 3 apart */
    svg_span s[5];
    double end, mean = 0;

    (void)state;
    for (int i = 0; i < 5; i++)
        s[i] = (svg_span){50, 12, 0};
    end = svg_place_spans(s, 5, 3, 0, 200);
    assert_placed(s, 5, 3);
    /* packed edge to edge, centred on where they want to be */
    for (int i = 0; i < 5; i++)
        mean += s[i].at / 5;
    assert_true(fabs(mean - 50) < EPS);
    assert_true(fabs(end - (50 + (5 * 12 + 4 * 3) / 2.0)) < EPS);
}

static void test_spans_bounds(void **state)
{
    /* labels wanting to sit past the bottom are pulled inside */
    svg_span s[4] = {{95, 10, 0}, {99, 10, 0}, {100, 20, 0}, {5, 10, 0}};

    (void)state;
    svg_place_spans(s, 4, 2, 0, 100);
    assert_placed(s, 4, 2);
    for (int i = 0; i < 4; i++) {
        assert_true(s[i].at - s[i].size / 2 >= -EPS);
        assert_true(s[i].at + s[i].size / 2 <= 100 + EPS);
    }
    assert_true(fabs(s[3].at - 5) < EPS); /* far away: not moved */
}

static void test_spans_overfull(void **state)
{
    /* more than fits: the first stay inside from lo, none overlap */
    svg_span s[6];
    double end;

    (void)state;
    for (int i = 0; i < 6; i++)
        s[i] = (svg_span){10.0 * i, 20, 0};
    end = svg_place_spans(s, 6, 0, 0, 50);
    assert_placed(s, 6, 0);
    assert_true(fabs(s[0].at - 10) < EPS);
    assert_true(fabs(end - 120) < EPS);
}

static void test_spans_random(void **state)
{
    /* any input: order kept, no overlap */
    unsigned x = 12345;

    (void)state;
    for (int round = 0; round < 200; round++) {
        svg_span s[9];
        int n = 1 + round % 9;

        for (int i = 0; i < n; i++) {
            x = x * 1103515245u + 12345u;
            s[i].want = (x >> 8) % 300;
            s[i].size = 5 + (x >> 4) % 30;
        }
        svg_place_spans(s, n, 4, 0, 300);
        assert_placed(s, n, 4);
    }
}

static void test_boxes_overlap(void **state)
{
    const double a[4] = {0, 10, 0, 10}, b[4] = {9, 20, 5, 8},
                 touch[4] = {10, 20, 0, 10}, apart[4] = {0, 10, 11, 20};

    (void)state;
    assert_true(svg_boxes_overlap(a, b, 0));
    assert_false(svg_boxes_overlap(a, b, 1.5)); /* 1 px: within slack */
    assert_false(svg_boxes_overlap(a, touch, 0));
    assert_false(svg_boxes_overlap(a, apart, 0));
    assert_true(svg_boxes_overlap(b, a, 0));
}

/* The lines, joined with spaces, are the text with its runs of spaces
   collapsed. */
static void assert_words_kept(const svg_lines *l, const char *text)
{
    char joined[512] = "", squeezed[512];
    size_t k = 0;

    for (int i = 0; i < l->n; i++) {
        if (i)
            strcat(joined, " ");
        strcat(joined, l->line[i]);
    }
    for (const char *p = text; *p; p++)
        if (!(*p == ' ' && (k == 0 || squeezed[k - 1] == ' ' || !p[1])))
            squeezed[k++] = *p;
    squeezed[k] = '\0';
    assert_string_equal(joined, squeezed);
}

static void test_wrap(void **state)
{
    const char *name = "Kremlin (President Putin and the presidential "
                       "administration)";
    double width = 150;
    svg_lines l = svg_wrap(name, width, 0);

    (void)state;
    assert_true(l.n >= 2);
    assert_int_equal(l.cut, 0);
    for (int i = 0; i < l.n; i++)
        assert_true(svg_text_width(l.line[i], SVG_FONT) <= width * 1.04);
    assert_words_kept(&l, name);
    assert_true(fabs(svg_lines_height(&l) - l.n * SVG_LINE) < EPS);
    svg_lines_free(&l);
    /* a short name stays one line; an empty one has none */
    l = svg_wrap("NATO", width, 0);
    assert_int_equal(l.n, 1);
    assert_string_equal(l.line[0], "NATO");
    svg_lines_free(&l);
    l = svg_wrap("", width, 0);
    assert_int_equal(l.n, 0);
    svg_lines_free(&l);
}

static void test_wrap_cut(void **state)
{
    svg_lines l = svg_wrap("one two three four five six seven eight nine "
                           "ten eleven twelve",
                           60, 2);
    size_t last;

    (void)state;
    assert_int_equal(l.n, 2);
    assert_int_equal(l.cut, 1);
    last = strlen(l.line[1]);
    assert_true(last >= 3);
    assert_string_equal(l.line[1] + last - 3, "\xe2\x80\xa6");
    svg_lines_free(&l);
    /* one word longer than the line is cut inside the word */
    l = svg_wrap("Internationalisation", 40, 0);
    assert_true(l.n >= 2);
    for (int i = 0; i < l.n; i++)
        assert_true(svg_text_width(l.line[i], SVG_FONT) <= 40 * 1.04 ||
                    ent_utf8_width(l.line[i]) == 1);
    svg_lines_free(&l);
}

/* ---- the Belarus report ---- */

static char *belarus_page(void)
{
    cli_result r = run_cli("report belarus");
    char *page = r.out;

    assert_int_equal(r.status, 0);
    r.out = NULL;
    cli_result_free(&r);
    return page;
}

/* The SVG elements of the page, one at a time. */
static const char *next_svg(const char *p, const char **end)
{
    const char *s = strstr(p, "<svg");

    if (!s)
        return NULL;
    *end = strstr(s, "</svg>");
    assert_non_null(*end);
    return s;
}

static int count_between(const char *from, const char *to, const char *needle)
{
    int n = 0;

    for (const char *p = from; (p = strstr(p, needle)) && p < to; p++)
        n++;
    return n;
}

static void test_belarus_charts(void **state)
{
    ent_scenario *sc = NULL;
    ent_error err;
    char *page = belarus_page();
    const char *p = page, *end;
    int rounds_charts = 0, networks = 0;

    (void)state;
    ent_error_clear(&err);
    assert_int_equal(ent_scenario_open("belarus", "scenarios", &sc, &err), 0);
    while ((p = next_svg(p, &end))) {
        /* no chart text is set smaller than SVG_FONT: sizes are in the
           stylesheet only, never on an element */
        assert_int_equal(count_between(p, end, "font-size"), 0);
        /* coloured lines: at most SVG_N_HIGHLIGHT and the forecast */
        if (count_between(p, end, "class=\"series forecast\"")) {
            int lit = count_between(p, end, "<g class=\"series\">");

            assert_true(lit >= 1 && lit <= SVG_N_HIGHLIGHT);
            /* labels are never cut: names are wrapped instead */
            assert_int_equal(count_between(p, end, "\xe2\x80\xa6"), 0);
            rounds_charts++;
        }
        /* the exchange network: its names wrapped, never cut */
        if (count_between(p, end, "aria-label=\"Exchange network")) {
            assert_int_equal(count_between(p, end, "\xe2\x80\xa6"), 0);
            networks++;
        }
        p = end;
    }
    assert_true(rounds_charts >= 2 * sc->n_issues);
    assert_int_equal(networks, 2); /* wide and narrow */
    ent_scenario_free(sc);
    free(page);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_spans_apart_stay),
        cmocka_unit_test(test_spans_crowded),
        cmocka_unit_test(test_spans_bounds),
        cmocka_unit_test(test_spans_overfull),
        cmocka_unit_test(test_spans_random),
        cmocka_unit_test(test_boxes_overlap),
        cmocka_unit_test(test_wrap),
        cmocka_unit_test(test_wrap_cut),
        cmocka_unit_test(test_belarus_charts),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
