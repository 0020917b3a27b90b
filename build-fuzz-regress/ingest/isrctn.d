build-fuzz-regress/ingest/isrctn.o: ingest/isrctn.c ingest/csvtable.h \
  common/strbuf.h ingest/fieldmap.h ingest/record.h common/error.h \
  ingest/registry.h ingest/reader.h ingest/csvin.h ingest/source.h \
  ingest/decode.h

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
