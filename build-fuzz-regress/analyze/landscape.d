build-fuzz-regress/analyze/landscape.o: analyze/landscape.c \
  analyze/landscape.h analyze/classify.h analyze/dict.h common/error.h \
  common/strbuf.h analyze/crosstab.h analyze/tally.h \
  analyze/indication.h analyze/normalize.h ingest/record.h \
  ingest/registry.h common/strmap.h common/xalloc.h analyze/vocab.h

analyze/landscape.h:

analyze/classify.h:

analyze/dict.h:

common/error.h:

common/strbuf.h:

analyze/crosstab.h:

analyze/tally.h:

analyze/indication.h:

analyze/normalize.h:

ingest/record.h:

ingest/registry.h:

common/strmap.h:

common/xalloc.h:

analyze/vocab.h:
