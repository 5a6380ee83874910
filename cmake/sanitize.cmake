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

# Precompiled headers, sanitizer trees only. Parsing the standard library,
# nlohmann/json and gtest/gmock is most of what clang spends on one of our
# TUs (about 2 s of a 3 s ASan compile), and the sanitizer stage is a cold
# build on every CI run (docs/fuzzing.md, "CI budget"): each header set is
# compiled once and reused by every library and every test binary. The
# release tree is left as is: it is the one held to -Werror and to
# include-what-you-use, which a forced include would mask.
function(ballast_sanitize_pch)
  if(NOT BALLAST_SANITIZE)
    return()
  endif()
  set(ballast_pch_headers <algorithm> <array> <cstddef> <cstdint> <cstdio> <cstring> <filesystem>
      <fstream> <functional> <map> <memory> <optional> <set> <sstream> <string> <string_view>
      <unordered_map> <utility> <vector> <nlohmann/json.hpp>)
  set(ballast_pch_headers ${ballast_pch_headers} PARENT_SCOPE)
  file(CONFIGURE OUTPUT ${CMAKE_BINARY_DIR}/pch_anchor.cc CONTENT "// the precompiled headers' owner\n")
  add_library(ballast_pch OBJECT ${CMAKE_BINARY_DIR}/pch_anchor.cc)
  target_link_libraries(ballast_pch PRIVATE nlohmann_json::nlohmann_json)
  target_precompile_headers(ballast_pch PRIVATE ${ballast_pch_headers})
  foreach(lib ${ARGN})
    target_precompile_headers(${lib} REUSE_FROM ballast_pch)
  endforeach()
endfunction()
# The same for the unit-test binaries, with gtest/gmock and the definitions
# every test binary gets (a PCH is only used under the same definitions: they
# are taken from the first test binary).
function(ballast_sanitize_test_pch first)
  if(NOT BALLAST_SANITIZE)
    return()
  endif()
  get_target_property(definitions ${first} COMPILE_DEFINITIONS)
  add_library(ballast_test_pch OBJECT ${CMAKE_BINARY_DIR}/pch_anchor.cc)
  target_link_libraries(ballast_test_pch PRIVATE nlohmann_json::nlohmann_json GTest::gtest GTest::gmock)
  target_compile_definitions(ballast_test_pch PRIVATE ${definitions})
  target_precompile_headers(ballast_test_pch PRIVATE ${ballast_pch_headers} <gtest/gtest.h> <gmock/gmock.h>)
  foreach(t ${first} ${ARGN})
    target_precompile_headers(${t} REUSE_FROM ballast_test_pch)
  endforeach()
endfunction()
