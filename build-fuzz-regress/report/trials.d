build-fuzz-regress/report/trials.o: report/trials.c report/trials.h \
  analyze/landscape.h analyze/classify.h analyze/dict.h common/error.h \
  common/strbuf.h analyze/crosstab.h analyze/tally.h \
  analyze/indication.h analyze/normalize.h ingest/record.h \
  ingest/registry.h report/textout.h

report/trials.h:

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

report/textout.h:
