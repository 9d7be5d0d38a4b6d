/*
 * protect.c -- protected calls (protect.h) and the allocation test hook.
 *
 * The frame stack and the unwind list are per thread (_Thread_local): a
 * failure on one thread never unwinds another.  The only process-wide
 * state is the test hook's counter, read only when ENT_TEST_FAIL_ALLOC is
 * set (docs/testing.md).
 */
#include <stdatomic.h>
#include <stdlib.h>

#include "util/protect.h"

static _Thread_local ent_frame *top_frame;
static _Thread_local ent_unwind *top_unwind;
static _Thread_local unsigned long unwind_seq;

ent_frame *ent_frame_top(void)
{
    return top_frame;
}

void ent_frame_push(ent_frame *f)
{
    f->prev = top_frame;
    f->mark = unwind_seq;
    top_frame = f;
}

void ent_frame_pop(ent_frame *f)
{
    top_frame = f->prev;
}

int ent_oom_error(ent_error *err)
{
    return ent_fail(err, ENT_EXIT_RUNTIME, "out of memory");
}

int ent_frame_caught(ent_frame *f, ent_error *err)
{
    /* newest first; each action unlinks nothing itself */
    while (top_unwind && top_unwind->seq > f->mark) {
        ent_unwind *u = top_unwind;

        top_unwind = u->prev;
        u->prev = NULL;
        u->run(u->arg);
    }
    top_frame = f->prev;
    return ent_oom_error(err);
}

void ent_unwind_link(ent_unwind *u, void (*run)(void *arg), void *arg)
{
    u->run = run;
    u->arg = arg;
    u->seq = ++unwind_seq;
    u->prev = top_unwind;
    top_unwind = u;
}

void ent_unwind_unlink(ent_unwind *u)
{
    for (ent_unwind **p = &top_unwind; *p; p = &(*p)->prev)
        if (*p == u) {
            *p = u->prev;
            break;
        }
    u->prev = NULL;
}

int ent_pcall(int (*fn)(void *ctx, ent_error *err), void *ctx, ent_error *err)
{
    ent_frame f;
    int rc;

    ent_frame_push(&f);
    if (setjmp(f.jump))
        return ent_frame_caught(&f, err);
    rc = fn(ctx, err);
    ent_frame_pop(&f);
    return rc;
}

/* The test hook: allocation number `fail_at` (counting from 1) fails, once;
   0: none does.  -1: ENT_TEST_FAIL_ALLOC not read yet. */
static atomic_long fail_at = -1;
static atomic_long alloc_count;
static atomic_int fired;

static long hook_target(void)
{
    long v = atomic_load_explicit(&fail_at, memory_order_relaxed);

    if (v < 0) {
        /* NOLINTNEXTLINE(concurrency-mt-unsafe): read once, at the first
           allocation */
        const char *s = getenv("ENT_TEST_FAIL_ALLOC");

        v = s ? strtol(s, NULL, 10) : 0;
        if (v < 0)
            v = 0;
        atomic_store_explicit(&fail_at, v, memory_order_relaxed);
    }
    return v;
}

int ent_alloc_injected(void)
{
    long at = hook_target();

    if (at > 0 && atomic_fetch_add(&alloc_count, 1) + 1 == at) {
        atomic_store(&fired, 1);
        return 1;
    }
    return 0;
}

void ent_test_fail_alloc(long n)
{
    atomic_store(&alloc_count, 0);
    atomic_store(&fired, 0);
    atomic_store(&fail_at, n > 0 ? n : 0);
}

int ent_test_alloc_fired(void)
{
    return atomic_load(&fired);
}

void *ent_malloc_checked(size_t size)
{
    return ent_alloc_injected() ? NULL : malloc(size);
}

void *ent_realloc_checked(void *ptr, size_t size)
{
    return ent_alloc_injected() ? NULL : realloc(ptr, size);
}
