#include "image/resolved_image.h"

#include <array>
#include <string_view>

#include "image/registry/registry_image.h"
#include "util/error.h"

namespace ballast::image {

ResolvedImage resolve_image(const ImageReference& ref, const ResolveOptions& options) {
  ResolveOptions opts = options;
  if (opts.image_name.empty()) opts.image_name = ref.tag;
  if (ref.transport == Transport::kRegistry) return registry::resolve_registry_image(ref.path, opts);
  std::shared_ptr<BlobStore> store = ref.transport == Transport::kOciDir
                                         ? open_directory_store(ref.path)
                                         : open_tar_store(ref.path);
  ResolvedImage image;
  if (ref.transport == Transport::kDockerArchive) {
    if (!store->exists("manifest.json"))
      throw InputError(ref.path + ": not a docker-archive (no manifest.json)");
    image = resolve_docker_archive(store, opts);
  } else {
    if (!store->exists("index.json"))
      throw InputError(ref.path + ": not an OCI image layout (no index.json)");
    image = resolve_oci_layout(store, opts);
  }
  image.description = std::string(to_string(ref.transport)) + ":" + ref.path;
  if (!image.name.empty()) image.description += " (" + image.name + ")";
  return image;
}

std::vector<ResolvedImage> resolve_all_platforms(const ImageReference& ref, const ResolveOptions& options) {
  if (ref.transport == Transport::kRegistry) return registry::resolve_registry_platforms(ref.path, options);
  std::vector<ResolvedImage> one;
  one.push_back(resolve_image(ref, options));
  return one;
}

std::string blob_path(const std::string& digest, const std::string& where) {
  auto colon = digest.find(':');
  std::string_view alg = std::string_view(digest).substr(0, colon);
  std::size_t want = alg == "sha256" ? 64 : alg == "sha512" ? 128 : 0;
  std::string_view hex =
      colon == std::string::npos ? std::string_view() : std::string_view(digest).substr(colon + 1);
  bool ok = want != 0 && hex.size() == want;
  for (char c : hex) ok = ok && ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
  if (!ok) throw InputError(where + ": malformed digest '" + digest + "'");
  return "blobs/" + std::string(alg) + "/" + std::string(hex);
}

std::string normalize_image_name(std::string name) {
  static constexpr std::array<std::string_view, 3> kDefaultPrefixes = {
      "docker.io/library/", "docker.io/", "localhost/"};
  for (auto prefix : kDefaultPrefixes) {
    if (std::string_view(name).starts_with(prefix)) {
      name.erase(0, prefix.size());
      break;
    }
  }
  auto slash = name.rfind('/');
  auto colon = name.rfind(':');
  bool has_tag = colon != std::string::npos && (slash == std::string::npos || colon > slash);
  if (!has_tag && name.find('@') == std::string::npos) name += ":latest";
  return name;
}

}  // namespace ballast::image
