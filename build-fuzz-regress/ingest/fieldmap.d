build-fuzz-regress/ingest/fieldmap.o: ingest/fieldmap.c ingest/fieldmap.h \
  ingest/record.h common/error.h common/strbuf.h ingest/registry.h

ingest/fieldmap.h:

ingest/record.h:

common/error.h:

common/strbuf.h:

ingest/registry.h:
