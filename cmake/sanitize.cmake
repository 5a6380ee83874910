# Sanitizer and fuzzing builds (docs/fuzzing.md, scripts/sanitize.sh).
#
#   BALLAST_SANITIZE=address  ASan + UBSan on everything built (library, CLI, unit tests).
#   BALLAST_SANITIZE=thread   TSan; only the threaded tests are defined (tsan_tests).
#   BALLAST_FUZZ=ON           clang only: the library gets libFuzzer's coverage
#                             instrumentation (-fsanitize=fuzzer-no-link) and fuzz/
#                             builds one libFuzzer binary per input format. Implies
#                             BALLAST_SANITIZE=address when no sanitizer is named.
#
# These are separate build trees (build-asan, build-tsan): the release build in
# build/ is never instrumented.
set(BALLAST_SANITIZE "" CACHE STRING "Sanitizers to build with: '', address (ASan+UBSan) or thread (TSan)")
set_property(CACHE BALLAST_SANITIZE PROPERTY STRINGS "" address thread)
option(BALLAST_FUZZ "Build the libFuzzer targets in fuzz/ (clang only)" OFF)

if(BALLAST_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "BALLAST_FUZZ needs clang (libFuzzer): configure with -DCMAKE_CXX_COMPILER=clang++")
  endif()
  if(BALLAST_SANITIZE STREQUAL "")
    set(BALLAST_SANITIZE address CACHE STRING "" FORCE)
  elseif(NOT BALLAST_SANITIZE STREQUAL "address")
    message(FATAL_ERROR "BALLAST_FUZZ runs under ASan+UBSan, not BALLAST_SANITIZE=${BALLAST_SANITIZE}")
  endif()
endif()

if(BALLAST_SANITIZE STREQUAL "address")
  # Every UB report is fatal, so a test or a fuzz run fails on it instead of
  # printing and going on.
  set(ballast_sanitize_flags -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
elseif(BALLAST_SANITIZE STREQUAL "thread")
  set(ballast_sanitize_flags -fsanitize=thread)
elseif(NOT BALLAST_SANITIZE STREQUAL "")
  message(FATAL_ERROR "BALLAST_SANITIZE must be empty, address or thread, not '${BALLAST_SANITIZE}'")
endif()

if(ballast_sanitize_flags)
  # -O1: instrumented code at -O2 compiles markedly slower for little gain in
  # what the sanitizers find. Set after CMAKE_CXX_FLAGS_<CONFIG>, so it wins.
  add_compile_options(${ballast_sanitize_flags} -O1)
  add_link_options(${ballast_sanitize_flags})
  if(BALLAST_FUZZ)
    add_compile_options(-fsanitize=fuzzer-no-link)
    add_link_options(-fsanitize=fuzzer-no-link)
  endif()
endif()
