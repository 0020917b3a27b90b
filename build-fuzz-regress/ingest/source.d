build-fuzz-regress/ingest/source.o: ingest/source.c ingest/source.h \
  common/error.h ingest/decode.h common/strbuf.h common/sha256.h \
  common/xalloc.h

ingest/source.h:

common/error.h:

ingest/decode.h:

common/strbuf.h:

common/sha256.h:

common/xalloc.h:
