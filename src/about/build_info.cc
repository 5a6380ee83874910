#include "about/build_info.h"

#include <CLI/Version.hpp>
#include <archive.h>
#include <curl/curl.h>
#include <isa-l.h>
#include <openssl/crypto.h>
#include <openssl/opensslv.h>
#include <toml++/impl/version.h>
#include <xxhash.h>
#include <zstd.h>

#include <nlohmann/json.hpp>
#include <string>

#include "about/build_config.h"
#include "util/version.h"

namespace ballast::about {
namespace {

std::string dotted(unsigned major, unsigned minor, unsigned patch) {
  return std::to_string(major) + "." + std::to_string(minor) + "." + std::to_string(patch);
}

// archive_version_string() is "libarchive 3.6.2": keep the number.
std::string after_space(const char* s) {
  std::string text = s ? s : "";
  auto space = text.rfind(' ');
  return space == std::string::npos ? text : text.substr(space + 1);
}

std::string compiler() {
#if defined(__clang__)
  return "Clang " __clang_version__;
#elif defined(__GNUC__)
  return "GCC " + dotted(__GNUC__, __GNUC_MINOR__, __GNUC_PATCHLEVEL__);
#else
  return "unknown";
#endif
}

}  // namespace

BuildInfo build_info() {
  BuildInfo info;
  info.version = kVersion;
  info.commit = kGitCommit;
  info.build_type = kBuildType;
  info.compiler = compiler();

  const curl_version_info_data* curl = curl_version_info(CURLVERSION_NOW);
  unsigned xxh = XXH_versionNumber();  // major*10000 + minor*100 + release
  info.libraries = {
      {"libarchive", after_space(archive_version_string()), ARCHIVE_VERSION_ONLY_STRING},
      {"zstd", ZSTD_versionString(), ZSTD_VERSION_STRING},
      // ISA-L has no run-time version call: the headers' is what was built against.
      {"isa-l", "", dotted(ISAL_MAJOR_VERSION, ISAL_MINOR_VERSION, ISAL_PATCH_VERSION)},
      {"libcurl", curl ? curl->version : "", LIBCURL_VERSION},
      {"openssl", OpenSSL_version(OPENSSL_VERSION_STRING), OPENSSL_VERSION_STR},
      {"xxhash", dotted(xxh / 10000, xxh / 100 % 100, xxh % 100),
       dotted(XXH_VERSION_MAJOR, XXH_VERSION_MINOR, XXH_VERSION_RELEASE)},
      // yaml-cpp has neither a version call nor a version macro: CMake's package version.
      {"yaml-cpp", "", kYamlCppVersion},
      // Debian builds toml++ as a shared library, but it has no version call either.
      {"toml++", "", dotted(TOML_LIB_MAJOR, TOML_LIB_MINOR, TOML_LIB_PATCH)},
      // Header-only libraries: compiled in, so the header version is the one running.
      {"nlohmann-json", "",
       dotted(NLOHMANN_JSON_VERSION_MAJOR, NLOHMANN_JSON_VERSION_MINOR, NLOHMANN_JSON_VERSION_PATCH)},
      {"CLI11", "", CLI11_VERSION},
  };
  return info;
}

}  // namespace ballast::about
