build-fuzz-regress/report/xlsx.o: report/xlsx.c report/xlsx.h \
  common/error.h report/report.h analyze/landscape.h analyze/classify.h \
  analyze/dict.h common/strbuf.h analyze/crosstab.h analyze/tally.h \
  analyze/indication.h analyze/normalize.h ingest/record.h \
  ingest/registry.h common/stage.h ingest/ingest.h ingest/csvin.h \
  ingest/source.h ingest/decode.h ingest/reader.h common/xalloc.h \
  report/textout.h report/trials.h

report/xlsx.h:

common/error.h:

report/report.h:

analyze/landscape.h:

analyze/classify.h:

analyze/dict.h:

common/strbuf.h:

analyze/crosstab.h:

analyze/tally.h:

analyze/indication.h:

analyze/normalize.h:

ingest/record.h:

ingest/registry.h:

common/stage.h:

ingest/ingest.h:

ingest/csvin.h:

ingest/source.h:

ingest/decode.h:

ingest/reader.h:

common/xalloc.h:

report/textout.h:

report/trials.h:
