#!/bin/sh
# valgrind-reportc.sh ARGS... - runs $REPORTC (the real binary) under
# memcheck, for the test scripts that take a REPORTC argument
# (tests/check/run-case.sh, tests/hostile/faults.sh). Any memory error or
# definite or indirect leak makes the exit status 99, which no test expects.
# `meson test --setup valgrind` cannot do this: it wraps the script, so it
# checks /bin/sh and never reportc.
exec valgrind -q --error-exitcode=99 --leak-check=full \
	--errors-for-leak-kinds=definite,indirect "${REPORTC:?set REPORTC to the reportc binary}" "$@"
