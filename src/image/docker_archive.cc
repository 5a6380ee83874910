// `docker save` / `podman save --format docker-archive`: manifest.json lists
// each image's config and layer paths. The legacy layout stores
// "<id>/layer.tar" and "<id>.json"; Docker >= 25 stores OCI blobs
// ("blobs/sha256/<hex>") but still writes the same manifest.json, so one
// reader serves both.
#include <nlohmann/json.hpp>

#include <optional>
#include <string_view>

#include "image/image_choice.h"
#include "image/resolved_image.h"
#include "util/bounded_json.h"
#include "util/error.h"

namespace ballast::image {
namespace {

std::string checked_member_path(const nlohmann::json& v, const std::string& where) {
  if (!v.is_string()) throw InputError(where + ": manifest.json path is not a string");
  std::string p = v.get<std::string>();
  if (p.empty() || p.front() == '/' || p.find("..") != std::string::npos)
    throw InputError(where + ": manifest.json has a hostile path '" + p + "'");
  return p;
}

// "blobs/sha256/<64 hex>" -> "sha256:<hex>"; nullopt for any other name.
std::optional<std::string> digest_of_blob_path(const std::string& path) {
  constexpr std::string_view kPrefix = "blobs/sha256/";
  if (!path.starts_with(kPrefix) || path.size() != kPrefix.size() + 64) return std::nullopt;
  std::string hex = path.substr(kPrefix.size());
  for (char c : hex)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return std::nullopt;
  return "sha256:" + hex;
}

std::string join_names(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
  return out.empty() ? "(untagged)" : out;
}

}  // namespace

ResolvedImage resolve_docker_archive(std::shared_ptr<BlobStore> store,
                                     const ResolveOptions& options) {
  const std::string where = store->name() + ":manifest.json";
  nlohmann::json manifest = parse_bounded_json(read_all(*store->open("manifest.json"), kMaxJsonBytes), where);
  if (manifest.is_discarded() || !manifest.is_array() || manifest.empty())
    throw InputError(where + ": malformed (expected a non-empty JSON array)");

  // Pick the image: by name when given, else the only one.
  const nlohmann::json* chosen = nullptr;
  std::string chosen_name;
  std::vector<std::string> all_names, archive_tags;
  std::string wanted = options.image_name.empty() ? "" : normalize_image_name(options.image_name);
  for (const auto& entry : manifest) {
    if (!entry.is_object()) throw InputError(where + ": malformed entry");
    std::vector<std::string> tags;
    if (auto t = entry.find("RepoTags"); t != entry.end() && t->is_array())
      for (const auto& tag : *t)
        if (tag.is_string()) tags.push_back(tag.get<std::string>());
    all_names.push_back(tags.empty() ? "(untagged)" : join_names(tags));
    archive_tags.insert(archive_tags.end(), tags.begin(), tags.end());
    for (const auto& tag : tags)
      if (!wanted.empty() && normalize_image_name(tag) == wanted) {
        chosen = &entry;
        chosen_name = tag;
      }
  }
  if (!wanted.empty() && !chosen)
    throw InputError(store->name() + ": no image named " + options.image_name +
                     " (present: " + join_names(all_names) + ")");
  if (!chosen) {
    if (manifest.size() > 1) throw ImageChoiceError(store->name(), "NAME:TAG", all_names);
    chosen = &manifest[0];
    if (auto t = chosen->find("RepoTags"); t != chosen->end() && t->is_array() && !t->empty() &&
                                          (*t)[0].is_string())
      chosen_name = (*t)[0].get<std::string>();
  }

  auto config_it = chosen->find("Config");
  auto layers_it = chosen->find("Layers");
  if (config_it == chosen->end() || layers_it == chosen->end() || !layers_it->is_array())
    throw InputError(where + ": entry lacks Config or Layers");

  ResolvedImage image;
  image.name = chosen_name;
  image.archive_tags = std::move(archive_tags);
  std::string config_path = checked_member_path(*config_it, where);
  image.config = parse_image_config(read_all(*store->open(config_path), kMaxJsonBytes),
                                    store->name() + ":" + config_path);
  const auto& diff_ids = image.config.diff_ids;
  if (!diff_ids.empty() && diff_ids.size() != layers_it->size())
    throw InputError(where + ": " + std::to_string(layers_it->size()) + " layers but config has " +
                     std::to_string(diff_ids.size()) + " diff_ids");
  for (std::size_t i = 0; i < layers_it->size(); ++i) {
    std::string path = checked_member_path((*layers_it)[i], where);
    LayerBlob blob;
    blob.source = store->open(path);
    if (i < diff_ids.size()) {
      blob.diff_id = diff_ids[i];
      blob.digest = diff_ids[i];  // legacy docker-archive layers are stored uncompressed
    }
    // Docker >= 25 names each blob by the digest of its stored bytes, which
    // may be compressed (the containerd image store keeps pulled blobs as is).
    if (auto d = digest_of_blob_path(path)) blob.digest = *d;
    image.layers.push_back(std::move(blob));
  }
  image.store = std::move(store);
  return image;
}

}  // namespace ballast::image
