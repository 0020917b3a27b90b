build-fuzz-regress/analyze/dict.o: analyze/dict.c analyze/dict.h \
  common/error.h common/strbuf.h common/sha256.h common/strmap.h \
  common/xalloc.h

analyze/dict.h:

common/error.h:

common/strbuf.h:

common/sha256.h:

common/strmap.h:

common/xalloc.h:
