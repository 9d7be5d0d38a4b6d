# entente -- GNU Makefile.
#
#   make            build bin/entente, libentente.a and libentente.so
#   make run        build, then run the bundled Belarus scenario
#   make test       build, then run every test (SANITIZE=1: under ASan+UBSan)
#   make bench      build, then print the benchmarks
#   make report     build, then write report.html for the bundled Belarus scenario
#   make install    PREFIX=/usr/local DESTDIR=
#   make format     clang-format every C file (.clang-format)
#   make lint       cppcheck, then clang-tidy (.clang-tidy); both must be quiet
#   make fuzz       libFuzzer targets for every input parser (clang); make
#                   fuzz-smoke runs each for FUZZ_SECONDS (docs/testing.md)
#   make MPI=1      build the same tool against Open MPI (mpicc)
#   make V=1        print every full command line (default: one short line
#                   per file)
#
# `make run`, `make test` and `make bench` first install missing Debian build
# dependencies with apt-get when run as root, or print the exact command.
# chromium and nodejs are for the browser test of the HTML report
# (tests/browser.sh), which installs its npm package from the lock file.

PREFIX  ?= /usr/local
JOBS    ?= $(shell nproc 2>/dev/null || echo 2) # parallel compiles
DESTDIR ?=
# One version, in include/entente/common.h (ENT_VERSION).
VERSION := $(shell sed -n 's/^\#define ENT_VERSION "\([0-9.]*\)".*/\1/p' include/entente/common.h)

DEB_PACKAGES := gcc make pkg-config libcsv-dev libinih-dev libjansson-dev \
                libsqlite3-dev libcmocka-dev libopenmpi-dev openmpi-bin g++ \
                chromium nodejs libgmp-dev libsleef-dev

ifeq ($(MPI),1)
CC      := mpicc
BUILD   ?= build/mpi
MPIFLAGS := -DENT_MPI=1
else ifeq ($(SANITIZE),1)
CC      ?= gcc
BUILD   ?= build/san
SANFLAGS := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
else
CC      ?= gcc
BUILD   ?= build/release
endif

# Quiet build: one short line per file; `make V=1` prints full commands.
ifeq ($(V),1)
Q    :=
SAY  := @true
else
Q    := @
SAY  := @printf '  %-6s %s\n'
endif

PKGS     := jansson sqlite3 inih
OPT      ?= -O2
CFLAGS   ?= $(OPT) -g
ALL_CFLAGS = -std=c11 -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes \
             -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -fopenmp -fPIC \
             -fvisibility=hidden -Iinclude -Isrc -DENT_DATADIR='"$(PREFIX)/share/entente"' \
             $(MPIFLAGS) $(SANFLAGS) \
             $(shell pkg-config --cflags $(PKGS) 2>/dev/null) $(CFLAGS)
LDLIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lcsv -lgmp -lsleef -lm
ALL_LDFLAGS = -fopenmp $(SANFLAGS) $(LDFLAGS)

LIB_SRC  := $(sort $(wildcard src/util/*.c src/scenario/*.c src/model/*.c \
              src/ensemble/*.c src/store/*.c src/report/*.c))
CLI_SRC  := $(sort $(wildcard src/cli/*.c))
TEST_SRC := $(sort $(wildcard tests/test_*.c))
BENCH_SRC := $(sort $(wildcard bench/bench_*.c))

LIB_OBJ  := $(LIB_SRC:%.c=$(BUILD)/%.o)
CLI_OBJ  := $(CLI_SRC:%.c=$(BUILD)/%.o)
TEST_BIN := $(TEST_SRC:tests/%.c=$(BUILD)/tests/%)
BENCH_BIN := $(BENCH_SRC:bench/%.c=$(BUILD)/bench/%)

STATIC   := $(BUILD)/libentente.a
SHARED   := $(BUILD)/libentente.so
BIN      := $(BUILD)/entente

.PHONY: all run test check bench report install uninstall clean deps format lint

all: $(BIN) $(SHARED) bin/entente

bin/entente: $(BIN)
	@mkdir -p bin
	$(SAY) CP $@
	$(Q)cp $(BIN) $@

# The smp engine's vector kernels take square roots of sums of squares:
# without errno, GCC computes them in vector registers (the same IEEE
# roots; a function-level optimize pragma does not reach the
# target_clones versions).  Their GCC vectors never cross a call, so the
# ABI note about passing them is noise (src/model/smp_vec.h).
$(BUILD)/src/model/smp_%.o: ALL_CFLAGS += -fno-math-errno -Wno-psabi

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(SAY) CC $<
	$(Q)$(CC) $(ALL_CFLAGS) -MMD -MP -c $< -o $@

$(STATIC): $(LIB_OBJ)
	@rm -f $@
	$(SAY) AR $@
	$(Q)ar rcs $@ $^

$(SHARED): $(LIB_OBJ) src/libentente.map
	$(SAY) LD $@
	$(Q)$(CC) -shared -Wl,-soname,libentente.so.0 \
	    -Wl,--version-script=src/libentente.map $(ALL_LDFLAGS) -o $@ \
	    $(LIB_OBJ) $(LDLIBS)

$(BIN): $(CLI_OBJ) $(STATIC)
	$(SAY) LD $@
	$(Q)$(CC) $(ALL_LDFLAGS) -o $@ $(CLI_OBJ) $(STATIC) $(LDLIBS)

$(BUILD)/tests/%: tests/%.c $(wildcard tests/*.h) $(STATIC)
	@mkdir -p $(dir $@)
	$(SAY) CC $<
	$(Q)$(CC) $(ALL_CFLAGS) -Itests -o $@ $< $(STATIC) $(ALL_LDFLAGS) \
	    $(shell pkg-config --libs cmocka 2>/dev/null || echo -lcmocka) $(LDLIBS)

$(BUILD)/examples/%: examples/%.c $(STATIC)
	@mkdir -p $(dir $@)
	$(SAY) CC $<
	$(Q)$(CC) $(ALL_CFLAGS) -o $@ $< $(STATIC) $(ALL_LDFLAGS) $(LDLIBS)

$(BUILD)/bench/%: bench/%.c $(STATIC)
	@mkdir -p $(dir $@)
	$(SAY) CC $<
	$(Q)$(CC) $(ALL_CFLAGS) -o $@ $< $(STATIC) $(ALL_LDFLAGS) $(LDLIBS)

deps:
	@sh tools/install-deps.sh $(DEB_PACKAGES)

run: deps
	@$(MAKE) --no-print-directory -j$(JOBS) all
	./$(BIN)

test: deps
	@$(MAKE) --no-print-directory -j$(JOBS) $(BIN) $(SHARED) $(TEST_BIN) \
	    $(BUILD)/examples/forecast $(REPLAY_BIN)
	@ENTENTE_BIN=$(BIN) ENTENTE_BUILD=$(BUILD) sh tests/run-tests.sh $(TEST_BIN)
	@sh fuzz/replay.sh $(BUILD)/fuzz $(FUZZ_TARGETS)
ifeq ($(MPI)$(SANITIZE),)
	@if command -v mpicc >/dev/null 2>&1 && command -v mpirun >/dev/null 2>&1; then \
	    $(MAKE) --no-print-directory -j$(JOBS) MPI=1 build/mpi/entente && \
	    sh tests/mpi.sh $(BIN) build/mpi/entente; \
	else echo "SKIP mpi: no mpicc/mpirun (Debian: libopenmpi-dev openmpi-bin)"; fi
	@sh tests/symbols.sh $(SHARED)
	@sh tests/contracts.sh
	@sh tests/install.sh
	@sh tests/readme-tour.sh $(BIN)
	@sh tests/browser.sh $(BIN)
endif

check: test

report: deps
	@$(MAKE) --no-print-directory -j$(JOBS) all
	./$(BIN) report belarus -o report.html

bench: deps
	@$(MAKE) --no-print-directory -j$(JOBS) $(BIN) $(BENCH_BIN)
	@for b in $(BENCH_BIN); do ./$$b || exit 1; done

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/lib \
	    $(DESTDIR)$(PREFIX)/include/entente $(DESTDIR)$(PREFIX)/lib/pkgconfig \
	    $(DESTDIR)$(PREFIX)/share/man/man1 $(DESTDIR)$(PREFIX)/share/entente/scenarios \
	    $(DESTDIR)$(PREFIX)/share/bash-completion/completions
	install -m 755 $(BIN) $(DESTDIR)$(PREFIX)/bin/entente
	install -m 644 $(STATIC) $(DESTDIR)$(PREFIX)/lib/libentente.a
	install -m 755 $(SHARED) $(DESTDIR)$(PREFIX)/lib/libentente.so.$(VERSION)
	ln -sf libentente.so.$(VERSION) $(DESTDIR)$(PREFIX)/lib/libentente.so.0
	ln -sf libentente.so.0 $(DESTDIR)$(PREFIX)/lib/libentente.so
	install -m 644 include/entente.h $(DESTDIR)$(PREFIX)/include/entente.h
	install -m 644 include/entente/*.h $(DESTDIR)$(PREFIX)/include/entente/
	sed -e 's|@PREFIX@|$(PREFIX)|g' -e 's|@VERSION@|$(VERSION)|g' \
	    entente.pc.in > $(DESTDIR)$(PREFIX)/lib/pkgconfig/entente.pc
	install -m 644 docs/entente.1 $(DESTDIR)$(PREFIX)/share/man/man1/entente.1
	install -m 644 completions/entente \
	    $(DESTDIR)$(PREFIX)/share/bash-completion/completions/entente
	cp -R scenarios/. $(DESTDIR)$(PREFIX)/share/entente/scenarios/

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/entente $(DESTDIR)$(PREFIX)/lib/libentente.* \
	    $(DESTDIR)$(PREFIX)/include/entente.h \
	    $(DESTDIR)$(PREFIX)/lib/pkgconfig/entente.pc \
	    $(DESTDIR)$(PREFIX)/share/man/man1/entente.1 \
	    $(DESTDIR)$(PREFIX)/share/bash-completion/completions/entente
	rm -rf $(DESTDIR)$(PREFIX)/include/entente $(DESTDIR)$(PREFIX)/share/entente

# Every C file of ours; not tests/data (reference data, kept as published).
FORMAT_SRC := $(wildcard include/*.h include/entente/*.h src/*/*.[ch] fuzz/*.[ch] \
                tests/*.[ch] bench/*.c examples/*.c)

format:
	clang-format -i $(FORMAT_SRC)

# cppcheck explores every preprocessor configuration itself (MPI or not,
# GCC or not), so no -D; system headers are not its business.
lint:
	cppcheck --quiet --error-exitcode=1 --std=c11 \
	    --enable=warning,performance,portability \
	    --inline-suppr --suppress=missingIncludeSystem \
	    -Iinclude -Isrc -Itests -Ifuzz src tests bench examples fuzz
	sh tools/clang-tidy.sh $(LIB_SRC) $(CLI_SRC) -- -std=c11 -Iinclude -Isrc \
	    -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -fopenmp \
	    $(shell pkg-config --cflags $(PKGS) 2>/dev/null)

# ---- fuzzing (docs/testing.md) ----
# `make fuzz` builds one libFuzzer target per input parser with clang,
# AddressSanitizer and UndefinedBehaviorSanitizer (FUZZ_PACKAGES are
# installed on demand); `make fuzz-smoke` runs each for FUZZ_SECONDS on its
# seed corpus.  `make test` replays the corpora and crash reproducers
# through the same targets built with $(CC) (fuzz/replay.c).
FUZZ_PACKAGES := clang libclang-rt-dev libomp-dev
FUZZ_CC      ?= clang
FUZZ_BUILD   := build/fuzz
FUZZ_SECONDS ?= 20
FUZZ_SAN     := -fsanitize=address,undefined -fno-sanitize-recover=all \
                -fno-omit-frame-pointer
FUZZ_CFLAGS   = -std=c11 -g -O1 -Wall -Wextra -Werror -Wno-pass-failed \
                -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -fopenmp \
                -Iinclude -Isrc -DENT_DATADIR='"$(PREFIX)/share/entente"' \
                $(shell pkg-config --cflags $(PKGS) 2>/dev/null) $(FUZZ_SAN)
FUZZ_TARGETS := $(sort $(patsubst fuzz/fuzz_%.c,%,$(wildcard fuzz/fuzz_*.c)))
FUZZ_BIN     := $(FUZZ_TARGETS:%=$(FUZZ_BUILD)/fuzz_%)
FUZZ_LIB_OBJ := $(LIB_SRC:%.c=$(FUZZ_BUILD)/%.o) $(FUZZ_BUILD)/fuzz/oracle.o
REPLAY_BIN   := $(FUZZ_TARGETS:%=$(BUILD)/fuzz/replay_%)

.PHONY: fuzz fuzz-deps fuzz-smoke
# The objects stay between builds (they are not intermediate files to delete).
.SECONDARY: $(FUZZ_LIB_OBJ)

fuzz-deps:
	@sh tools/install-deps.sh $(FUZZ_PACKAGES)

fuzz: fuzz-deps
	@$(MAKE) --no-print-directory -j$(JOBS) $(FUZZ_BIN)

fuzz-smoke: fuzz
	@sh fuzz/run.sh $(FUZZ_BUILD) $(FUZZ_SECONDS) $(FUZZ_TARGETS)

$(FUZZ_BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -MMD -MP -c $< -o $@

$(FUZZ_BUILD)/fuzz_%: fuzz/fuzz_%.c $(FUZZ_LIB_OBJ)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer -o $@ $< $(FUZZ_LIB_OBJ) \
	    $(LDLIBS)

$(BUILD)/fuzz/replay_%: fuzz/fuzz_%.c fuzz/replay.c fuzz/oracle.c fuzz/oracle.h $(STATIC)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -o $@ $< fuzz/replay.c fuzz/oracle.c $(STATIC) \
	    $(ALL_LDFLAGS) $(LDLIBS)

clean:
	rm -rf build bin

-include $(LIB_OBJ:.o=.d) $(CLI_OBJ:.o=.d) $(FUZZ_LIB_OBJ:.o=.d)
