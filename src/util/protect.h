/*
 * protect.h -- protected calls: running out of memory unwinds to the
 * innermost protected call, which returns it as an error value (internal
 * to the library).
 *
 * Each thread keeps a stack of frames (a jmp_buf each).  ent_xmalloc and
 * friends longjmp to the top frame when an allocation fails; with no frame
 * they return NULL.  Every public function that allocates runs its body
 * under ENT_PROTECTED, which joins the caller's frame when there is one
 * (so an out-of-memory failure in a nested library call unwinds to the
 * outermost call) and opens one otherwise.  Code that must not be jumped
 * over opens a frame of its own with ent_pcall: the body of every OpenMP
 * worker (a longjmp never crosses a parallel region or a thread), and the
 * database calls, which clean up their SQLite statements when it fails.
 *
 * Memory allocated inside a call that fails this way is not freed (the
 * unwind skips the frees), except what registered an ent_unwind: the
 * atomic output files remove their temporaries.
 */
#ifndef ENT_UTIL_PROTECT_H
#define ENT_UTIL_PROTECT_H

#include <setjmp.h>

#include "entente/common.h"

typedef struct ent_frame {
    jmp_buf jump;
    struct ent_frame *prev;
    unsigned long
        mark; /* unwind actions registered after this run on failure */
} ent_frame;

/* The innermost frame of this thread, NULL outside any protected call. */
ent_frame *ent_frame_top(void);
void ent_frame_push(ent_frame *f);
/* Leaves f (the top frame) normally. */
void ent_frame_pop(ent_frame *f);
/* After the longjmp to f: runs the unwind actions registered since f was
   pushed, pops f and sets the out-of-memory error; returns -1. */
int ent_frame_caught(ent_frame *f, ent_error *err);

/* Sets the error every out-of-memory failure carries (ENT_EXIT_RUNTIME,
   "out of memory"); returns -1. */
int ent_oom_error(ent_error *err);

/* An action run when a protected call fails by running out of memory, for
   a resource that outlives the functions that made it (an output file's
   temporary).  Linked while the resource is live, unlinked when it is
   released normally; the node is owned by the resource, on the heap (the
   action runs after the unwind, so never on the stack of a function the
   unwind leaves). */
typedef struct ent_unwind {
    void (*run)(void *arg);
    void *arg;
    unsigned long seq;
    struct ent_unwind *prev;
} ent_unwind;

void ent_unwind_link(ent_unwind *u, void (*run)(void *arg), void *arg);
void ent_unwind_unlink(ent_unwind *u);

/* 1 if the test hook ENT_TEST_FAIL_ALLOC makes this allocation fail
   (docs/testing.md); counts allocations while the hook is set. */
int ent_alloc_injected(void);

/* The same hook for tests in the process: from now, the nth allocation
   fails (n <= 0: none), and ent_test_alloc_fired() tells whether it has. */
void ent_test_fail_alloc(long n);
int ent_test_alloc_fired(void);

/* malloc and realloc with the test hook ENT_TEST_FAIL_ALLOC applied, for
   code that handles NULL itself; ent_x* count through the same hook. */
void *ent_malloc_checked(size_t size);
void *ent_realloc_checked(void *ptr, size_t size);

/*
 * The body of a public function: `return`s `call` (of type `type`) run
 * under protection, or `fail` with err set to the out-of-memory error.
 * Joins the caller's protected call when there is one.  Arguments used by
 * `call` are read only before any longjmp, so they need not be volatile.
 */
#define ENT_PROTECTED(type, fail, err, call)                                   \
    do {                                                                       \
        ent_frame ent_frame_;                                                  \
        type ent_result_;                                                      \
                                                                               \
        if (ent_frame_top())                                                   \
            return (call);                                                     \
        ent_frame_push(&ent_frame_);                                           \
        if (setjmp(ent_frame_.jump)) {                                         \
            ent_frame_caught(&ent_frame_, (err));                              \
            return (fail);                                                     \
        }                                                                      \
        ent_result_ = (call);                                                  \
        ent_frame_pop(&ent_frame_);                                            \
        return ent_result_;                                                    \
    } while (0)

#define ENT_PROTECTED_INT(err, call) ENT_PROTECTED(int, -1, err, call)

#endif
