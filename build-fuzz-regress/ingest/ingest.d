build-fuzz-regress/ingest/ingest.o: ingest/ingest.c ingest/ingest.h \
  common/error.h ingest/csvin.h ingest/source.h ingest/decode.h \
  common/strbuf.h ingest/reader.h ingest/record.h ingest/registry.h

ingest/ingest.h:

common/error.h:

ingest/csvin.h:

ingest/source.h:

ingest/decode.h:

common/strbuf.h:

ingest/reader.h:

ingest/record.h:

ingest/registry.h:
