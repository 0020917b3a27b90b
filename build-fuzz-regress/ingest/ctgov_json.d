build-fuzz-regress/ingest/ctgov_json.o: ingest/ctgov_json.c \
  common/strbuf.h common/xalloc.h ingest/reader.h common/error.h \
  ingest/csvin.h ingest/source.h ingest/decode.h ingest/record.h \
  ingest/registry.h

common/strbuf.h:

common/xalloc.h:

ingest/reader.h:

common/error.h:

ingest/csvin.h:

ingest/source.h:

ingest/decode.h:

ingest/record.h:

ingest/registry.h:
