build-fuzz-regress/ingest/csvin.o: ingest/csvin.c ingest/csvin.h \
  common/error.h ingest/source.h ingest/decode.h common/strbuf.h \
  common/xalloc.h

ingest/csvin.h:

common/error.h:

ingest/source.h:

ingest/decode.h:

common/strbuf.h:

common/xalloc.h:
