build-fuzz-regress/ingest/ictrp_xml.o: ingest/ictrp_xml.c \
  ingest/ictrp_xml.h ingest/reader.h common/error.h ingest/csvin.h \
  ingest/source.h ingest/decode.h common/strbuf.h ingest/record.h \
  ingest/registry.h common/xalloc.h ingest/ictrp.h

ingest/ictrp_xml.h:

ingest/reader.h:

common/error.h:

ingest/csvin.h:

ingest/source.h:

ingest/decode.h:

common/strbuf.h:

ingest/record.h:

ingest/registry.h:

common/xalloc.h:

ingest/ictrp.h:
