build-fuzz-regress/tests/fuzz/fuzz_isrctn: tests/fuzz/fuzz_isrctn.c \
  tests/fuzz/fuzz.h analyze/classify.h analyze/dict.h common/error.h \
  common/strbuf.h analyze/indication.h analyze/landscape.h \
  analyze/crosstab.h analyze/tally.h analyze/normalize.h ingest/record.h \
  ingest/registry.h ingest/ingest.h ingest/csvin.h ingest/source.h \
  ingest/decode.h ingest/reader.h

tests/fuzz/fuzz.h:

analyze/classify.h:

analyze/dict.h:

common/error.h:

common/strbuf.h:

analyze/indication.h:

analyze/landscape.h:

analyze/crosstab.h:

analyze/tally.h:

analyze/normalize.h:

ingest/record.h:

ingest/registry.h:

ingest/ingest.h:

ingest/csvin.h:

ingest/source.h:

ingest/decode.h:

ingest/reader.h:
