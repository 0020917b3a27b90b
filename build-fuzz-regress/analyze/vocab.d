build-fuzz-regress/analyze/vocab.o: analyze/vocab.c analyze/vocab.h \
  analyze/normalize.h ingest/record.h common/error.h common/strbuf.h \
  ingest/registry.h

analyze/vocab.h:

analyze/normalize.h:

ingest/record.h:

common/error.h:

common/strbuf.h:

ingest/registry.h:
