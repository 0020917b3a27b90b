build-fuzz-regress/common/stage.o: common/stage.c common/stage.h \
  common/error.h common/strbuf.h common/xalloc.h

common/stage.h:

common/error.h:

common/strbuf.h:

common/xalloc.h:
