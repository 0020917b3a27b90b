build-fuzz-regress/analyze/indication.o: analyze/indication.c \
  analyze/indication.h common/error.h common/xalloc.h

analyze/indication.h:

common/error.h:

common/xalloc.h:
