build-fuzz-regress/ingest/decode.o: ingest/decode.c ingest/decode.h \
  common/strbuf.h

ingest/decode.h:

common/strbuf.h:
