build-fuzz-regress/ingest/record.o: ingest/record.c ingest/record.h \
  common/error.h common/strbuf.h ingest/registry.h

ingest/record.h:

common/error.h:

common/strbuf.h:

ingest/registry.h:
