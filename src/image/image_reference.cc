#include "image/image_reference.h"

#include <sys/stat.h>

#include <array>
#include <string_view>

#include "image/blob_store.h"
#include "image/engine/engine_reference.h"
#include "util/error.h"

namespace ballast::image {
namespace {

struct TransportName {
  std::string_view prefix;
  Transport transport;
};

constexpr std::array kTransports = {
    TransportName{"docker-archive:", Transport::kDockerArchive},
    TransportName{"oci-archive:", Transport::kOciArchive},
    TransportName{"oci:", Transport::kOciDir},
    TransportName{"docker://", Transport::kRegistry},
};

Transport detect(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) throw InputError(path + ": no such file or directory");
  if (S_ISDIR(st.st_mode)) {
    struct stat layout {};
    if (::stat((path + "/oci-layout").c_str(), &layout) == 0) return Transport::kOciDir;
    throw InputError(path + ": a directory without oci-layout is not an OCI image layout");
  }
  auto store = open_tar_store(path);
  if (store->exists("manifest.json")) return Transport::kDockerArchive;
  if (store->exists("index.json")) return Transport::kOciArchive;
  throw InputError(path + ": not an image archive (no manifest.json or index.json)");
}

}  // namespace

const char* to_string(Transport t) {
  switch (t) {
    case Transport::kDockerArchive: return "docker-archive";
    case Transport::kOciDir: return "oci";
    case Transport::kOciArchive: return "oci-archive";
    case Transport::kDockerDaemon: return "docker-daemon";
    case Transport::kStdin: return "stdin";
    case Transport::kRegistry: return "docker";
  }
  return "unknown";
}

ImageReference parse_image_reference(const std::string& text) {
  ImageReference ref;
  if (text == "-") {
    ref.transport = Transport::kStdin;
    ref.path = "-";
    return ref;
  }
  if (constexpr std::string_view kDaemon = "docker-daemon:"; text.starts_with(kDaemon)) {
    ref.transport = Transport::kDockerDaemon;
    ref.engine_ref = text.substr(kDaemon.size());
    if (ref.engine_ref.empty()) throw InputError(text + ": missing image name");
    return ref;
  }
  for (const auto& t : kTransports) {
    if (!std::string_view(text).starts_with(t.prefix)) continue;
    ref.transport = t.transport;
    std::string rest = text.substr(t.prefix.size());
    if (t.transport == Transport::kRegistry) {
      ref.path = rest;  // parsed (and checked) by registry::parse_reference
      return ref;
    }
    // Like skopeo: the path ends at the first ':'; the rest names the image.
    auto colon = rest.find(':');
    ref.path = rest.substr(0, colon);
    if (colon != std::string::npos) ref.tag = rest.substr(colon + 1);
    if (ref.path.empty()) throw InputError(text + ": missing path");
    return ref;
  }
  struct stat st {};
  if (::stat(text.c_str(), &st) != 0 && engine::is_engine_reference(text)) {
    ref.transport = Transport::kDockerDaemon;
    ref.engine_ref = text;
    ref.implicit = true;
    return ref;
  }
  if (auto colon = text.find(':'); colon != std::string::npos) {
    if (::stat(text.c_str(), &st) != 0)
      throw InputError(text + ": unknown transport '" + text.substr(0, colon) +
                       "' (use docker-daemon:, docker://, docker-archive:, oci: or oci-archive:)");
  }
  ref.path = text;
  ref.transport = detect(text);
  return ref;
}

}  // namespace ballast::image
