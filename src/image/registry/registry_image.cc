#include "image/registry/registry_image.h"

#include <nlohmann/json.hpp>

#include "image/descriptor.h"
#include "image/registry/blob_stream.h"
#include "image/registry/client.h"
#include "util/bounded_json.h"
#include "util/error.h"
#include "util/quoted_excerpt.h"

namespace ballast::image::registry {
namespace {

using nlohmann::json;

std::string str(const json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

json parse(const std::string& body, const std::string& where) {
  json j = parse_bounded_json(body, where);
  if (!j.is_object()) throw InputError(where + ": malformed JSON");
  return j;
}


// The image manifests of an index that are images (not buildx attestations).
struct Entry {
  json descriptor;
  Platform platform;
};

std::vector<Entry> images_of(const json& index, const std::string& where) {
  auto m = index.find("manifests");
  if (m == index.end() || !m->is_array()) throw InputError(where + ": index without manifests");
  std::vector<Entry> out;
  for (const auto& d : *m) {
    if (!d.is_object()) throw InputError(where + ": malformed descriptor");
    if (auto a = d.find("annotations"); a != d.end() && a->is_object() &&
                                        str(*a, "vnd.docker.reference.type") == "attestation-manifest")
      continue;
    Entry e{d, {}};
    bool has_platform = false;
    e.platform = descriptor_platform(d, where, &has_platform);
    descriptor_digest(d, where);
    if (e.platform.os == "unknown") continue;
    out.push_back(std::move(e));
  }
  return out;
}

// One image manifest (not an index) followed: config and streaming layers.
ResolvedImage resolve_manifest(const std::shared_ptr<Client>& client, const Manifest& manifest,
                               const std::string& subject) {
  const Reference& ref = client->reference();
  json m = parse(manifest.body, subject);
  auto cfg = m.find("config");
  if (cfg == m.end() || !cfg->is_object()) throw InputError(subject + ": manifest without config");
  std::string config_digest = str(*cfg, "digest");
  blob_path(config_digest, subject);
  const std::string config_where = "docker://" + ref.domain + "/" + ref.repository + "@" + config_digest;
  if (descriptor_size(*cfg, subject) > kMaxJsonBytes) throw InputError(config_where + ": config too large");

  ResolvedImage image;
  image.config = parse_image_config(client->small_blob(config_digest, kMaxJsonBytes), config_where);
  auto layers = m.find("layers");
  if (layers == m.end() || !layers->is_array()) throw InputError(subject + ": manifest without layers");
  const auto& diff_ids = image.config.diff_ids;
  for (std::size_t i = 0; i < layers->size(); ++i) {
    const json& d = (*layers)[i];
    if (!d.is_object()) throw InputError(subject + ": malformed layer descriptor");
    LayerBlob blob;
    blob.digest = str(d, "digest");
    blob_path(blob.digest, subject);  // rejects a malformed digest before it reaches a URL
    blob.media_type = descriptor_media_type(d, subject);
    if (!blob.media_type.empty() && !is_known_layer_media_type(blob.media_type) &&
        blob.media_type.find("foreign") == std::string::npos)
      image.warnings.push_back("layer " + std::to_string(i) + ": unknown media type " +
                               quoted_excerpt(blob.media_type) + " (content sniffed)");
    if (blob.media_type.find("foreign") != std::string::npos || d.contains("urls"))
      throw InputError(subject + ": layer " + std::to_string(i) + " is a foreign layer (not in the registry)");
    blob.source = open_blob_stream(client, blob.digest, descriptor_size(d, subject));
    if (i < diff_ids.size()) blob.diff_id = diff_ids[i];
    if (auto a = d.find("annotations"); a != d.end() && a->is_object())
      for (const auto& [key, value] : a->items())
        if (value.is_string()) blob.annotations.emplace(key, value.get<std::string>());
    image.layers.push_back(std::move(blob));
  }
  if (!diff_ids.empty() && diff_ids.size() != image.layers.size())
    throw InputError(config_where + ": " + std::to_string(image.layers.size()) + " layers but " +
                     std::to_string(diff_ids.size()) + " diff_ids");
  image.name = ref.canonical();
  image.description = "docker://" + ref.canonical();
  if (ref.digest.empty()) image.description += " (" + manifest.digest + ")";
  return image;
}

struct Top {
  std::shared_ptr<Client> client;
  std::string subject;
  Manifest manifest;
};

Top fetch_top(const std::string& text, const ResolveOptions& options) {
  Reference ref = parse_reference(text);
  Top top{std::make_shared<Client>(ref, options.registry), "docker://" + ref.canonical(), {}};
  top.client->ping();
  top.manifest = top.client->manifest(ref.manifest_ref());
  return top;
}

Manifest platform_manifest(Client& client, const std::string& digest, const std::string& subject) {
  Manifest m = client.manifest(digest);
  if (m.is_index()) throw InputError(subject + ": nested index (not supported for registries)");
  return m;
}

}  // namespace

ResolvedImage resolve_registry_image(const std::string& text, const ResolveOptions& options) {
  Top top = fetch_top(text, options);
  if (!top.manifest.is_index()) return resolve_manifest(top.client, top.manifest, top.subject);
  std::vector<Entry> images = images_of(parse(top.manifest.body, top.subject), top.subject);
  if (images.empty()) throw InputError(top.subject + ": index lists no image manifest");
  const Entry* chosen = images.size() == 1 ? &images[0] : nullptr;
  if (!chosen) {
    Platform wanted = parse_platform(options.platform);
    std::string present;
    for (const auto& e : images) {
      present += (present.empty() ? "" : ", ") + to_string(e.platform);
      if (!chosen && platform_matches(wanted, e.platform)) chosen = &e;
    }
    if (!chosen)
      throw InputError(top.subject + ": no image for platform " + options.platform + " (present: " + present + ")");
  }
  return resolve_manifest(top.client, platform_manifest(*top.client, str(chosen->descriptor, "digest"), top.subject),
                          top.subject);
}

std::vector<ResolvedImage> resolve_registry_platforms(const std::string& text, const ResolveOptions& options) {
  Top top = fetch_top(text, options);
  if (!top.manifest.is_index()) return {resolve_manifest(top.client, top.manifest, top.subject)};
  std::vector<ResolvedImage> out;
  for (const Entry& e : images_of(parse(top.manifest.body, top.subject), top.subject))
    out.push_back(resolve_manifest(top.client, platform_manifest(*top.client, str(e.descriptor, "digest"), top.subject),
                                   top.subject));
  if (out.empty()) throw InputError(top.subject + ": index lists no image manifest");
  return out;
}

}  // namespace ballast::image::registry
