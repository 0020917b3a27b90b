build-fuzz-regress/ingest/csvtable.o: ingest/csvtable.c ingest/csvtable.h \
  common/strbuf.h ingest/fieldmap.h ingest/record.h common/error.h \
  ingest/registry.h ingest/reader.h ingest/csvin.h ingest/source.h \
  ingest/decode.h common/xalloc.h

ingest/csvtable.h:

common/strbuf.h:

ingest/fieldmap.h:

ingest/record.h:

common/error.h:

ingest/registry.h:

ingest/reader.h:

ingest/csvin.h:

ingest/source.h:

ingest/decode.h:

common/xalloc.h:
