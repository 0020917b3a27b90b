build-fuzz-regress/ingest/reader.o: ingest/reader.c ingest/reader.h \
  common/error.h ingest/csvin.h ingest/source.h ingest/decode.h \
  common/strbuf.h ingest/record.h ingest/registry.h common/xalloc.h \
  ingest/fieldmap.h

ingest/reader.h:

common/error.h:

ingest/csvin.h:

ingest/source.h:

ingest/decode.h:

common/strbuf.h:

ingest/record.h:

ingest/registry.h:

common/xalloc.h:

ingest/fieldmap.h:
