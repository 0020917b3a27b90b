build-fuzz-regress/report/report.o: report/report.c report/report.h \
  analyze/landscape.h analyze/classify.h analyze/dict.h common/error.h \
  common/strbuf.h analyze/crosstab.h analyze/tally.h \
  analyze/indication.h analyze/normalize.h ingest/record.h \
  ingest/registry.h common/stage.h ingest/ingest.h ingest/csvin.h \
  ingest/source.h ingest/decode.h ingest/reader.h common/log.h \
  common/xalloc.h report/plot.h report/textout.h report/trials.h \
  report/xlsx.h report/zipspeed.h

report/report.h:

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

common/stage.h:

ingest/ingest.h:

ingest/csvin.h:

ingest/source.h:

ingest/decode.h:

ingest/reader.h:

common/log.h:

common/xalloc.h:

report/plot.h:

report/textout.h:

report/trials.h:

report/xlsx.h:

report/zipspeed.h:
