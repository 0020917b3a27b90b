# trialscape - build, run, test and install.
#
#   make run      installs what is missing, builds, runs the bundled example
#   make check    installs what is missing, builds, runs every test
#
# A user's CFLAGS add to the warnings, never replace them. V=1 shows the
# commands. SANITIZE=address,undefined builds with sanitizers (see
# check-san).

VERSION = 0.1.0

PREFIX ?= /usr/local
DESTDIR ?=
BINDIR ?= $(PREFIX)/bin
DATADIR ?= $(PREFIX)/share/trialscape
MANDIR ?= $(PREFIX)/share/man
PKG_CONFIG ?= pkg-config
BUILD ?= build

CC ?= cc
STD = -std=c11 -D_POSIX_C_SOURCE=200809L
WARN = -Wall -Wextra -Wpedantic -Wstrict-prototypes -Wmissing-prototypes \
       -Wshadow -Wformat=2 -Wwrite-strings -Wcast-qual -Wvla -Wundef
OPT ?= -O2 -g
# Recursively expanded: pkg-config runs only when a recipe needs it, so
# `make run` can install pkg-config first.
XLSX_CFLAGS = $(shell $(PKG_CONFIG) --cflags xlsxwriter 2>/dev/null)
XLSX_LIBS = $(shell $(PKG_CONFIG) --libs xlsxwriter 2>/dev/null || echo -lxlsxwriter)
CMOCKA_LIBS = $(shell $(PKG_CONFIG) --libs cmocka 2>/dev/null || echo -lcmocka)
YAJL_CFLAGS = $(shell $(PKG_CONFIG) --cflags yajl 2>/dev/null)
YAJL_LIBS = $(shell $(PKG_CONFIG) --libs yajl 2>/dev/null || echo -lyajl)
FINAL_CFLAGS = $(STD) $(WARN) $(OPT) $(CFLAGS) -pthread -I. $(XLSX_CFLAGS) $(YAJL_CFLAGS) \
               -DTS_VERSION=\"$(VERSION)\" -DTS_DATADIR=\"$(DATADIR)\" -MMD -MP
ifdef SANITIZE
FINAL_CFLAGS += -fsanitize=$(SANITIZE) -fno-sanitize-recover=all -fno-omit-frame-pointer
FINAL_LDFLAGS += -fsanitize=$(SANITIZE)
endif
FINAL_CFLAGS += $(if $(WERROR),-Werror)
LIBS = $(XLSX_LIBS) $(YAJL_LIBS) -lcsv -lexpat -lisal -lz -pthread -ldl -lm

Q = @
ifdef V
Q =
endif

COMMON_SRC = common/error.c common/log.c common/sha256.c common/stage.c \
             common/strbuf.c common/strmap.c common/xalloc.c
# Every reader is a file of its own (ingest/reader.h): all of ingest/ is built.
INGEST_SRC = $(sort $(wildcard ingest/*.c))
ANALYZE_SRC = analyze/classify.c analyze/compare.c analyze/country.c \
              analyze/crosstab.c analyze/dict.c analyze/enrollment.c \
              analyze/filter.c analyze/indication.c analyze/landscape.c \
              analyze/merge.c analyze/mesh.c analyze/meshgroup.c \
              analyze/normalize.c analyze/sponsor.c \
              analyze/tally.c analyze/vocab.c
REPORT_SRC = report/comparison.c report/figures.c report/palette.c \
             report/plot.c report/report.c report/sheetrows.c report/textout.c \
             report/trials.c report/view.c report/xlsx.c report/xlsxzip.c \
             report/zipspeed.c
LIB_SRC = $(COMMON_SRC) $(INGEST_SRC) $(ANALYZE_SRC) $(REPORT_SRC)
LIB_OBJ = $(LIB_SRC:%.c=$(BUILD)/%.o)

UNIT_TESTS = common ingest trialid analyze merge indication report filter \
             compare trends
UNIT_BIN = $(UNIT_TESTS:%=$(BUILD)/tests/test_%)

EXAMPLE = data/examples/mpnst-ctg-studies.csv

.PHONY: all run check test unit e2e real check-san check-tsan check-fresh check-render \
        deps deps-check deps-fuzz deps-valgrind bench valgrind install uninstall clean \
        format lint fuzz fuzz-regress fuzz-build FORCE

all: trialscape

trialscape: $(BUILD)/main.o $(BUILD)/libtrialscape.a
	@echo "  LD      $@"
	$(Q)$(CC) $(FINAL_LDFLAGS) $(LDFLAGS) -o $@ $^ $(LIBS)

# DATADIR is compiled into main.o (the installed dictionaries' place):
# the stamp changes only when DATADIR does, so `make install PREFIX=...`
# after a plain `make` rebuilds main.o and relinks, and a binary never
# looks for its data under another prefix.
$(BUILD)/datadir.stamp: FORCE
	@mkdir -p $(BUILD)
	@echo '$(DATADIR)' | cmp -s - $@ 2>/dev/null || echo '$(DATADIR)' >$@

$(BUILD)/main.o: $(BUILD)/datadir.stamp

FORCE:

$(BUILD)/libtrialscape.a: $(LIB_OBJ)
	$(Q)rm -f $@
	$(Q)ar rcs $@ $^

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	$(Q)$(CC) $(FINAL_CFLAGS) -c -o $@ $<

$(BUILD)/tests/test_%: tests/unit/test_%.c $(BUILD)/libtrialscape.a
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	$(Q)$(CC) $(FINAL_CFLAGS) $(FINAL_LDFLAGS) -o $@ $< \
	    $(BUILD)/libtrialscape.a $(LIBS) $(CMOCKA_LIBS)

# Debian packages, installed when missing (scripts/install-deps.sh lists
# them and why).
deps:
	$(Q)sh scripts/install-deps.sh run

deps-check:
	$(Q)sh scripts/install-deps.sh check

deps-fuzz:
	$(Q)sh scripts/install-deps.sh fuzz

deps-valgrind:
	$(Q)sh scripts/install-deps.sh valgrind

run: deps
	$(Q)$(MAKE) --no-print-directory all
	./trialscape run -o trialscape-out $(EXAMPLE)

check test: deps-check
	$(Q)$(MAKE) --no-print-directory unit e2e real

unit: $(UNIT_BIN)
	$(Q)sh tests/run-unit.sh $(UNIT_BIN)

e2e: trialscape
	$(Q)sh tests/run-e2e.sh ./trialscape

real: trialscape
	$(Q)sh tests/run-real.sh ./trialscape

check-san: deps-check
	$(Q)$(MAKE) --no-print-directory BUILD=build-san \
	    SANITIZE=address,undefined OPT="-O1 -g" unit build-san/trialscape
	$(Q)TS_SANITIZED=1 sh tests/run-e2e.sh ./build-san/trialscape
	$(Q)sh tests/run-real.sh ./build-san/trialscape

# The README's two commands on a bare Debian 12 root (debootstrap minbase
# plus gcc, make, git, ca-certificates), from a fresh clone of the
# committed HEAD: proves scripts/install-deps.sh is complete. Root only.
check-fresh:
	$(Q)bash scripts/check-fresh.sh

# What a reader gets, printed: the example's workbook through LibreOffice
# (every sheet one page wide, at most 2 pages) and fig1 at 180 mm (no text
# under 6 pt, a 300 dpi PNG). Installs LibreOffice and poppler-utils.
check-render:
	$(Q)sh scripts/install-deps.sh render
	$(Q)$(MAKE) --no-print-directory all
	$(Q)sh scripts/check-render.sh ./trialscape

# ThreadSanitizer over what runs on more than one thread: the input's hash
# (ingest) and the Trials sheet built alongside reading (report), in unit
# tests and in runs.
check-tsan: deps-check
	$(Q)$(MAKE) --no-print-directory BUILD=build-tsan SANITIZE=thread \
	    OPT="-O1 -g" build-tsan/tests/test_ingest build-tsan/tests/test_report \
	    build-tsan/trialscape
	$(Q)TSAN_OPTIONS=halt_on_error=1 build-tsan/tests/test_ingest
	$(Q)TSAN_OPTIONS=halt_on_error=1 build-tsan/tests/test_report
	$(Q)TSAN_OPTIONS=halt_on_error=1 TS_SANITIZED=1 sh tests/run-e2e.sh \
	    ./build-tsan/trialscape 024-workbook-read-back \
	    061-jobs-one-and-two-agree 058-gnuplot-failing-keeps-earlier-outputs \
	    080-merge-csv-and-json-exports \
	    077-jobs-default-and-one-agree-generated

# libFuzzer harnesses (tests/fuzz/), built with clang and sanitizers in
# their own BUILD directory. `make fuzz` fuzzes each for FUZZ_SECONDS
# (make -j2 runs two at once); new inputs and crashes go to FUZZ_OUT, never
# into the repository. `make fuzz-regress` replays the kept corpus and
# tests/fuzz/regress/ once, in seconds (CI).
FUZZ_BUILD = build-fuzz
FUZZ_CC ?= clang
FUZZ_SECONDS ?= 60
FUZZ_OUT ?= $(FUZZ_BUILD)/out
FUZZ_HARNESSES = fuzz_ingest_csv fuzz_ingest_tsv fuzz_dict fuzz_classify \
                 fuzz_trialid fuzz_where fuzz_ingest_json fuzz_decode \
                 fuzz_ictrp_xml fuzz_ictrp_csv fuzz_euctr fuzz_ctis fuzz_isrctn \
                 fuzz_mesh
FUZZ_BIN = $(FUZZ_HARNESSES:%=$(BUILD)/tests/fuzz/%)
FUZZ_MAX_LEN_fuzz_ingest_csv = 65536
FUZZ_MAX_LEN_fuzz_ingest_tsv = 65536
FUZZ_MAX_LEN_fuzz_ictrp_xml = 65536
FUZZ_MAX_LEN_fuzz_ictrp_csv = 65536
FUZZ_MAX_LEN_fuzz_euctr = 65536
FUZZ_MAX_LEN_fuzz_ctis = 65536
FUZZ_MAX_LEN_fuzz_isrctn = 65536
FUZZ_MAX_LEN_fuzz_dict = 16384
FUZZ_MAX_LEN_fuzz_classify = 4096
FUZZ_MAX_LEN_fuzz_trialid = 4096
FUZZ_MAX_LEN_fuzz_where = 4096
FUZZ_MAX_LEN_fuzz_ingest_json = 65536
FUZZ_MAX_LEN_fuzz_decode = 16384
FUZZ_MAX_LEN_fuzz_mesh = 8192
# A harness's kept inputs, in its recipe ($* is the harness).
FUZZ_FILES = $(wildcard tests/fuzz/corpus/$*/* tests/fuzz/regress/$*/*)

fuzz: $(FUZZ_HARNESSES:%=fuzz-run-%)

fuzz-regress: $(FUZZ_HARNESSES:%=fuzz-regress-%)

fuzz-build: deps-fuzz
	@command -v $(FUZZ_CC) >/dev/null || \
	    (echo "fuzz: needs $(FUZZ_CC) with libFuzzer" >&2; exit 1)
	$(Q)$(MAKE) --no-print-directory BUILD=$(FUZZ_BUILD) CC=$(FUZZ_CC) \
	    SANITIZE=fuzzer,address,undefined \
	    OPT="-O1 -g -DTS_SOURCE_CHUNK=65536" \
	    $(FUZZ_HARNESSES:%=$(FUZZ_BUILD)/tests/fuzz/%)

fuzz-run-%: fuzz-build
	@mkdir -p $(FUZZ_OUT)/$*
	@echo "  FUZZ    $* ($(FUZZ_SECONDS) s, new inputs in $(FUZZ_OUT)/$*)"
	$(Q)$(FUZZ_BUILD)/tests/fuzz/$* -max_total_time=$(FUZZ_SECONDS) \
	    -max_len=$(FUZZ_MAX_LEN_$*) -timeout=10 -print_final_stats=1 \
	    -dict=tests/fuzz/$*.dict -artifact_prefix=$(FUZZ_OUT)/$*- \
	    $(FUZZ_OUT)/$* tests/fuzz/corpus/$*

# Files, not directories: libFuzzer runs each once and exits.
fuzz-regress-%: fuzz-build
	@echo "  REGRESS $* ($(words $(FUZZ_FILES)) inputs)"
	$(Q)$(FUZZ_BUILD)/tests/fuzz/$* -runs=0 -timeout=10 $(FUZZ_FILES) \
	    2>$(FUZZ_BUILD)/$*.log || (cat $(FUZZ_BUILD)/$*.log >&2; exit 1)

$(BUILD)/tests/fuzz/%: tests/fuzz/%.c $(BUILD)/libtrialscape.a
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	$(Q)$(CC) $(FINAL_CFLAGS) $(FINAL_LDFLAGS) -o $@ $< \
	    $(BUILD)/libtrialscape.a $(LIBS)

-include $(FUZZ_BIN:=.d)

# The sanitizer build's binary (make BUILD=build-san SANITIZE=...).
$(BUILD)/trialscape: $(BUILD)/main.o $(BUILD)/libtrialscape.a
	@echo "  LD      $@"
	$(Q)$(CC) $(FINAL_LDFLAGS) $(LDFLAGS) -o $@ $^ $(LIBS)

# A memcheck of an end-to-end run on the bundled example: no errors, no
# leaks (gnuplot, a child process, is not traced).
valgrind: deps-valgrind
	$(Q)$(MAKE) --no-print-directory all
	$(Q)valgrind --error-exitcode=9 --leak-check=full \
	    --show-leak-kinds=definite,indirect,possible \
	    --errors-for-leak-kinds=definite,indirect,possible \
	    ./trialscape run -q -o build/valgrind-out $(EXAMPLE)
	@echo "valgrind: no errors, no leaks"

# Performance against peers on a generated 1M-trial export (bench/run.sh).
bench: deps
	$(Q)$(MAKE) --no-print-directory all $(BUILD)/bench/read_bench
	$(Q)sh bench/readers.sh
	$(Q)sh bench/run.sh

# The ingest stage alone, for the readers' throughput (bench/readers.sh).
$(BUILD)/bench/read_bench: bench/read_bench.c $(BUILD)/libtrialscape.a
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	$(Q)$(CC) $(FINAL_CFLAGS) $(FINAL_LDFLAGS) -o $@ $< \
	    $(BUILD)/libtrialscape.a $(LIBS)

# Every dictionary and rule file under data/ (sub-folders kept; the
# bundled example is not installed) and data/README.md, which documents
# them. DESTDIR stages the files for a package: the binary still looks in
# $(DATADIR), and also in ../share/trialscape beside itself, so a staged or
# moved tree works too.
DATA_FILES = $(shell find data -name '*.tsv' ! -path 'data/examples/*' | LC_ALL=C sort) \
             data/README.md

install: trialscape
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)
	install -m 755 trialscape $(DESTDIR)$(BINDIR)/trialscape
	$(Q)for f in $(DATA_FILES:data/%=%); do \
	    install -D -m 644 data/$$f $(DESTDIR)$(DATADIR)/$$f || exit 1; done
	install -d $(DESTDIR)$(MANDIR)/man1
	install -m 644 trialscape.1 $(DESTDIR)$(MANDIR)/man1/trialscape.1

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/trialscape $(DESTDIR)$(MANDIR)/man1/trialscape.1
	rm -rf $(DESTDIR)$(DATADIR)

clean:
	rm -rf build build-san build-tsan build-fuzz trialscape trialscape-out tests/out

format:
	clang-format -i main.c */*.c */*.h tests/unit/*.c

# Functions the house style bans (curl's checksrc list).
lint:
	@bad=0; for f in main.c common/*.c ingest/*.c analyze/*.c report/*.c; do \
	    hits=$$(sed 's/"\([^"\\]\|\\.\)*"//g' "$$f" | \
	    grep -nE '\b(gets|sprintf|vsprintf|strcpy|strcat|strncpy|strtok|atoi|atol|atof)\('); \
	    if [ -n "$$hits" ]; then echo "$$hits" | sed "s|^|$$f:|"; bad=1; fi; done; \
	if [ $$bad -eq 1 ]; then echo "banned function used" >&2; exit 1; fi

-include $(LIB_OBJ:.o=.d) $(BUILD)/main.d $(UNIT_BIN:=.d)
