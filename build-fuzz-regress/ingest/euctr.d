build-fuzz-regress/ingest/euctr.o: ingest/euctr.c ingest/euctr.h \
  ingest/reader.h common/error.h ingest/csvin.h ingest/source.h \
  ingest/decode.h common/strbuf.h ingest/record.h ingest/registry.h \
  common/xalloc.h

ingest/euctr.h:

ingest/reader.h:

common/error.h:

ingest/csvin.h:

ingest/source.h:

ingest/decode.h:

common/strbuf.h:

ingest/record.h:

ingest/registry.h:

common/xalloc.h:
