# `ballast version`: the about module (src/about) and what it is generated from.
set(BALLAST_GIT_COMMIT "" CACHE STRING "Commit recorded in `ballast version` (default: git describe)")
configure_file(${CMAKE_SOURCE_DIR}/src/about/build_config.h.in ${CMAKE_BINARY_DIR}/generated/about/build_config.h)
set(BALLAST_COMMIT_CC ${CMAKE_BINARY_DIR}/generated/about/commit.cc)
# The commit is read at every build (a custom target always runs), the file
# rewritten only when it changed.
add_custom_target(ballast_git_commit
  COMMAND ${CMAKE_COMMAND} -DSOURCE_DIR=${CMAKE_SOURCE_DIR} -DOUT=${BALLAST_COMMIT_CC}
          -DOVERRIDE=${BALLAST_GIT_COMMIT} -P ${CMAKE_SOURCE_DIR}/cmake/git_commit.cmake
  BYPRODUCTS ${BALLAST_COMMIT_CC}
  COMMENT "" VERBATIM)
ballast_module(about ballast_util PkgConfig::LIBARCHIVE PkgConfig::ISAL PkgConfig::ZSTD PkgConfig::XXHASH
               PkgConfig::CURL PkgConfig::TOMLPP OpenSSL::Crypto nlohmann_json::nlohmann_json CLI11::CLI11)
target_sources(ballast_about PRIVATE ${BALLAST_COMMIT_CC})
add_dependencies(ballast_about ballast_git_commit)
